import { Button } from '../../ui';
import type { GenerationCardFieldsFragment } from '../../gql/graphql';
import { GenerationCard } from './GenerationCard';
import { useInfiniteScroll } from './use-infinite-scroll';

export interface GenerationGridProps {
  /** Names the list: "Generations, newest first". */
  label: string;
  generations: readonly GenerationCardFieldsFragment[];
  canLoadMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}

/**
 * Generations as cards, the next page loading as the end of the grid comes into view (and
 * with a Load more button).
 */
export function GenerationGrid({
  label,
  generations,
  canLoadMore,
  loadingMore,
  loadMore,
}: GenerationGridProps) {
  const sentinel = useInfiniteScroll(loadMore, canLoadMore && !loadingMore);
  return (
    <>
      <ul className="generation-grid" aria-label={label}>
        {generations.map((generation) => (
          <GenerationCard key={generation.id} generation={generation} />
        ))}
      </ul>
      {canLoadMore && (
        <div className="history-more" ref={sentinel}>
          <Button loading={loadingMore} onClick={loadMore}>
            Load more
          </Button>
        </div>
      )}
    </>
  );
}
