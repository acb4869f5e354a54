import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { expireSubscriptionCredits } from '../credits/wallet-adjustments';
import {
  fromUnix,
  idOf,
  NOTHING,
  userOfCustomer,
  type Effect,
  type EventHandler,
  type WebhookDeps,
} from './webhook-context';

/** The item that carries the plan's price and the current period (one item per subscription). */
function planItem(subscription: Stripe.Subscription): Stripe.SubscriptionItem | undefined {
  return subscription.items.data[0];
}

/**
 * Stores the subscription as Stripe describes it now. Called with the freshly retrieved object,
 * so whatever order events arrive in, the stored state is the latest. When a subscription has
 * ended, the unused credits of its last period expire.
 */
export async function storeSubscription(
  deps: WebhookDeps,
  manager: EntityManager,
  touched: Set<string>,
  subscription: Stripe.Subscription,
  userId: string,
  /** When it was read from Stripe (taken just before the request). */
  readAt: Date,
): Promise<void> {
  const item = planItem(subscription);
  if (!item) return;
  await manager.query(
    `INSERT INTO billing_subscriptions AS s
       (id, user_id, plan_id, status, current_period_start, current_period_end,
        cancel_at_period_end, cancel_at, ended_at, read_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET
       plan_id = EXCLUDED.plan_id, status = EXCLUDED.status,
       current_period_start = EXCLUDED.current_period_start,
       current_period_end = EXCLUDED.current_period_end,
       cancel_at_period_end = EXCLUDED.cancel_at_period_end, cancel_at = EXCLUDED.cancel_at,
       ended_at = EXCLUDED.ended_at, read_at = EXCLUDED.read_at, updated_at = now()
     WHERE s.read_at <= EXCLUDED.read_at`,
    [
      subscription.id,
      userId,
      deps.catalog.planByPrice(item.price.id)?.id ?? null,
      subscription.status,
      fromUnix(item.current_period_start),
      fromUnix(item.current_period_end),
      subscription.cancel_at_period_end,
      subscription.cancel_at ? fromUnix(subscription.cancel_at) : null,
      subscription.ended_at ? fromUnix(subscription.ended_at) : null,
      readAt,
    ],
  );
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    await expireSubscriptionCredits(deps.ledger, manager, touched, {
      userId,
      key: `expiry:ended:${subscription.id}`,
      reference: { type: 'stripe_subscription', id: subscription.id },
    });
  }
}

/** Reads the subscription fresh from Stripe and returns the effect that stores it. */
export async function syncSubscription(deps: WebhookDeps, subscriptionId: string): Promise<Effect> {
  const readAt = new Date();
  const subscription = await deps.gateway.retrieveSubscription({ subscriptionId });
  return async (manager, touched) => {
    const userId = await userOfCustomer(manager, idOf(subscription.customer));
    if (!userId) {
      deps.logger.warn({ subscriptionId }, 'ignoring a subscription of a customer we do not know');
      return;
    }
    await storeSubscription(deps, manager, touched, subscription, userId, readAt);
  };
}

/** customer.subscription.created / updated / deleted. */
export const onSubscriptionChanged: EventHandler = async (event, deps) => {
  const object = event.data.object as Stripe.Subscription;
  if (!object.id) return NOTHING;
  return syncSubscription(deps, object.id);
};
