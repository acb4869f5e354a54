import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { AiModelDocument, DeleteAiModelDocument } from '../../../gql/graphql';
import type { AiModelDetailFragment } from '../../../gql/graphql';
import { EmptyState, PersonIcon, PersonaIcon, PlusIcon, buttonClass, useToast } from '../../../ui';
import { LibraryCard, LibraryGrid } from '../LibraryGrid';
import { forgetPersona } from '../persona/persona-cache';
import { LEAVE_WITHOUT_ASKING } from '../persona/PersonaForm';
import { PersonaOverview, PersonaPageState } from '../persona/PersonaPage';
import { AiModelForm } from './AiModelForm';
import { TagList } from './TagList';

/** The characters that belong to an AI model, and a way to add one. */
function ModelCharacters({ model }: { model: AiModelDetailFragment }) {
  const addTo = `/library/characters/new?aiModel=${encodeURIComponent(model.id)}`;
  return (
    <section className="persona-characters" aria-labelledby="model-characters">
      <div className="persona-characters__header">
        <h2 id="model-characters">Characters</h2>
        <Link className={buttonClass('secondary', 'sm')} to={addTo}>
          <PlusIcon size={16} />
          Add a character
        </Link>
      </div>
      {model.characters.length === 0 ? (
        <EmptyState
          compact
          headingLevel={3}
          icon={<PersonIcon size={24} />}
          title="No characters in it yet"
          message="Characters of this AI model share its look and style, each with their own traits and images."
        />
      ) : (
        <LibraryGrid label={`Characters of ${model.name}`}>
          {model.characters.map((character) => (
            <LibraryCard
              key={character.id}
              to={`/library/characters/${character.id}`}
              title={character.name}
              subtitle={character.description || undefined}
              image={character.cover}
              placeholder={<PersonIcon size={32} />}
            />
          ))}
        </LibraryGrid>
      )}
    </section>
  );
}

/**
 * /library/models/:id: one AI model, editable in place, with its characters, a way to generate
 * with it and Delete.
 */
export function AiModelPage() {
  const { id = '' } = useParams();
  const toast = useToast();
  const navigate = useNavigate();
  const apollo = useApolloClient();
  const query = useQuery(AiModelDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [deleteAiModel] = useMutation(DeleteAiModelDocument);
  const model = query.data?.aiModel;

  if (!model) {
    return (
      <PersonaPageState
        error={query.error}
        what="AI model"
        listTo="/library/models"
        listLabel="All AI models"
        onRetry={() => void query.refetch()}
        retrying={query.loading}
      />
    );
  }

  const count = model.characters.length;
  return (
    <PersonaOverview
      title={model.name}
      lead={
        count > 0
          ? `An AI model with ${count} character${count === 1 ? '' : 's'}.`
          : 'An AI model, with no characters yet.'
      }
      back={{ to: '/library/models', label: 'AI models' }}
      generateTo={`/generate?aiModel=${encodeURIComponent(model.id)}`}
      generateLabel="Generate with this model"
      cover={model.cover}
      placeholder={<PersonaIcon size={48} />}
      createdAt={model.createdAt}
      updatedAt={model.updatedAt}
      facts={
        <>
          {model.tags.length > 0 && (
            <div>
              <dt>Tags</dt>
              <dd>
                <TagList tags={model.tags} />
              </dd>
            </div>
          )}
          <div>
            <dt>Characters</dt>
            <dd>{count > 0 ? <a href="#model-characters">{count}</a> : 'None yet'}</dd>
          </div>
          <div>
            <dt>Reference images</dt>
            <dd>{model.references.length || 'None yet'}</dd>
          </div>
        </>
      }
      deletion={{
        title: `Delete ${model.name}?`,
        description: `The AI model leaves your library. ${count > 0 ? `Its ${count === 1 ? 'character stays' : `${count} characters stay`}, in no AI model. ` : ''}Generations made with it keep their snapshot of it, and its images stay in your uploads.`,
        confirmLabel: 'Delete AI model',
        run: async () => {
          await deleteAiModel({ variables: { id: model.id } });
          toast.show({ tone: 'success', message: `${model.name} is deleted.` });
          await navigate('/library/models', { replace: true, state: LEAVE_WITHOUT_ASKING });
          forgetPersona(apollo.cache, 'AiModel', model.id);
        },
      }}
      below={<ModelCharacters model={model} />}
    >
      <AiModelForm key={model.id} model={model} />
    </PersonaOverview>
  );
}
