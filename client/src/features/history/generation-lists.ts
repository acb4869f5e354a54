import type { ApolloCache, Reference } from '@apollo/client';
import type { GenerationCardFieldsFragment } from '../../gql/graphql';

interface StoredEdge {
  __typename?: string;
  cursor: string;
  node: Reference;
}

interface StoredConnection {
  __typename?: string;
  edges: readonly StoredEdge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The filter one cached list of `generations` was read with, from its store field name. */
export function listFilter(
  storeFieldName: string,
  fieldName: string,
): { status: string | null; kind: string | null } {
  try {
    const args = JSON.parse(storeFieldName.slice(fieldName.length + 1)) as Record<string, unknown>;
    return {
      status: typeof args.status === 'string' ? args.status : null,
      kind: typeof args.kind === 'string' ? args.kind : null,
    };
  } catch {
    return { status: null, kind: null };
  }
}

function time(iso: unknown): number {
  const value = typeof iso === 'string' ? new Date(iso).getTime() : Number.NaN;
  return Number.isNaN(value) ? 0 : value;
}

/**
 * Puts a generation the server pushed (`myGenerationUpdates`) into every cached list whose
 * filter it matches and that does not show it yet, where it belongs by creation time: a new one
 * at the top. One older than everything loaded so far is left for its page to bring. Its
 * status and progress are already in the cache (the push wrote them), so lists that show it
 * change in place.
 */
export function insertIntoLists(
  cache: ApolloCache,
  generation: Pick<GenerationCardFieldsFragment, 'id' | 'status' | 'kind' | 'createdAt'>,
): void {
  cache.modify<{ generations: StoredConnection }>({
    fields: {
      generations(existing, { storeFieldName, fieldName, readField, toReference }) {
        const list = existing as StoredConnection;
        const filter = listFilter(storeFieldName, fieldName);
        if (filter.status && filter.status !== generation.status) return list;
        if (filter.kind && filter.kind !== generation.kind) return list;
        const ref = toReference({ __typename: 'Generation', id: generation.id });
        if (!ref || list.edges.some((edge) => edge.node.__ref === ref.__ref)) return list;

        const created = time(generation.createdAt);
        const index = list.edges.findIndex(
          (edge) => time(readField('createdAt', edge.node)) < created,
        );
        if (index < 0 && list.pageInfo.hasNextPage) return list;
        const edge: StoredEdge = {
          __typename: 'GenerationEdge',
          cursor: `live:${generation.id}`,
          node: ref,
        };
        const edges = [...list.edges];
        edges.splice(index < 0 ? edges.length : index, 0, edge);
        return { ...list, edges };
      },
    },
  });
}

/** Takes a deleted generation out of every cached list, then out of the cache. */
export function removeFromCache(cache: ApolloCache, generationId: string): void {
  const id = cache.identify({ __typename: 'Generation', id: generationId });
  cache.modify<{ generations: StoredConnection }>({
    fields: {
      generations(existing) {
        const list = existing as StoredConnection;
        const edges = list.edges.filter((edge) => edge.node.__ref !== id);
        return edges.length === list.edges.length ? list : { ...list, edges };
      },
    },
  });
  if (id) cache.evict({ id });
  cache.gc();
}
