import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { UpdateRecipeDocument } from '../../../gql/graphql';
import type { RecipeQuery, RecipeVersionFieldsFragment } from '../../../gql/graphql';
import { Alert, Button, Card, StatusBadge, buttonClass, useToast } from '../../../ui';
import { errorMessage, readApiError } from '../../account/api-errors';
import type { Provider } from '../../generate/form-state';
import { formatDateTime } from '../../server/format';
import { presetFromVersion } from './recipe-form';
import { modelNames } from './RecipeSettingsView';

type Recipe = RecipeQuery['recipe'];

/** Every version, newest first: open one (read-only) or run it. */
export function VersionList({
  recipe,
  shown,
  providers,
}: {
  recipe: Recipe;
  shown: number;
  providers: readonly Provider[];
}) {
  return (
    <Card
      title="Versions"
      description="Each save is a new version; none ever changes. Generations remember the version they ran."
    >
      <ol className="recipe-versions" aria-label="Versions, newest first">
        {recipe.versions.map((entry, index) => {
          const latest = entry.version === recipe.latestVersionNumber;
          const previous = recipe.versions[index + 1];
          const modelChanged =
            previous && (previous.provider !== entry.provider || previous.model !== entry.model);
          const link = latest ? '' : `?version=${entry.version}`;
          return (
            <li
              key={entry.id}
              className="recipe-versions__item"
              aria-current={entry.version === shown ? 'true' : undefined}
              data-testid="recipe-version"
            >
              <div className="recipe-versions__main">
                <span className="recipe-versions__title">
                  Version {entry.version}
                  {latest && <StatusBadge tone="info">Latest</StatusBadge>}
                  {entry.version === shown && <span className="visually-hidden"> (shown)</span>}
                </span>
                <span className="recipe-versions__meta">
                  <time dateTime={entry.createdAt}>
                    {formatDateTime(new Date(entry.createdAt))}
                  </time>
                  {modelChanged && ` · ${modelNames(providers, entry.provider, entry.model).model}`}
                </span>
                {entry.note && <span className="recipe-versions__note">{entry.note}</span>}
              </div>
              <div className="cluster">
                {entry.version !== shown && (
                  <Link
                    className={buttonClass('ghost', 'sm')}
                    to={link || '.'}
                    aria-label={`View version ${entry.version}`}
                  >
                    View
                  </Link>
                )}
                <Link
                  className={buttonClass('secondary', 'sm')}
                  to={`?${latest ? '' : `version=${entry.version}&`}run=1`}
                  aria-label={`Run version ${entry.version}`}
                >
                  Run
                </Link>
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

/** Says the template changed since the version was saved, and offers a version with the new text. */
export function TemplateChangedNotice({
  recipe,
  version,
  latest,
}: {
  recipe: Recipe;
  version: RecipeVersionFieldsFragment;
  latest: boolean;
}) {
  const toast = useToast();
  const [update, { loading }] = useMutation(UpdateRecipeDocument);
  const name = version.sourceTemplate?.name ?? version.template?.name ?? '';

  async function saveWithNewText() {
    try {
      const result = await update({
        variables: {
          input: {
            id: recipe.id,
            ...presetFromVersion(version, `Uses the current text of “${name}”`),
          },
        },
      });
      const saved = result.data?.updateRecipe;
      if (saved) {
        toast.show({
          tone: 'success',
          message: `Saved version ${saved.latestVersionNumber} with the template’s current text.`,
        });
      }
    } catch (failure) {
      const api = readApiError(failure);
      const details = Object.values(api.fieldErrors).flat().join(' ');
      toast.show({
        tone: 'danger',
        title: 'Could not save a new version',
        message: details || errorMessage(api),
      });
    }
  }

  return (
    <Alert
      tone="info"
      title={`The template “${name}” has changed since this version was saved`}
      actions={
        latest ? (
          <Button size="sm" loading={loading} onClick={() => void saveWithNewText()}>
            Save version {recipe.latestVersionNumber + 1} with the new text
          </Button>
        ) : undefined
      }
    >
      Runs of version {version.version} use the text saved with it.{' '}
      {latest
        ? 'Save a new version to use the template as it is now.'
        : 'The latest version can be saved again with the new text.'}
    </Alert>
  );
}
