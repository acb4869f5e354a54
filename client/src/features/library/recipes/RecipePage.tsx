import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  DeleteRecipeDocument,
  GenerationCatalogDocument,
  RecipeDocument,
  RecipeVersionDocument,
} from '../../../gql/graphql';
import type { RecipeVersionFieldsFragment } from '../../../gql/graphql';
import {
  Alert,
  Button,
  Card,
  ConfirmDialog,
  ErrorState,
  LoadingState,
  buttonClass,
  useToast,
} from '../../../ui';
import { errorMessage, hasErrorCode, readApiError } from '../../account/api-errors';
import { firstUsableModel } from '../../generate/form-state';
import { LibraryPageHeader } from '../LibraryLayout';
import { newRecipeValues, templateChanged, valuesFromVersion } from './recipe-form';
import { DuplicateRecipeDialog, RenameRecipeDialog } from './RecipeDialogs';
import { RecipeForm } from './RecipeForm';
import { RecipeSettingsView } from './RecipeSettingsView';
import { TemplateChangedNotice, VersionList } from './RecipeVersions';
import { RunPanel } from './RunPanel';
import '../../generate/generate.css';
import '../templates/templates.css';
import './recipes.css';

function BackLink() {
  return (
    <Link className={buttonClass('ghost', 'sm')} to="/library/recipes">
      All recipes
    </Link>
  );
}

/** "?version=3": the version asked for in the address, or null for the latest. */
function askedVersion(params: URLSearchParams): number | null {
  const value = Number(params.get('version'));
  return Number.isInteger(value) && value >= 1 ? value : null;
}

/**
 * /library/recipes/:id: one recipe — the shown version's settings (`?version=N` for an older
 * one, read-only), its versions, rename, duplicate, delete, and the run panel beside them
 * (`?run=1` opens with it focused). `?edit=1` shows the form that saves the next version.
 */
export function RecipePage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const toast = useToast();
  const [dialog, setDialog] = useState<'rename' | 'duplicate' | 'delete' | null>(null);
  const [remove] = useMutation(DeleteRecipeDocument);
  const query = useQuery(RecipeDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const catalogue = useQuery(GenerationCatalogDocument, { fetchPolicy: 'cache-and-network' });
  const recipe = query.data?.recipe;
  const asked = askedVersion(params);
  const wantsOlder = Boolean(recipe && asked !== null && asked !== recipe.latestVersionNumber);
  const older = useQuery(RecipeVersionDocument, {
    variables: { id, version: asked ?? 1 },
    skip: !wantsOlder,
  });
  const editing = params.get('edit') === '1';
  const focusRun = params.get('run') === '1';

  if (!recipe) {
    if (query.error) {
      const missing = hasErrorCode(query.error, 'NOT_FOUND');
      return (
        <>
          <LibraryPageHeader title="Recipe" actions={<BackLink />} />
          <ErrorState
            title={missing ? 'This recipe doesn’t exist' : 'Can’t load this recipe'}
            message={
              missing
                ? 'It may have been deleted. Generations made with it keep their settings and results.'
                : errorMessage(readApiError(query.error))
            }
            onRetry={missing ? undefined : () => void query.refetch()}
            retrying={query.loading}
            actions={missing ? <BackLink /> : undefined}
          />
        </>
      );
    }
    return <LoadingState label="Loading the recipe…" />;
  }

  const providers = catalogue.data?.providers;
  const version: RecipeVersionFieldsFragment | null | undefined = wantsOlder
    ? older.data?.recipe.version
    : recipe.latestVersion;
  const latest = !wantsOlder;

  async function confirmDelete() {
    if (!recipe) return;
    try {
      await remove({
        variables: { id: recipe.id },
        update(cache) {
          cache.evict({ id: cache.identify({ __typename: 'Recipe', id: recipe.id }) });
          cache.gc();
        },
      });
    } catch (failure) {
      const api = readApiError(failure);
      if (api.code !== 'NOT_FOUND') throw new Error(errorMessage(api), { cause: failure });
    }
    setDialog(null);
    toast.show({ tone: 'success', message: `Deleted the recipe “${recipe.name}”.` });
    void navigate('/library/recipes', { replace: true });
  }

  function setSearch(next: Record<string, string>) {
    setParams(new URLSearchParams(next));
  }

  const header = (
    <LibraryPageHeader
      title={recipe.name}
      lead={recipe.description || undefined}
      actions={
        <>
          {!editing && (
            <Button variant="primary" onClick={() => setSearch({ edit: '1' })}>
              Edit
            </Button>
          )}
          <Button onClick={() => setDialog('rename')}>Rename</Button>
          <Button onClick={() => setDialog('duplicate')}>Duplicate</Button>
          <Button variant="danger" onClick={() => setDialog('delete')}>
            Delete
          </Button>
          <BackLink />
        </>
      }
    />
  );

  const dialogs = (
    <>
      <RenameRecipeDialog
        recipe={recipe}
        open={dialog === 'rename'}
        onClose={() => setDialog(null)}
        onRenamed={(name) => {
          setDialog(null);
          toast.show({ tone: 'success', message: `Renamed to “${name}”.` });
        }}
      />
      <DuplicateRecipeDialog
        recipe={recipe}
        latestVersion={recipe.latestVersionNumber}
        open={dialog === 'duplicate'}
        onClose={() => setDialog(null)}
        onDuplicated={(copy) => {
          setDialog(null);
          toast.show({ tone: 'success', message: `Made “${copy.name}” from this recipe.` });
          void navigate(`/library/recipes/${copy.id}`);
        }}
      />
      <ConfirmDialog
        open={dialog === 'delete'}
        title={`Delete “${recipe.name}”?`}
        description={`Its ${recipe.latestVersionNumber === 1 ? 'only version goes' : `${recipe.latestVersionNumber} versions go`} with it. Generations made with it keep their settings and results. This can’t be undone.`}
        confirmLabel="Delete recipe"
        onConfirm={confirmDelete}
        onCancel={() => setDialog(null)}
      />
    </>
  );

  if (!providers) {
    return (
      <>
        {header}
        {catalogue.error ? (
          <ErrorState
            title="Can’t load the models"
            message={errorMessage(readApiError(catalogue.error))}
            onRetry={() => void catalogue.refetch()}
            retrying={catalogue.loading}
          />
        ) : (
          <LoadingState label="Loading the models…" />
        )}
        {dialogs}
      </>
    );
  }

  if (editing) {
    const base = recipe.latestVersion;
    const prefill = valuesFromVersion(providers, base);
    const usable = firstUsableModel(providers);
    const initial = prefill ?? (usable ? newRecipeValues(usable.provider, usable.model) : null);
    return (
      <>
        {header}
        {initial ? (
          <RecipeForm
            key={base.id}
            providers={providers}
            initialValues={initial}
            initialReferences={base.references}
            recipe={recipe}
            notice={
              prefill && base.template && !base.sourceTemplate ? (
                <Alert tone="warning">
                  The template “{base.template.name}” of version {recipe.latestVersionNumber} has
                  been deleted. Choose another template, or write a prompt, for version{' '}
                  {recipe.latestVersionNumber + 1}.
                </Alert>
              ) : prefill ? (
                <Alert tone="info" announce="none">
                  Starting from version {recipe.latestVersionNumber}. Change what you like; saving
                  adds version {recipe.latestVersionNumber + 1}.
                </Alert>
              ) : (
                <Alert tone="warning">
                  {base.provider} / {base.model} is no longer offered here, so the form starts from
                  another model. Saving adds version {recipe.latestVersionNumber + 1} with it.
                </Alert>
              )
            }
            onSaved={(saved) => {
              toast.show({
                tone: 'success',
                message: `Saved version ${saved.latestVersionNumber} of “${saved.name}”.`,
              });
              setSearch({});
            }}
            onCancel={() => setSearch({})}
          />
        ) : (
          <ErrorState
            title="No generators are set up"
            message="This server has no provider that is set up, so a new version can’t be saved."
          />
        )}
        {dialogs}
      </>
    );
  }

  let body;
  if (!version) {
    body =
      wantsOlder && (older.error || (older.data && !older.data.recipe.version)) ? (
        <ErrorState
          title={`Version ${asked} can’t be shown`}
          message={
            older.error
              ? errorMessage(readApiError(older.error))
              : `${recipe.name} has versions 1 to ${recipe.latestVersionNumber}.`
          }
          actions={
            <Link className={buttonClass('secondary')} to=".">
              Show the latest version
            </Link>
          }
        />
      ) : (
        <LoadingState label={`Loading version ${asked}…`} />
      );
  } else {
    body = (
      <div className="recipe-layout">
        <div className="recipe-layout__main">
          {!latest && (
            <Alert
              tone="warning"
              title={`Version ${version.version} of ${recipe.latestVersionNumber}`}
              actions={
                <Link className={buttonClass('secondary', 'sm')} to=".">
                  Show the latest
                </Link>
              }
            >
              An older version, shown read-only. It can still be run as it was saved.
            </Alert>
          )}
          {templateChanged(version) && (
            <TemplateChangedNotice recipe={recipe} version={version} latest={latest} />
          )}
          {version.template && !version.sourceTemplate && (
            <Alert tone="info" announce="none">
              The template “{version.template.name}” has been deleted; this version keeps its text
              and still runs.
            </Alert>
          )}
          <Card title={latest ? 'Settings' : `Settings of version ${version.version}`}>
            <RecipeSettingsView version={version} providers={providers} />
          </Card>
        </div>
        <div className="recipe-layout__versions">
          <VersionList recipe={recipe} shown={version.version} providers={providers} />
        </div>
        <div className="recipe-layout__run">
          <RunPanel
            key={version.id}
            recipeId={recipe.id}
            version={version}
            latest={latest}
            providers={providers}
            focus={focusRun}
          />
        </div>
      </div>
    );
  }

  return (
    <>
      {header}
      {body}
      {dialogs}
    </>
  );
}
