import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { CreditBalanceDocument, CreditsChangedDocument } from '../../gql/graphql';

export interface CreditBalanceOptions {
  /** Neither asks nor listens (an account that has not confirmed being 18 or older yet). */
  skip?: boolean;
  /** Called after the server reported a change (and the cache holds the new balance). */
  onChange?: () => void;
  /**
   * Asks the server again on mount even when the cache has a balance: for pages that show or
   * act on the number (Credits, Generate), where a change just before the live feed started
   * would otherwise stay unseen.
   */
  fresh?: boolean;
}

/**
 * The signed-in person's balance, kept live: every `creditsChanged` event is written into the
 * cache, so each view of the balance (header menu, credits page) updates at once, without polling.
 */
export function useCreditBalance({
  skip = false,
  onChange,
  fresh = false,
}: CreditBalanceOptions = {}) {
  const apollo = useApolloClient();
  const query = useQuery(CreditBalanceDocument, {
    skip,
    fetchPolicy: fresh ? 'cache-and-network' : 'cache-first',
    notifyOnNetworkStatusChange: true,
  });
  const userId = query.data?.me?.id;

  useSubscription(CreditsChangedDocument, {
    skip: skip || !userId,
    onData: ({ data }) => {
      const credits = data.data?.creditsChanged;
      if (!credits || !userId) return;
      // The balance is not an entity of its own: it lives on the person, so it is replaced there.
      apollo.cache.modify({
        id: apollo.cache.identify({ __typename: 'User', id: userId }),
        fields: { credits: () => credits },
      });
      onChange?.();
    },
  });

  return {
    credits: query.data?.me?.credits ?? null,
    loading: query.loading && !query.data,
    error: query.data ? undefined : query.error,
    refetching: query.loading,
    refetch: query.refetch,
  };
}
