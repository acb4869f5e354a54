import { useQuery } from '@apollo/client/react';
import { BillingCatalogDocument } from '../../gql/graphql';
import { Card, ErrorState, LoadingState } from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { BuyCreditsSection } from './BuyCreditsSection';
import { isRunning } from './billing-format';
import { PlansSection } from './PlansSection';
import type { SubscriptionState } from './PlansSection';
import type { BillingActions } from './use-billing-actions';

/** What is on sale here; prices change rarely, so the cached catalogue is shown at once. */
export function useBillingCatalog() {
  return useQuery(BillingCatalogDocument, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
}

export type BillingCatalog = ReturnType<typeof useBillingCatalog>;

/** Said when the server has no payment provider: nothing to buy, and why, and no buttons. */
function BillingOffCard() {
  return (
    <Card title="Buying credits">
      <p data-testid="billing-off">
        Buying credits isn’t available on this server, because its operators have not set up
        payments. Credits can still be granted to you by the operators.
      </p>
    </Card>
  );
}

/**
 * The Buy credits and Plans sections, or one card that says why nothing can be bought. Each
 * section is left out when it has nothing on sale, unless neither has anything.
 */
export function BillingOffer({
  catalog,
  plan,
  owed,
  actions,
}: {
  catalog: BillingCatalog;
  plan: SubscriptionState;
  owed: number;
  actions: BillingActions;
}) {
  const offer = catalog.data?.billingCatalog;
  if (!offer) {
    return (
      <Card title="Buy credits">
        {catalog.error ? (
          <ErrorState
            compact
            headingLevel={3}
            title="Can’t load what’s on sale"
            message={errorMessage(readApiError(catalog.error))}
            onRetry={() => void catalog.refetch()}
            retrying={catalog.loading}
          />
        ) : (
          <LoadingState compact label="Loading credit packs and plans…" />
        )}
      </Card>
    );
  }
  if (!offer.enabled) return <BillingOffCard />;

  const running = Boolean(plan.subscription && isRunning(plan.subscription.status));
  const showPlans = offer.plans.length > 0 || running;
  const showPacks = offer.packs.length > 0 || !showPlans;
  return (
    <>
      {showPacks && <BuyCreditsSection packs={offer.packs} owed={owed} actions={actions} />}
      {showPlans && <PlansSection plans={offer.plans} plan={plan} actions={actions} />}
    </>
  );
}
