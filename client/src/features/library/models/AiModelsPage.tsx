import { Link } from 'react-router';
import { AiModelsDocument } from '../../../gql/graphql';
import { buttonClass } from '../../../ui';
import { LibraryCard } from '../LibraryGrid';
import { LibraryEmptyState } from '../LibraryEmptyState';
import { LibraryPageHeader } from '../LibraryLayout';
import { LibraryList } from '../LibraryList';
import { LibrarySearch, useLibrarySearchTerm } from '../LibrarySearch';
import { PersonaIcon, PlusIcon } from '../library-icons';
import { useLibraryList } from '../use-library-list';
import { TagList } from './TagList';

/** What an AI model is for, said on the list and its empty state. */
export const AI_MODELS_LEAD =
  'A persona with its own look and style: a description, tags and reference images that every generation with it starts from.';

/** /library/models: my AI models (personas) as cards with their covers, newest first, searchable. */
export function AiModelsPage() {
  const search = useLibrarySearchTerm();
  const list = useLibraryList(AiModelsDocument, {
    field: 'aiModels',
    variables: { search: search || null },
    failureTitle: 'Could not load more AI models',
  });
  return (
    <>
      <LibraryPageHeader
        title="AI models"
        lead={AI_MODELS_LEAD}
        actions={
          <Link className={buttonClass('primary')} to="/library/models/new">
            <PlusIcon size={18} />
            New AI model
          </Link>
        }
        tools={<LibrarySearch label="Search AI models" busy={list.refreshing} />}
      />
      <LibraryList
        list={list}
        label="AI models, newest first"
        loadingLabel="Loading your AI models…"
        errorTitle="Can’t load your AI models"
        empty={
          <LibraryEmptyState
            icon={<PersonaIcon size={24} />}
            title="No AI models yet"
            message="An AI model is a persona you generate again and again: give it a description, tags and reference images of its look, then put characters in it or generate with it directly."
            createTo="/library/models/new"
            createLabel="Create an AI model"
            search={search}
            noun="AI models"
          />
        }
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
    </>
  );
}
