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

/**
 * My generations, newest first, one list per filter (`status`, `kind`). Pages join like
 * `appendOnlyConnection`, but by generation rather than by cursor: a generation that arrived live
 * (`myGenerationUpdates`, see `features/history/generation-lists.ts`) sits at the front under a
 * cursor of the client's own, and the server's first page must not add it a second time.
 */
export function generationsConnection(): FieldPolicy<Connection, Connection, Connection> {
  const key = (edge: Edge) => edge.node.__ref;
  return {
    keyArgs: ['status', 'kind'],
    merge(existing, incoming, { args }) {
      if (!existing) return incoming;
      if (args?.after) {
        const seen = new Set(existing.edges.map(key));
        return {
          ...incoming,
          edges: [...existing.edges, ...incoming.edges.filter((edge) => !seen.has(key(edge)))],
        };
      }
      const fresh = new Set(incoming.edges.map(key));
      const older = existing.edges.filter((edge) => !fresh.has(key(edge)));
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
          generations: generationsConnection(),
          // One generation is read from wherever the cache has it (a start, a list, a push);
          // fields the cache lacks are fetched.
          generation: {
            read(existing, { args, toReference }) {
              if (existing !== undefined || typeof args?.id !== 'string') return existing;
              return toReference({ __typename: 'Generation', id: args.id });
            },
          },
        },
      },
      // A model's id is unique only within its provider: each stays inside its provider's entry.
      GenerationModel: { keyFields: false },
      // Snapshots carry the id of what they copy, but each generation's copy is its own: stored
      // by id they would overwrite one another (an older version, a description changed since).
      LibrarySnapshot: { keyFields: false },
      RecipeRunSnapshot: { keyFields: false },
      TemplateSnapshot: { keyFields: false },
      // History cards read part of a generation's provenance, the detail view all of it: the
      // parts are merged, so a card's update never drops what the detail view read.
      ProvenanceSnapshot: { merge: true },
    },
  });
}
