import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { GenerationsDocument } from '../../gql/graphql';
import {
  Button,
  EmptyState,
  ErrorState,
  ImageIcon,
  LoadingState,
  Spinner,
  buttonClass,
} from '../../ui';
import { useLoadMore } from '../../app/use-load-more';
import { errorMessage, readApiError } from '../account/api-errors';
import { GenerationGrid } from './GenerationGrid';
import { HistoryFilters, readFilter } from './HistoryFilters';
import type { HistoryFilter } from './HistoryFilters';
import { useGenerationUpdates } from './use-generation-updates';
import './history.css';

/** Generations per page of History. */
export const HISTORY_PAGE_SIZE = 24;

/** The query's variables for a filter: filters that are off are left out. */
export function historyVariables(filter: HistoryFilter) {
  return {
    first: HISTORY_PAGE_SIZE,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  };
}

/**
 * /history: my generations newest first as cards, filtered by status and kind (in the
 * address), the next page loading as the end of the list comes into view (or with Load more),
 * and every change arriving live.
 */
export function HistoryPage() {
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const filtered = Boolean(filter.status || filter.kind);
  const query = useQuery(GenerationsDocument, {
    variables: historyVariables(filter),
    fetchPolicy: 'cache-and-network',
    // A refetch (a retry, a reconnect) puts new generations in front of the ones loaded.
    refetchWritePolicy: 'merge',
    notifyOnNetworkStatusChange: true,
  });
  useGenerationUpdates();

  const connection = query.data?.generations;
  const generations = connection?.edges.map((edge) => edge.node) ?? [];
  const pageInfo = connection?.pageInfo;
  const { loadingMore, loadMore } = useLoadMore({
    pageInfo,
    pageSize: HISTORY_PAGE_SIZE,
    failureTitle: 'Could not load older generations',
    toastId: 'history-more',
    fetchMore: ({ variables }) =>
      query.fetchMore({ variables: { ...historyVariables(filter), ...variables } }),
  });

  function changeFilter(next: HistoryFilter) {
    const search = new URLSearchParams();
    if (next.status) search.set('status', next.status);
    if (next.kind) search.set('kind', next.kind);
    setParams(search, { replace: true });
  }

  let body;
  if (connection && generations.length > 0) {
    body = (
      <GenerationGrid
        label="Generations, newest first"
        generations={generations}
        canLoadMore={Boolean(pageInfo?.hasNextPage && pageInfo.endCursor)}
        loadingMore={loadingMore}
        loadMore={() => void loadMore()}
      />
    );
  } else if (connection) {
    body = filtered ? (
      <EmptyState
        icon={<ImageIcon size={24} />}
        title="No generations match these filters"
        message="Nothing you generated has this status and kind."
        action={
          <Button variant="primary" onClick={() => changeFilter({ status: null, kind: null })}>
            Show all generations
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={<ImageIcon size={24} />}
        title="Nothing generated yet"
        message="Images and clips you generate are kept here, newest first, with their settings."
        action={
          <Link className={buttonClass('primary')} to="/generate">
            Generate something
          </Link>
        }
      />
    );
  } else if (query.error) {
    body = (
      <ErrorState
        title="Can’t load your generations"
        message={errorMessage(readApiError(query.error))}
        nextStep="Check that the aiofm server is running and reachable, then try again."
        onRetry={() => void query.refetch()}
        retrying={query.loading}
      />
    );
  } else {
    body = <LoadingState label="Loading your generations…" />;
  }

  return (
    <div className="history-page">
      <header className="history-page__header">
        <title>History · aiofm</title>
        <div className="page-header">
          <h1>History</h1>
          <p className="page-header__lead">
            Everything you generated, newest first. Work in progress updates as it happens.
          </p>
        </div>
        <div className="history-page__tools">
          <HistoryFilters filter={filter} onChange={changeFilter} />
          {query.loading && connection && <Spinner size="sm" label="Updating the list" />}
        </div>
      </header>
      {body}
    </div>
  );
}
