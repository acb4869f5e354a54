import { Link } from 'react-router';
import { CharactersDocument } from '../../../gql/graphql';
import { buttonClass } from '../../../ui';
import { LibraryCard } from '../LibraryGrid';
import { LibraryEmptyState } from '../LibraryEmptyState';
import { LibraryPageHeader } from '../LibraryLayout';
import { LibraryList } from '../LibraryList';
import { LibrarySearch, useLibrarySearchTerm } from '../LibrarySearch';
import { PersonIcon, PlusIcon } from '../library-icons';
import { useLibraryList } from '../use-library-list';
import { traitSummary } from './traits';

/** What a character is for, said on the list and its empty state. */
export const CHARACTERS_LEAD =
  'Keep a person consistent across generations: their look, traits and reference images, ready to pick on Generate.';

/** /library/characters: my characters as cards with their covers, newest first, searchable. */
export function CharactersPage() {
  const search = useLibrarySearchTerm();
  const list = useLibraryList(CharactersDocument, {
    field: 'characters',
    variables: { search: search || null },
    failureTitle: 'Could not load more characters',
  });
  return (
    <>
      <LibraryPageHeader
        title="Characters"
        lead={CHARACTERS_LEAD}
        actions={
          <Link className={buttonClass('primary')} to="/library/characters/new">
            <PlusIcon size={18} />
            New character
          </Link>
        }
        tools={<LibrarySearch label="Search characters" busy={list.refreshing} />}
      />
      <LibraryList
        list={list}
        label="Characters, newest first"
        loadingLabel="Loading your characters…"
        errorTitle="Can’t load your characters"
        empty={
          <LibraryEmptyState
            icon={<PersonIcon size={24} />}
            title="No characters yet"
            message="A character keeps a person consistent across generations: describe them once, add traits like an outfit and a few reference images, then pick them whenever you generate."
            createTo="/library/characters/new"
            createLabel="Create a character"
            search={search}
            noun="characters"
          />
        }
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
    </>
  );
}
