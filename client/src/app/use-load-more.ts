import { useState } from 'react';
import { errorMessage, readApiError } from '../features/account/api-errors';
import { useToast } from '../ui';

interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

interface Connection {
  edges: ReadonlyArray<{ cursor: string }>;
}

/**
 * The page of `fetched` added after `previous` under `field`, without repeated cursors: for
 * `fetchMore`'s `updateQuery` where no cache policy joins the pages.
 */
export function appendPage<TData extends Record<string, unknown>>(
  previous: TData,
  fetched: TData,
  field: string,
): TData {
  const older = previous[field] as Connection | undefined;
  const newer = fetched[field] as Connection | undefined;
  if (!older || !newer) return fetched;
  const seen = new Set(older.edges.map((edge) => edge.cursor));
  return {
    ...previous,
    [field]: {
      ...newer,
      edges: [...older.edges, ...newer.edges.filter((edge) => !seen.has(edge.cursor))],
    },
  };
}

/**
 * "Load more" for a Relay connection: fetches the page after the last cursor (the cache's type
 * policy merges it, or `updateQuery` with `appendPage`), one request at a time, and says in a toast when a page could not be read,
 * keeping what is already shown.
 */
export function useLoadMore(params: {
  pageInfo: PageInfo | undefined;
  fetchMore: (options: { variables: { first: number; after: string } }) => Promise<unknown>;
  pageSize: number;
  /** Names the toast, e.g. "Could not load older payments". */
  failureTitle: string;
  toastId: string;
}) {
  const toast = useToast();
  const [loadingMore, setLoadingMore] = useState(false);
  const { pageInfo } = params;

  async function loadMore() {
    if (loadingMore || !pageInfo?.hasNextPage || !pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await params.fetchMore({ variables: { first: params.pageSize, after: pageInfo.endCursor } });
    } catch (failure) {
      toast.show({
        id: params.toastId,
        tone: 'danger',
        title: params.failureTitle,
        message: errorMessage(readApiError(failure)),
      });
    } finally {
      setLoadingMore(false);
    }
  }

  return { loadingMore, loadMore };
}
