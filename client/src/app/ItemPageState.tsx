import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState, SearchIcon, buttonClass } from '../ui';
import { errorMessage, readApiError } from '../features/account/api-errors';

export interface ItemPageStateProps {
  /** The thing in words: "generation" ("Generation not found", "Loading the generation…"). */
  what: string;
  /** There is no such thing for this account (NOT_FOUND): say so instead of an error. */
  missing: boolean;
  /** Why it could not be read; without one (and not missing) it is loading. */
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
  /** Under "… not found": why it may be gone. */
  missingMessage: string;
  /** Where to go instead when it is not found. */
  away: { to: string; label: string };
}

/**
 * A page of one thing (a generation, an image) before the thing can be shown: loading, not
 * found, or an error with Retry; each with the page's window title and level-1 heading.
 */
export function ItemPageState({
  what,
  missing,
  error,
  onRetry,
  retrying,
  missingMessage,
  away,
}: ItemPageStateProps) {
  if (missing) {
    const title = `${what.charAt(0).toUpperCase()}${what.slice(1)} not found`;
    return (
      <>
        <title>{`${title} · aiofm`}</title>
        <EmptyState
          headingLevel={1}
          icon={<SearchIcon size={24} />}
          title={title}
          message={missingMessage}
          action={
            <Link className={buttonClass('primary')} to={away.to}>
              {away.label}
            </Link>
          }
        />
      </>
    );
  }
  if (error) {
    return (
      <ErrorState
        headingLevel={1}
        title={`Can’t load this ${what}`}
        message={errorMessage(readApiError(error))}
        onRetry={onRetry}
        retrying={retrying}
      />
    );
  }
  return <LoadingState label={`Loading the ${what}…`} />;
}
