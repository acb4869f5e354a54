import express, { Router } from 'express';
import type Stripe from 'stripe';
import { returnedRows } from '../../db/returned-rows';
import { onCheckoutSession, onInvoicePaid } from './purchase-events';
import { onChargeRefunded, onDisputeCreated } from './payment-reversals';
import { onSubscriptionChanged } from './subscription-sync';
import { RetryLater, type EventHandler, type WebhookDeps } from './webhook-context';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/** The events billing acts on; any other is acknowledged and recorded, and changes nothing. */
const HANDLERS: Record<string, EventHandler> = {
  'checkout.session.completed': onCheckoutSession,
  'checkout.session.async_payment_succeeded': onCheckoutSession,
  'checkout.session.async_payment_failed': onCheckoutSession,
  'checkout.session.expired': onCheckoutSession,
  'invoice.paid': onInvoicePaid,
  'customer.subscription.created': onSubscriptionChanged,
  'customer.subscription.updated': onSubscriptionChanged,
  'customer.subscription.deleted': onSubscriptionChanged,
  'charge.refunded': onChargeRefunded,
  'charge.dispute.created': onDisputeCreated,
};

export type EventOutcome = 'processed' | 'duplicate' | 'ignored';

/**
 * Applies each Stripe event exactly once: its id is recorded in the transaction that applies its
 * effects, so a redelivery (even a concurrent one) finds it and does nothing, and a failure
 * leaves nothing behind for Stripe's retry.
 */
export async function processStripeEvent(
  deps: WebhookDeps,
  event: Stripe.Event,
): Promise<EventOutcome> {
  const seen = (await deps.dataSource.query('SELECT 1 FROM stripe_events WHERE id = $1', [
    event.id,
  ])) as unknown[];
  if (seen.length > 0) return 'duplicate';
  const handler = HANDLERS[event.type];
  const effect = handler ? await handler(event, deps) : undefined;
  return deps.ledger.run(async (manager, touched) => {
    const inserted = returnedRows(
      (await manager.query(
        `INSERT INTO stripe_events (id, type, created_at) VALUES ($1, $2, to_timestamp($3))
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type, event.created],
      )) as unknown[],
    );
    if (inserted.length === 0) return 'duplicate';
    if (!effect) return 'ignored';
    await effect(manager, touched);
    return 'processed';
  });
}

/**
 * POST /webhooks/stripe. The signature is checked against the raw body (re-serialised JSON
 * would not match); forged or stale deliveries get 400, failures 500 so that Stripe retries.
 */
export function createStripeWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.post(
    STRIPE_WEBHOOK_PATH,
    express.raw({ type: () => true, limit: '1mb' }),
    async (req, res) => {
      const signature = req.get('stripe-signature');
      const payload = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let event: Stripe.Event;
      try {
        if (!signature) throw new Error('no Stripe-Signature header');
        event = deps.gateway.verifyEvent({ payload, signature });
      } catch (error) {
        req.log.warn({ reason: (error as Error).message }, 'refused a Stripe webhook');
        res.status(400).json({ error: 'The webhook signature is missing, invalid or too old.' });
        return;
      }
      try {
        const outcome = await processStripeEvent(deps, event);
        req.log.info({ eventId: event.id, type: event.type, outcome }, 'Stripe event');
        res.json({ received: true, outcome });
      } catch (error) {
        const level = error instanceof RetryLater ? 'warn' : 'error';
        req.log[level](
          { err: error, eventId: event.id, type: event.type },
          'Stripe event not processed; Stripe will deliver it again',
        );
        res
          .status(500)
          .json({ error: 'The event could not be processed yet; it will be retried.' });
      }
    },
  );
  return router;
}
