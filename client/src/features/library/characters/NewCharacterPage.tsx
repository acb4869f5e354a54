import { useSearchParams } from 'react-router';
import { LibraryPageHeader } from '../LibraryLayout';
import { BackLink } from '../persona/PersonaPage';
import { CharacterForm } from './CharacterForm';
import { CHARACTERS_LEAD } from './CharactersPage';

/** /library/characters/new: creates a character (`?aiModel=<id>` starts it in that AI model). */
export function NewCharacterPage() {
  const [params] = useSearchParams();
  return (
    <div className="persona-page">
      <BackLink to="/library/characters">Characters</BackLink>
      <LibraryPageHeader title="New character" lead={CHARACTERS_LEAD} />
      <div className="persona-page__single">
        <CharacterForm initialAiModelId={params.get('aiModel')} />
      </div>
    </div>
  );
}
