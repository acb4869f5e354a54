import { gql } from '@apollo/client';
import { createCache } from '../../app/cache';
import { card, connection } from '../../testing/generation-fixtures';
import { insertIntoLists, listFilter, removeFromCache } from './generation-lists';

const LIST = gql`
  query List($first: Int!, $after: String, $status: GenerationStatus, $kind: GenerationKind) {
    generations(first: $first, after: $after, status: $status, kind: $kind) {
      edges {
        cursor
        node {
          id
          status
          kind
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

function write(
  cache: ReturnType<typeof createCache>,
  variables: Record<string, unknown>,
  nodes: ReturnType<typeof card>[],
  hasNextPage = false,
) {
  cache.writeQuery({ query: LIST, variables, data: connection(nodes, hasNextPage).data });
}

function ids(cache: ReturnType<typeof createCache>, variables: Record<string, unknown>) {
  const data = cache.readQuery<{
    generations: { edges: Array<{ node: { id: string } }> };
  }>({ query: LIST, variables });
  return data?.generations.edges.map((edge) => edge.node.id);
}

describe('generation lists in the cache', () => {
  it('reads the filter of a stored list', () => {
    expect(listFilter('generations:{"status":"FAILED"}', 'generations')).toEqual({
      status: 'FAILED',
      kind: null,
    });
    expect(listFilter('generations:{}', 'generations')).toEqual({ status: null, kind: null });
  });

  it('puts a pushed generation into the lists it belongs to, once, by creation time', () => {
    const cache = createCache();
    write(cache, { first: 2 }, [card('g1'), card('g2')]);
    write(cache, { first: 2, status: 'FAILED' }, [card('g3', { status: 'FAILED' })]);
    write(cache, { first: 2, kind: 'VIDEO' }, [], false);

    const fresh = card('g0', { status: 'QUEUED', createdAt: '2025-11-29T13:00:00.000Z' });
    cache.writeFragment({
      id: 'Generation:g0',
      fragment: gql`
        fragment New on Generation {
          id
          status
          kind
          createdAt
        }
      `,
      data: fresh,
    });
    insertIntoLists(cache, fresh);
    insertIntoLists(cache, fresh);
    expect(ids(cache, { first: 2 })).toEqual(['g0', 'g1', 'g2']);
    expect(ids(cache, { first: 2, status: 'FAILED' })).toEqual(['g3']);
    expect(ids(cache, { first: 2, kind: 'VIDEO' })).toEqual([]);

    // The server's first page then brings it under its own cursor: it is not added twice.
    write(
      cache,
      { first: 2 },
      [card('g0', { createdAt: '2025-11-29T13:00:00.000Z' }), card('g1')],
      true,
    );
    expect(ids(cache, { first: 2 })).toEqual(['g0', 'g1', 'g2']);

    removeFromCache(cache, 'g1');
    expect(ids(cache, { first: 2 })).toEqual(['g0', 'g2']);
  });

  it('leaves an old generation to the page it belongs to', () => {
    const cache = createCache();
    write(cache, { first: 2 }, [card('g1'), card('g2')], true);
    const old = card('g9', { status: 'RUNNING' });
    insertIntoLists(cache, old);
    expect(ids(cache, { first: 2 })).toEqual(['g1', 'g2']);
  });
});
