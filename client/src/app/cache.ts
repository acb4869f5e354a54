import { InMemoryCache } from '@apollo/client';
import type { FieldPolicy, Reference } from '@apollo/client';

interface Edge {
  cursor: string;
  node: Reference;
}

interface Connection {
  __typename?: string;
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * One list per person for a cursor-paginated, newest-first, append-only connection (the credit
 * history, the payments): a page fetched with `after` is added to the end; a first page (the
 * initial load, a refetch after a change or a reconnect) is put in front of what was already
 * loaded, without repeats. When the first page shares nothing with the loaded list, too much
 * happened in between to join them and the list starts again from that page.
 */
export function appendOnlyConnection(): FieldPolicy<Connection, Connection, Connection> {
  return {
    keyArgs: false,
    merge(existing, incoming, { args }) {
      if (!existing) return incoming;
      if (args?.after) {
        const seen = new Set(existing.edges.map((edge) => edge.cursor));
        return {
          ...incoming,
          edges: [...existing.edges, ...incoming.edges.filter((edge) => !seen.has(edge.cursor))],
        };
      }
      const fresh = new Set(incoming.edges.map((edge) => edge.cursor));
      const older = existing.edges.filter((edge) => !fresh.has(edge.cursor));
      const overlaps = older.length < existing.edges.length;
      if (!overlaps || older.length === 0) return incoming;
      return { ...incoming, edges: [...incoming.edges, ...older], pageInfo: existing.pageInfo };
    },
  };
}

/** The app's Apollo cache, with the field policies its lists need. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          creditTransactions: appendOnlyConnection(),
          billingHistory: appendOnlyConnection(),
        },
      },
    },
  });
}
