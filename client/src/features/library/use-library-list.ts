import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { appendPage, useLoadMore } from '../../app/use-load-more';
import { useInfiniteScroll } from '../history/use-infinite-scroll';

/** A Relay connection as a library list reads it. */
export interface LibraryConnection<TNode> {
  edges: ReadonlyArray<{ cursor: string; node: TNode }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** Items per page of a library list. */
export const LIBRARY_PAGE_SIZE = 24;

/** A library list as `useLibraryList` gives it to pages (and `LibraryList` shows it). */
export interface LibraryListState<TNode> {
  /** The items so far, in the server's order. */
  items: TNode[];
  /** The list has arrived (it may be empty). */
  loaded: boolean;
  /** A newer list (another search, a refetch) is being fetched while this one is shown. */
  refreshing: boolean;
  /** Why the list could not be read; only when there is nothing to show. */
  error: unknown;
  retry: () => void;
  retrying: boolean;
  canLoadMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  /** The ref for the element after the grid: reaching it loads the next page. */
  sentinel: (element: HTMLElement | null) => void;
}

export interface LibraryListOptions<TField extends string, TVariables> {
  /** The query's connection field: 'characters', 'aiModels', 'promptTemplates'… */
  field: TField;
  /** The query's other variables (`search`); `first` and `after` are filled in. */
  variables?: Omit<TVariables, 'first' | 'after'>;
  pageSize?: number;
  /** Names the toast when a further page fails: "Could not load more characters". */
  failureTitle: string;
}

/**
 * One library list (a query with `first`/`after` over a Relay connection): the items so far,
 * loading and error states, and the next page by Load more or as the end of the grid comes
 * into view (give `sentinel` as the ref of the element after the grid). Pages are joined in
 * the query's own result (`updateQuery`), so no cache policy is needed. While a new search
 * loads, the previous results stay on screen with `refreshing` set.
 */
export function useLibraryList<
  TField extends string,
  TData extends { [K in TField]: LibraryConnection<unknown> },
  TVariables extends OperationVariables,
>(
  document: TypedDocumentNode<TData, TVariables>,
  options: LibraryListOptions<TField, TVariables>,
): LibraryListState<TData[TField]['edges'][number]['node']> {
  const pageSize = options.pageSize ?? LIBRARY_PAGE_SIZE;
  const query = useQuery(document, {
    variables: { ...options.variables, first: pageSize } as unknown as TVariables,
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  } as never) as useQuery.Result<TData, TVariables>;

  // While another search loads, the previous results stay (marked as refreshing); a failed
  // search shows its error rather than results for other words.
  const data = (query.data ?? (query.loading ? query.previousData : undefined)) as
    TData | undefined;
  const connection = data?.[options.field] as TData[TField] | undefined;
  const items = (connection?.edges.map((edge) => edge.node) ?? []) as Array<
    TData[TField]['edges'][number]['node']
  >;
  const pageInfo = query.data ? connection?.pageInfo : undefined;

  const { loadingMore, loadMore } = useLoadMore({
    pageInfo,
    pageSize,
    failureTitle: options.failureTitle,
    toastId: `library-more-${options.field}`,
    fetchMore: ({ variables }) =>
      query.fetchMore({
        variables: variables as unknown as Partial<TVariables>,
        updateQuery: (previous: unknown, { fetchMoreResult }: { fetchMoreResult: unknown }) =>
          appendPage(
            previous as Record<string, unknown>,
            fetchMoreResult as Record<string, unknown>,
            options.field,
          ),
      } as never),
  });
  const canLoadMore = Boolean(pageInfo?.hasNextPage && pageInfo.endCursor);
  const sentinel = useInfiniteScroll(() => void loadMore(), canLoadMore && !loadingMore);

  return {
    items,
    loaded: connection !== undefined,
    refreshing: query.loading && connection !== undefined,
    error: connection === undefined ? query.error : undefined,
    retry: () => void query.refetch(),
    retrying: query.loading,
    canLoadMore,
    loadingMore,
    loadMore: () => void loadMore(),
    sentinel,
  };
}
