import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { GenerationCatalogDocument, RecipesDocument } from '../../../gql/graphql';
import type { RecipeSummaryFragment } from '../../../gql/graphql';
import { RecipeIcon } from '../../../ui';
import { kindLabel, promptExcerpt } from '../../generate/generation-format';
import { LibraryCard } from '../LibraryGrid';
import { LibraryListPage } from '../LibraryListPage';
import { modelNames } from './RecipeSettingsView';
import type { Provider } from '../../generate/form-state';
import './recipes.css';

/** What a recipe is for, said on the list and its empty state. */
export const RECIPES_LEAD =
  'Generation presets to run again: a model and its settings, a prompt or template, and who is in it. Every change is kept as a version.';

/** The line under a recipe's name: its description, else what its prompt is. */
function subtitle(recipe: RecipeSummaryFragment): string {
  if (recipe.description) return recipe.description;
  const latest = recipe.latestVersion;
  if (latest.template) return `Template: ${latest.template.name}`;
  return latest.settings.prompt ? promptExcerpt(latest.settings.prompt, 100) : '';
}

/** The card's cover: what kind it makes and with which model. */
function RecipeCover({
  recipe,
  providers,
}: {
  recipe: RecipeSummaryFragment;
  providers: readonly Provider[];
}) {
  const names = modelNames(providers, recipe.latestVersion.provider, recipe.latestVersion.model);
  return (
    <span className="recipe-cover">
      <RecipeIcon size={32} />
      <span className="recipe-cover__model">{names.model}</span>
      <span className="recipe-cover__provider">{names.provider}</span>
    </span>
  );
}

/** /library/recipes: my recipes, newest first, searchable; each opens to run it. */
export function RecipesPage() {
  // For the models' names on the cards; ids stand in until it arrives.
  const catalogue = useQuery(GenerationCatalogDocument);
  const providers = catalogue.data?.providers ?? [];
  return (
    <LibraryListPage
      document={RecipesDocument}
      field="recipes"
      title="Recipes"
      lead={RECIPES_LEAD}
      noun="recipes"
      icon={RecipeIcon}
      createTo="/library/recipes/new"
      newLabel="New recipe"
      createLabel="Create a recipe"
      emptyMessage="A recipe keeps a way of generating you like: the model and its settings, a prompt or a template with default values, your characters and AI model. Run it again with one press, changing only what differs; every edit is saved as a new version, and older ones stay runnable."
      renderItem={(recipe) => (
        <LibraryCard
          key={recipe.id}
          to={`/library/recipes/${recipe.id}`}
          title={recipe.name}
          subtitle={subtitle(recipe) || undefined}
          placeholder={<RecipeCover recipe={recipe} providers={providers} />}
          meta={
            <ul className="library-chips" aria-label="About">
              <li className="library-chip">{kindLabel(recipe.latestVersion.kind)}</li>
              <li className="library-chip">Version {recipe.latestVersionNumber}</li>
              <li>
                <Link
                  className="recipe-card__run"
                  to={`/library/recipes/${recipe.id}?run=1`}
                  aria-label={`Run ${recipe.name}`}
                >
                  Run
                </Link>
              </li>
            </ul>
          }
        />
      )}
    />
  );
}
