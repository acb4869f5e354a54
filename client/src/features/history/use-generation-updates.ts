import { useApolloClient, useSubscription } from '@apollo/client/react';
import { MyGenerationUpdatesDocument } from '../../gql/graphql';
import { insertIntoLists } from './generation-lists';

/**
 * Keeps every list of my generations live: each `myGenerationUpdates` push lands in the cache
 * (status, progress, outputs change in place wherever the generation is shown) and a
 * generation the lists do not have yet (one just started, here or in another tab) is put in.
 */
export function useGenerationUpdates(): void {
  const apollo = useApolloClient();
  useSubscription(MyGenerationUpdatesDocument, {
    onData: ({ data }) => {
      const generation = data.data?.myGenerationUpdates;
      if (generation) insertIntoLists(apollo.cache, generation);
    },
  });
}
