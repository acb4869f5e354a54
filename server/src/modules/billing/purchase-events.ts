import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../../db/returned-rows';
import { TransferKind } from '../credits/ledger-transfer.entity';
import { expireSubscriptionCredits } from '../credits/wallet-adjustments';
import { BillingCheckout, CheckoutStatus, PurchaseKind } from './billing-checkout.entity';
import { BillingPayment, PaymentStatus } from './billing-payment.entity';
import { BillingSubscription } from './billing-subscription.entity';
import { CREDIT_PACKS } from './catalog';
import { reconcileReversals } from './payment-reversals';
import { storeSubscription } from './subscription-sync';
import {
  fromUnix,
  idOf,
  NOTHING,
  userOfCustomer,
  type EventHandler,
  type WebhookDeps,
} from './webhook-context';

/** Inserts a payment once (per checkout session or invoice); null when it was already there. */
async function recordPayment(
  manager: EntityManager,
  values: Record<string, unknown>,
): Promise<string | null> {
  const rows = returnedRows<{ id: string }>(
    (await manager
      .createQueryBuilder()
      .insert()
      .into(BillingPayment)
      .values({ status: PaymentStatus.PAID, ...values })
      .orIgnore()
      .returning('id')
      .execute()
      .then((result) => result.raw)) as unknown[],
  );
  return rows[0]?.id ?? null;
}

/**
 * checkout.session.completed / async_payment_succeeded / async_payment_failed / expired. The
 * session is read fresh, so whichever of these arrives first (or again) acts on the real state;
 * a pack's credits are granted once, keyed by the session.
 */
export const onCheckoutSession: EventHandler = async (event, deps) => {
  const sessionId = (event.data.object as Stripe.Checkout.Session).id;
  const checkout = await deps.dataSource
    .getRepository(BillingCheckout)
    .findOneBy({ id: sessionId });
  if (!checkout) {
    deps.logger.warn({ sessionId }, 'ignoring a checkout session this server did not open');
    return NOTHING;
  }
  const session = await deps.gateway.retrieveCheckoutSession({ sessionId });
  const paid = session.status === 'complete' && session.payment_status !== 'unpaid';
  const failed = event.type === 'checkout.session.async_payment_failed';
  const paymentIntentId = idOf(session.payment_intent);
  const paymentIntent =
    paid && checkout.kind === PurchaseKind.CREDIT_PACK && paymentIntentId
      ? await deps.gateway.retrievePaymentIntent({ paymentIntentId })
      : null;
  const subscriptionId = idOf(session.subscription);
  const readAt = new Date();
  const subscription =
    checkout.kind === PurchaseKind.SUBSCRIPTION && subscriptionId
      ? await deps.gateway.retrieveSubscription({ subscriptionId })
      : null;

  return async (manager, touched) => {
    const status = failed
      ? CheckoutStatus.FAILED
      : session.status === 'complete'
        ? CheckoutStatus.COMPLETE
        : session.status === 'expired'
          ? CheckoutStatus.EXPIRED
          : CheckoutStatus.OPEN;
    await manager.update(
      BillingCheckout,
      { id: checkout.id },
      {
        status,
        subscriptionId,
        completedAt: status === CheckoutStatus.COMPLETE ? new Date() : null,
      },
    );
    if (subscription) {
      await storeSubscription(deps, manager, touched, subscription, checkout.userId, readAt);
    }
    if (!paid || failed || checkout.kind !== PurchaseKind.CREDIT_PACK) return;
    const pack = CREDIT_PACKS.find((candidate) => candidate.id === checkout.itemId);
    if (!pack) throw new Error(`Checkout ${checkout.id} names an unknown pack ${checkout.itemId}`);
    const charge =
      paymentIntent && typeof paymentIntent.latest_charge === 'object'
        ? paymentIntent.latest_charge
        : null;
    const paymentId = await recordPayment(manager, {
      userId: checkout.userId,
      kind: PurchaseKind.CREDIT_PACK,
      itemId: pack.id,
      description: pack.name,
      checkoutSessionId: checkout.id,
      paymentIntentId,
      chargeId: charge?.id ?? null,
      amount: session.amount_total ?? 0,
      currency: session.currency ?? 'usd',
      credits: pack.credits,
      receiptUrl: charge?.receipt_url ?? null,
    });
    if (!paymentId) return;
    await deps.ledger.grant({
      manager,
      touched,
      userId: checkout.userId,
      amount: pack.credits,
      kind: TransferKind.PURCHASE,
      key: `checkout:${checkout.id}`,
      reference: { type: 'stripe_payment', id: paymentId },
      metadata: { packId: pack.id },
    });
    // A refund made before this event reached us is taken into account at once.
    if (charge && charge.amount_refunded > 0) {
      await reconcileReversals(deps, manager, touched, {
        paymentId,
        amountRefunded: charge.amount_refunded,
      });
    }
  };
};

/** The invoice line that bills the plan, and the plan it names. */
function planLine(deps: WebhookDeps, invoice: Stripe.Invoice) {
  for (const line of invoice.lines.data) {
    const priceId = line.pricing?.price_details?.price;
    const plan = typeof priceId === 'string' ? deps.catalog.planByPrice(priceId) : undefined;
    if (plan && line.amount >= 0) return { line, plan };
  }
  return undefined;
}

/** How many credits this invoice adds to the plan's current period, and whether one begins. */
function allowanceFor(
  invoice: Stripe.Invoice,
  periodStart: Date,
  monthlyCredits: number,
  stored: BillingSubscription | null,
): { credits: number; newPeriod: boolean } {
  const granted = stored?.grantedPeriodStart ?? null;
  if (invoice.billing_reason === 'subscription_update') {
    // A change of plan within the period: top the allowance up to the new plan's.
    return {
      credits: Math.max(0, monthlyCredits - (stored?.grantedCredits ?? 0)),
      newPeriod: false,
    };
  }
  if (
    invoice.billing_reason !== 'subscription_create' &&
    invoice.billing_reason !== 'subscription_cycle'
  ) {
    return { credits: 0, newPeriod: false };
  }
  // An invoice for a period older than the one already granted (a late redelivery) adds nothing.
  if (granted && periodStart.getTime() <= granted.getTime())
    return { credits: 0, newPeriod: false };
  return { credits: monthlyCredits, newPeriod: true };
}

/**
 * invoice.paid: a plan's payment. At the start of a new period the unused subscription credits
 * of the one that ended expire, then the new allowance is granted, keyed by the invoice.
 */
export const onInvoicePaid: EventHandler = async (event, deps) => {
  const invoiceId = (event.data.object as Stripe.Invoice).id;
  if (!invoiceId) return NOTHING;
  const invoice = await deps.gateway.retrieveInvoice({ invoiceId });
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  if (!subscriptionId) return NOTHING; // Not a plan's invoice.
  const readAt = new Date();
  const subscription = await deps.gateway.retrieveSubscription({ subscriptionId });
  const payment =
    invoice.payments?.data.find((entry) => entry.status === 'paid') ?? invoice.payments?.data[0];

  return async (manager, touched) => {
    const userId = await userOfCustomer(manager, idOf(invoice.customer));
    if (!userId) {
      deps.logger.warn({ invoiceId }, 'ignoring an invoice of a customer we do not know');
      return;
    }
    await storeSubscription(deps, manager, touched, subscription, userId, readAt);
    const stored = await manager
      .getRepository(BillingSubscription)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id: subscriptionId })
      .getOne();
    const billed = planLine(deps, invoice);
    const periodStart = billed
      ? fromUnix(billed.line.period.start)
      : fromUnix(invoice.period_start);
    const periodEnd = billed ? fromUnix(billed.line.period.end) : fromUnix(invoice.period_end);
    const allowance = billed
      ? allowanceFor(invoice, periodStart, billed.plan.monthlyCredits, stored)
      : { credits: 0, newPeriod: false };

    const paymentId = await recordPayment(manager, {
      userId,
      kind: PurchaseKind.SUBSCRIPTION,
      itemId: billed?.plan.id ?? 'unknown-plan',
      description: billed ? `${billed.plan.name} plan` : 'Subscription',
      invoiceId,
      subscriptionId,
      paymentIntentId: idOf(payment?.payment.payment_intent),
      chargeId: idOf(payment?.payment.charge),
      amount: invoice.amount_paid,
      currency: invoice.currency,
      credits: allowance.credits,
      receiptUrl: invoice.hosted_invoice_url ?? invoice.invoice_pdf ?? null,
      periodStart,
      periodEnd,
    });
    if (!paymentId || !billed) return;

    if (allowance.newPeriod && stored?.grantedPeriodStart) {
      await expireSubscriptionCredits(deps.ledger, manager, touched, {
        userId,
        key: `expiry:${invoiceId}`,
        reference: { type: 'stripe_subscription', id: subscriptionId },
      });
    }
    if (allowance.credits > 0) {
      await deps.ledger.grant({
        manager,
        touched,
        userId,
        amount: allowance.credits,
        kind: TransferKind.SUBSCRIPTION_GRANT,
        key: `invoice:${invoiceId}`,
        reference: { type: 'stripe_payment', id: paymentId },
        metadata: { planId: billed.plan.id },
      });
      await manager.update(
        BillingSubscription,
        { id: subscriptionId },
        allowance.newPeriod
          ? { grantedPeriodStart: periodStart, grantedCredits: allowance.credits }
          : { grantedCredits: (stored?.grantedCredits ?? 0) + allowance.credits },
      );
    }
  };
};
