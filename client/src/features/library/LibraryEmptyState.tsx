import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, EmptyState, SearchIcon, buttonClass } from '../../ui';
import { LIBRARY_SEARCH_PARAM } from './LibrarySearch';

export interface LibraryEmptyStateProps {
  /** "No characters yet". */
  title: string;
  /** What the thing is and what it is good for, in a sentence or two. */
  message: ReactNode;
  /** The create page, and its button's label ("Create a character"). */
  createTo: string;
  createLabel: string;
  icon?: ReactNode;
  /**
   * The search words the empty list was asked for. With words, it says nothing matched and
   * offers to clear the search instead of explaining the thing again.
   */
  search?: string;
  /** "characters": used in "No characters match …". */
  noun?: string;
}

/** An empty library list: what the thing is and a way to make the first one (or clear the search). */
export function LibraryEmptyState({
  title,
  message,
  createTo,
  createLabel,
  icon,
  search = '',
  noun = 'items',
}: LibraryEmptyStateProps) {
  const [, setParams] = useSearchParams();
  if (search) {
    return (
      <EmptyState
        icon={<SearchIcon size={24} />}
        title={`No ${noun} match “${search}”`}
        message="Search looks at names, descriptions and details. Try other words."
        action={
          <>
            <Button
              variant="primary"
              onClick={() =>
                setParams(
                  (current) => {
                    const next = new URLSearchParams(current);
                    next.delete(LIBRARY_SEARCH_PARAM);
                    return next;
                  },
                  { replace: true },
                )
              }
            >
              Clear the search
            </Button>
            <Link className={buttonClass('secondary')} to={createTo}>
              {createLabel}
            </Link>
          </>
        }
      />
    );
  }
  return (
    <EmptyState
      icon={icon}
      title={title}
      message={message}
      action={
        <Link className={buttonClass('primary')} to={createTo}>
          {createLabel}
        </Link>
      }
    />
  );
}
