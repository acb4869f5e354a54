import { AiModelsDocument } from '../../../gql/graphql';
import { PersonaIcon } from '../../../ui';
import { LibraryCard } from '../LibraryGrid';
import { LibraryListPage } from '../LibraryListPage';
import { TagList } from './TagList';

/** What an AI model is for, said on the list and its empty state. */
export const AI_MODELS_LEAD =
  'A persona with its own look and style: a description, tags and reference images that every generation with it starts from.';

/** /library/models: my AI models (personas) as cards with their covers, newest first, searchable. */
export function AiModelsPage() {
  return (
    <LibraryListPage
      document={AiModelsDocument}
      field="aiModels"
      title="AI models"
      lead={AI_MODELS_LEAD}
      noun="AI models"
      icon={PersonaIcon}
      createTo="/library/models/new"
      newLabel="New AI model"
      createLabel="Create an AI model"
      emptyMessage="An AI model is a persona you generate again and again: give it a description, tags and reference images of its look, then put characters in it or generate with it directly."
      renderItem={(model) => (
        <LibraryCard
          key={model.id}
          to={`/library/models/${model.id}`}
          title={model.name}
          subtitle={model.description || undefined}
          image={model.cover}
          placeholder={<PersonaIcon size={36} />}
          meta={model.tags.length > 0 ? <TagList tags={model.tags} max={3} /> : undefined}
        />
      )}
    />
  );
}
