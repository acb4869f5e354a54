import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { CharacterDocument, DeleteCharacterDocument } from '../../../gql/graphql';
import { PersonIcon, useToast } from '../../../ui';
import { forgetPersona } from '../persona/persona-cache';
import { LEAVE_WITHOUT_ASKING } from '../persona/PersonaForm';
import { PersonaOverview, PersonaPageState } from '../persona/PersonaPage';
import { CharacterForm } from './CharacterForm';

/**
 * /library/characters/:id: one character, editable in place, with its AI model, a way to
 * generate with it and Delete.
 */
export function CharacterPage() {
  const { id = '' } = useParams();
  const toast = useToast();
  const navigate = useNavigate();
  const apollo = useApolloClient();
  const query = useQuery(CharacterDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [deleteCharacter] = useMutation(DeleteCharacterDocument);
  const character = query.data?.character;

  if (!character) {
    return (
      <PersonaPageState
        error={query.error}
        what="character"
        listTo="/library/characters"
        listLabel="All characters"
        onRetry={() => void query.refetch()}
        retrying={query.loading}
      />
    );
  }

  const model = character.aiModel;
  return (
    <PersonaOverview
      title={character.name}
      lead={
        model ? (
          <>
            A character of <Link to={`/library/models/${model.id}`}>{model.name}</Link>.
          </>
        ) : (
          'A character of its own, in no AI model.'
        )
      }
      back={{ to: '/library/characters', label: 'Characters' }}
      generateTo={`/generate?character=${encodeURIComponent(character.id)}`}
      generateLabel="Generate with this character"
      cover={character.cover}
      placeholder={<PersonIcon size={48} />}
      createdAt={character.createdAt}
      updatedAt={character.updatedAt}
      facts={
        <>
          <div>
            <dt>AI model</dt>
            <dd>{model ? <Link to={`/library/models/${model.id}`}>{model.name}</Link> : 'None'}</dd>
          </div>
          <div>
            <dt>Reference images</dt>
            <dd>{character.references.length || 'None yet'}</dd>
          </div>
        </>
      }
      deletion={{
        title: `Delete ${character.name}?`,
        description:
          'The character leaves your library. Generations made with it keep their snapshot of it, and its images stay in your uploads.',
        confirmLabel: 'Delete character',
        run: async () => {
          await deleteCharacter({ variables: { id: character.id } });
          toast.show({ tone: 'success', message: `${character.name} is deleted.` });
          await navigate('/library/characters', { replace: true, state: LEAVE_WITHOUT_ASKING });
          forgetPersona(apollo.cache, 'Character', character.id);
        },
      }}
    >
      <CharacterForm key={character.id} character={character} />
    </PersonaOverview>
  );
}
