import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { SearchIcon, Spinner } from '../../ui';

/** The address parameter that holds a library list's search words. */
export const LIBRARY_SEARCH_PARAM = 'q';

/** How long typing must pause before the search runs. */
export const LIBRARY_SEARCH_DELAY_MS = 300;

/** The search words in the address (`?q=`), trimmed; '' for none. Pass it as `search`. */
export function useLibrarySearchTerm(): string {
  const [params] = useSearchParams();
  return (params.get(LIBRARY_SEARCH_PARAM) ?? '').trim();
}

export interface LibrarySearchProps {
  /** Names the box for screen readers and is its placeholder: "Search characters". */
  label: string;
  /** The list is being fetched (for new words, or afresh): shows a small spinner in the box. */
  busy?: boolean;
  delayMs?: number;
}

/**
 * The search box of a library list. What is typed goes into the address as `?q=` once typing
 * pauses (or at once on Enter), replacing the history entry, so a search can be linked and
 * survives a reload; `useLibrarySearchTerm` reads it back for the query's `search` argument.
 */
export function LibrarySearch({
  label,
  busy = false,
  delayMs = LIBRARY_SEARCH_DELAY_MS,
}: LibrarySearchProps) {
  const [params, setParams] = useSearchParams();
  const inAddress = params.get(LIBRARY_SEARCH_PARAM) ?? '';
  const [text, setText] = useState(inAddress);
  const [seen, setSeen] = useState(inAddress);
  if (inAddress !== seen) {
    // The address changed from outside (Back, a "Clear search" button): show its words.
    setSeen(inAddress);
    if (inAddress.trim() !== text.trim()) setText(inAddress);
  }

  useEffect(() => {
    if (text.trim() === inAddress.trim()) return;
    const timer = setTimeout(() => write(setParams, text), delayMs);
    return () => clearTimeout(timer);
  }, [text, inAddress, delayMs, setParams]);

  return (
    <form
      className="library-search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        write(setParams, text);
      }}
    >
      <SearchIcon size={18} className="library-search__icon" />
      <input
        className="input library-search__input"
        type="search"
        aria-label={label}
        placeholder={`${label}…`}
        value={text}
        maxLength={200}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      {busy && (
        <span className="library-search__busy">
          <Spinner size="sm" label="Updating the list" />
        </span>
      )}
    </form>
  );
}

function write(setParams: ReturnType<typeof useSearchParams>[1], text: string) {
  setParams(
    (current) => {
      const next = new URLSearchParams(current);
      const words = text.trim();
      if (words) next.set(LIBRARY_SEARCH_PARAM, words);
      else next.delete(LIBRARY_SEARCH_PARAM);
      return next;
    },
    { replace: true },
  );
}
