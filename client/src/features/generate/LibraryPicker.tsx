import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { GenerateAiModelsDocument, GenerateCharactersDocument } from '../../gql/graphql';
import {
  AlertIcon,
  Button,
  ErrorState,
  ImageIcon,
  LoadingState,
  SearchIcon,
  TextField,
} from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import {
  MAX_CHARACTERS,
  effectiveAiModel,
  referencePlan,
  referenceSummary,
  toggleCharacter,
} from './library-picks';
import type { LibraryPicks, PickedAiModel, PickedCharacter } from './library-picks';
import type { Model } from './form-state';
import { useDebounced } from './use-debounced';

/** Characters or AI models offered at a time; a search finds the others. */
export const PICKER_PAGE_SIZE = 12;
/** How long typing has to pause before the library is searched. */
export const SEARCH_DELAY_MS = 250;

/** What an entry of the library shows in a picker. */
interface Option {
  id: string;
  name: string;
  picture: string | null;
  /** A short fact under the name ("3 images"). */
  detail: string;
}

function imagesText(count: number): string {
  if (count === 0) return 'No images';
  return `${count} image${count === 1 ? '' : 's'}`;
}

function characterOption(character: PickedCharacter): Option {
  return {
    id: character.id,
    name: character.name,
    picture: character.cover?.thumbnailUrl ?? character.cover?.url ?? null,
    detail: imagesText(character.references.length),
  };
}

function modelOption(model: PickedAiModel): Option {
  return {
    id: model.id,
    name: model.name,
    picture: model.cover?.thumbnailUrl ?? model.cover?.url ?? null,
    detail: imagesText(model.references.length),
  };
}

function Picture({ src }: { src: string | null }) {
  return (
    <span className="gen-picks-option__picture">
      {src ? <img src={src} alt="" /> : <ImageIcon size={20} />}
    </span>
  );
}

/** The chosen entries, each with Remove. */
function Chosen({
  label,
  options,
  onRemove,
}: {
  label: string;
  options: Option[];
  onRemove: (id: string) => void;
}) {
  if (options.length === 0) return null;
  return (
    <ul className="gen-picks-chosen" aria-label={label}>
      {options.map((option) => (
        <li key={option.id} className="gen-picks-chosen__item" data-testid="gen-picks-chosen">
          <Picture src={option.picture} />
          <span className="gen-picks-chosen__name">{option.name}</span>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove ${option.name}`}
            onClick={() => onRemove(option.id)}
          >
            Remove
          </Button>
        </li>
      ))}
    </ul>
  );
}

/**
 * A search over part of the library and the entries it finds, each a toggle button with its
 * cover. The list, its empty state (with the way to create the first one) and its errors.
 */
function SearchList<T extends { id: string }>({
  noun,
  search,
  onSearch,
  state,
  chosenIds,
  full,
  toOption,
  onToggle,
  emptyLibrary,
}: {
  /** What the list holds, as it reads inside a sentence ("characters", "AI models"). */
  noun: string;
  search: string;
  onSearch: (value: string) => void;
  state: {
    items: T[] | null;
    more: boolean;
    error: unknown;
    loading: boolean;
    retry: () => void;
  };
  chosenIds: ReadonlySet<string>;
  full: boolean;
  toOption: (item: T) => Option;
  onToggle: (item: T) => void;
  emptyLibrary: ReactNode;
}) {
  const term = search.trim();
  let body: ReactNode;
  if (!state.items && state.error) {
    body = (
      <ErrorState
        compact
        headingLevel={3}
        title={`Can’t load your ${noun}`}
        message={errorMessage(readApiError(state.error))}
        onRetry={state.retry}
        retrying={state.loading}
      />
    );
  } else if (!state.items) {
    body = <LoadingState compact label={`Loading your ${noun}…`} />;
  } else if (state.items.length === 0) {
    body = term ? (
      <p className="field__hint" role="status">
        Nothing in your {noun} matches “{term}”.
      </p>
    ) : (
      emptyLibrary
    );
  } else {
    body = (
      <>
        <ul className="gen-picks-options" aria-label={`Your ${noun}`}>
          {state.items.map((item) => {
            const option = toOption(item);
            const picked = chosenIds.has(option.id);
            return (
              <li key={option.id}>
                <button
                  type="button"
                  className="gen-picks-option"
                  aria-pressed={picked}
                  disabled={full && !picked}
                  onClick={() => onToggle(item)}
                >
                  <Picture src={option.picture} />
                  <span className="gen-picks-option__text">
                    <span className="gen-picks-option__name">{option.name}</span>
                    <span className="gen-picks-option__detail">{option.detail}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {state.more && (
          <p className="field__hint">
            Showing the first {state.items.length}: search to find the others.
          </p>
        )}
      </>
    );
  }
  return (
    <div className="gen-picks__search">
      <TextField
        type="search"
        label={`Find in your ${noun}`}
        hideLabel
        placeholder={`Search your ${noun}`}
        value={search}
        onChange={(event) => onSearch(event.currentTarget.value)}
      />
      {body}
    </div>
  );
}

/** A library list query as the search list shows it. */
function listState<T>(
  data: { edges: Array<{ node: T }>; pageInfo: { hasNextPage: boolean } } | undefined,
  query: { error?: unknown; loading: boolean; refetch: () => unknown },
) {
  return {
    items: data ? data.edges.map((edge) => edge.node) : null,
    more: data?.pageInfo.hasNextPage ?? false,
    error: query.error,
    loading: query.loading,
    retry: () => void query.refetch(),
  };
}

function CharacterPicker({
  chosen,
  onChange,
  error,
}: {
  chosen: PickedCharacter[];
  onChange: (characters: PickedCharacter[]) => void;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const query = useQuery(GenerateCharactersDocument, {
    variables: { first: PICKER_PAGE_SIZE, search: term || null },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const full = chosen.length >= MAX_CHARACTERS;
  const hintId = useId();
  return (
    <fieldset className="gen-picks__group" aria-describedby={hintId}>
      <legend className="gen-picks__legend">Characters</legend>
      <p className="field__hint" id={hintId}>
        {full
          ? `${MAX_CHARACTERS} characters chosen, the most one generation takes: remove one to choose another.`
          : `Up to ${MAX_CHARACTERS}; their descriptions and traits go into the prompt (${chosen.length} of ${MAX_CHARACTERS} chosen).`}
      </p>
      <Chosen
        label="Chosen characters"
        options={chosen.map(characterOption)}
        onRemove={(id) => onChange(chosen.filter((character) => character.id !== id))}
      />
      <SearchList
        noun="characters"
        search={search}
        onSearch={setSearch}
        state={listState((query.data ?? query.previousData)?.characters, query)}
        chosenIds={new Set(chosen.map((character) => character.id))}
        full={full}
        toOption={characterOption}
        onToggle={(character) => onChange(toggleCharacter(chosen, character))}
        emptyLibrary={
          <p className="gen-picks__empty">
            You have no characters yet. <Link to="/library/characters/new">Create a character</Link>{' '}
            with a description and reference images, then choose it here.
          </p>
        }
      />
      {error && (
        <p className="field__error" role="alert">
          <AlertIcon size={16} />
          <span>{error}</span>
        </p>
      )}
    </fieldset>
  );
}

function AiModelPicker({
  picks,
  onChange,
  error,
}: {
  picks: LibraryPicks;
  onChange: (model: PickedAiModel | null) => void;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const query = useQuery(GenerateAiModelsDocument, {
    variables: { first: PICKER_PAGE_SIZE, search: term || null },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const chosen = picks.aiModel;
  const inherited = effectiveAiModel(picks);
  const first = picks.characters[0];
  const hintId = useId();
  let hint: string;
  if (chosen) hint = `${chosen.name}: its description and images are used.`;
  else if (inherited?.inherited && first)
    hint = `None chosen, so ${inherited.model.name}, the AI model ${first.name} belongs to, is used. Choose another to use that one instead.`;
  else hint = 'Optional: a persona whose description and images go with every character.';
  return (
    <fieldset className="gen-picks__group" aria-describedby={hintId}>
      <legend className="gen-picks__legend">AI model</legend>
      <p className="field__hint" id={hintId}>
        {hint}
      </p>
      <Chosen
        label="Chosen AI model"
        options={chosen ? [modelOption(chosen)] : []}
        onRemove={() => onChange(null)}
      />
      <SearchList
        noun="AI models"
        search={search}
        onSearch={setSearch}
        state={listState((query.data ?? query.previousData)?.aiModels, query)}
        chosenIds={new Set(chosen ? [chosen.id] : [])}
        full={false}
        toOption={modelOption}
        onToggle={(model) => onChange(chosen?.id === model.id ? null : model)}
        emptyLibrary={
          <p className="gen-picks__empty">
            You have no AI models yet. <Link to="/library/models/new">Create an AI model</Link> to
            give your characters a shared look.
          </p>
        }
      />
      {error && (
        <p className="field__error" role="alert">
          <AlertIcon size={16} />
          <span>{error}</span>
        </p>
      )}
    </fieldset>
  );
}

export interface LibraryPickerProps {
  picks: LibraryPicks;
  onChange: (picks: LibraryPicks) => void;
  /** The generation model: how many reference images it takes. */
  model: Model;
  /** The reference images chosen in the form itself (they go first). */
  ownReferenceIds: readonly string[];
  errors?: { characterIds?: string; aiModelId?: string };
}

/**
 * "Characters & model": up to four characters and an AI model from the library, whose
 * descriptions go into the prompt and whose reference images go to the model as far as it takes
 * them, with a sentence saying how far that is.
 */
export function LibraryPicker({
  picks,
  onChange,
  model,
  ownReferenceIds,
  errors = {},
}: LibraryPickerProps) {
  // Closed until wanted (the library is read then), unless something is chosen already; a
  // problem with the choice opens it.
  const [open, setOpen] = useState(picks.characters.length > 0 || picks.aiModel !== null);
  const shown = open || Boolean(errors.characterIds || errors.aiModelId);
  const plan = referencePlan(ownReferenceIds, picks, model.capabilities.referenceImages);
  const summary = referenceSummary(plan, picks, model.name);
  const chosenCount = picks.characters.length + (picks.aiModel ? 1 : 0);
  const bodyId = useId();
  return (
    <fieldset className="gen-picks">
      <legend className="field__label">Characters &amp; model</legend>
      <div className="gen-picks__header">
        <p className="field__hint">
          {chosenCount > 0
            ? [...picks.characters.map((character) => character.name), picks.aiModel?.name]
                .filter(Boolean)
                .join(', ')
            : 'Characters and an AI model from your library bring their descriptions and reference images.'}
        </p>
        <Button
          size="sm"
          variant="ghost"
          icon={<SearchIcon size={16} />}
          aria-expanded={shown}
          aria-controls={shown ? bodyId : undefined}
          onClick={() => setOpen(!shown)}
        >
          {shown
            ? 'Hide the library'
            : chosenCount > 0
              ? 'Change characters or model'
              : 'Choose from the library'}
        </Button>
      </div>
      {shown && (
        <div id={bodyId} className="gen-picks__body">
          <CharacterPicker
            chosen={picks.characters}
            onChange={(characters) => onChange({ ...picks, characters })}
            error={errors.characterIds}
          />
          <AiModelPicker
            picks={picks}
            onChange={(aiModel) => onChange({ ...picks, aiModel })}
            error={errors.aiModelId}
          />
        </div>
      )}
      {summary && (
        <p className="gen-picks__summary" role="status" data-testid="reference-plan">
          {summary}
        </p>
      )}
    </fieldset>
  );
}
