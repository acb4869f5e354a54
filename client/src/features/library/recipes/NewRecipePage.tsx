import { useQuery } from '@apollo/client/react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { GenerationCatalogDocument } from '../../../gql/graphql';
import {
  EmptyState,
  ErrorState,
  ImageIcon,
  LoadingState,
  buttonClass,
  useToast,
} from '../../../ui';
import { errorMessage, readApiError } from '../../account/api-errors';
import { firstUsableModel } from '../../generate/form-state';
import { LibraryPageHeader } from '../LibraryLayout';
import { newRecipeValues } from './recipe-form';
import { RecipeForm } from './RecipeForm';
import '../../generate/generate.css';
import '../templates/templates.css';
import './recipes.css';

/**
 * /library/recipes/new: a preset saved as version 1. `?template=<id>` starts with that
 * template chosen (from a template's page).
 */
export function NewRecipePage() {
  const navigate = useNavigate();
  const toast = useToast();
  const [params] = useSearchParams();
  const templateId = params.get('template');
  const catalogue = useQuery(GenerationCatalogDocument, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const providers = catalogue.data?.providers;

  const header = (
    <LibraryPageHeader
      title="New recipe"
      lead="A generation preset you can run again and again: the model and its settings, a prompt or a template with default values, and who is in it."
      actions={
        <Link className={buttonClass('ghost', 'sm')} to="/library/recipes">
          All recipes
        </Link>
      }
    />
  );

  if (!providers) {
    return (
      <>
        {header}
        {catalogue.error ? (
          <ErrorState
            title="Can’t load the models"
            message={errorMessage(readApiError(catalogue.error))}
            nextStep="Check that the aiofm server is running and reachable, then try again."
            onRetry={() => void catalogue.refetch()}
            retrying={catalogue.loading}
          />
        ) : (
          <LoadingState label="Loading the models…" />
        )}
      </>
    );
  }
  const usable = firstUsableModel(providers);
  if (!usable) {
    return (
      <>
        {header}
        <EmptyState
          icon={<ImageIcon size={24} />}
          title="No generators are set up"
          message="This server has no provider that is set up to generate images or video, so there is nothing to make a recipe for yet. The operators can turn one on."
        />
      </>
    );
  }
  const initial = newRecipeValues(usable.provider, usable.model);
  if (templateId) {
    initial.source = 'template';
    initial.templateId = templateId;
  }
  return (
    <>
      {header}
      <RecipeForm
        providers={providers}
        initialValues={initial}
        recipe={null}
        onSaved={(recipe) => {
          toast.show({ tone: 'success', message: `Saved the recipe “${recipe.name}”.` });
          void navigate(`/library/recipes/${recipe.id}`, { replace: true });
        }}
      />
    </>
  );
}
