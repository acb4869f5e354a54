import type { ReactNode } from 'react';
import { Button, ErrorState, LoadingState } from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { LibraryGrid } from './LibraryGrid';
import type { LibraryListState } from './use-library-list';

export interface LibraryListProps<TNode> {
  /** From `useLibraryList`. */
  list: LibraryListState<TNode>;
  /** Names the grid: "Characters, newest first". */
  label: string;
  /** "Loading your characters…". */
  loadingLabel: string;
  /** "Can’t load your characters". */
  errorTitle: string;
  /** Shown when the list is empty: a `LibraryEmptyState`. */
  empty: ReactNode;
  /** One `LibraryCard` per item. */
  renderItem: (item: TNode) => ReactNode;
}

/**
 * A library list in all its states: loading, an error with Retry, the empty state, or the grid
 * of cards with the next page loading as its end comes into view (and a Load more button).
 */
export function LibraryList<TNode>({
  list,
  label,
  loadingLabel,
  errorTitle,
  empty,
  renderItem,
}: LibraryListProps<TNode>) {
  if (!list.loaded) {
    if (list.error) {
      return (
        <ErrorState
          title={errorTitle}
          message={errorMessage(readApiError(list.error))}
          nextStep="Check that the aiofm server is running and reachable, then try again."
          onRetry={list.retry}
          retrying={list.retrying}
        />
      );
    }
    return <LoadingState label={loadingLabel} />;
  }
  if (list.items.length === 0) return <>{empty}</>;
  const { items, canLoadMore, loadingMore, loadMore, sentinel } = list;
  return (
    <>
      <LibraryGrid label={label}>{items.map(renderItem)}</LibraryGrid>
      {canLoadMore && (
        <div className="library-more" ref={sentinel}>
          <Button loading={loadingMore} onClick={loadMore}>
            Load more
          </Button>
        </div>
      )}
    </>
  );
}
