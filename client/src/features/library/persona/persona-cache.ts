import type { ApolloCache, Reference } from '@apollo/client';

interface StoredConnection {
  edges: Array<{ node: Reference }>;
}

/**
 * Takes a deleted AI model or character out of every cached list (each search's page of
 * `aiModels` or `characters`), out of the characters that pointed at a deleted AI model, then
 * out of the cache.
 */
export function forgetPersona(
  cache: ApolloCache,
  typename: 'AiModel' | 'Character',
  id: string,
): void {
  const ref = cache.identify({ __typename: typename, id });
  if (!ref) return;
  const field = typename === 'AiModel' ? 'aiModels' : 'characters';
  cache.modify({
    fields: {
      [field](existing: unknown) {
        const list = existing as StoredConnection;
        if (!Array.isArray(list?.edges)) return existing;
        const edges = list.edges.filter((edge) => edge.node.__ref !== ref);
        return edges.length === list.edges.length ? list : { ...list, edges };
      },
    },
  });
  if (typename === 'AiModel') {
    // Its characters stay, now without a model.
    for (const key of Object.keys(cache.extract() as Record<string, unknown>)) {
      if (!key.startsWith('Character:')) continue;
      cache.modify({
        id: key,
        fields: {
          aiModel: (value: unknown) => ((value as Reference | null)?.__ref === ref ? null : value),
        },
      });
    }
  }
  cache.evict({ id: ref });
  cache.gc();
}
