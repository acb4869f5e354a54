import { CharactersDocument } from '../../../gql/graphql';
import { PersonIcon } from '../../../ui';
import { LibraryCard } from '../LibraryGrid';
import { LibraryListPage } from '../LibraryListPage';
import { traitSummary } from './traits';

/** What a character is for, said on the list and its empty state. */
export const CHARACTERS_LEAD =
  'Keep a person consistent across generations: their look, traits and reference images, ready to pick on Generate.';

/** /library/characters: my characters as cards with their covers, newest first, searchable. */
export function CharactersPage() {
  return (
    <LibraryListPage
      document={CharactersDocument}
      field="characters"
      title="Characters"
      lead={CHARACTERS_LEAD}
      noun="characters"
      icon={PersonIcon}
      createTo="/library/characters/new"
      newLabel="New character"
      createLabel="Create a character"
      emptyMessage="A character keeps a person consistent across generations: describe them once, add traits like an outfit and a few reference images, then pick them whenever you generate."
      renderItem={(character) => (
        <LibraryCard
          key={character.id}
          to={`/library/characters/${character.id}`}
          title={character.name}
          subtitle={character.description || traitSummary(character.traits) || undefined}
          image={character.cover}
          placeholder={<PersonIcon size={36} />}
          meta={
            character.aiModel ? (
              <span className="library-chip">{character.aiModel.name}</span>
            ) : undefined
          }
        />
      )}
    />
  );
}
