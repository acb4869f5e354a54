import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { takeBack } from '../credits/wallet-adjustments';
import { PurchaseKind } from './billing-checkout.entity';
import { BillingPayment, PaymentStatus } from './billing-payment.entity';
import {
  idOf,
  NOTHING,
  RetryLater,
  userOfCustomer,
  type EventHandler,
  type WebhookDeps,
} from './webhook-context';

/** Credits a payment should have given back, for the money returned or disputed so far. */
export function creditsToReverse(payment: {
  amount: number;
  credits: number;
  amountRefunded: number;
  disputes: Record<string, number>;
}): number {
  if (payment.amount <= 0 || payment.credits <= 0) return 0;
  const disputed = Object.values(payment.disputes).reduce((sum, amount) => sum + amount, 0);
  const returned = Math.min(payment.amount, payment.amountRefunded + disputed);
  // Rounded up: a partial refund never leaves a fraction of a credit behind for free.
  return Math.min(payment.credits, Math.ceil((payment.credits * returned) / payment.amount));
}

function statusOf(payment: BillingPayment): PaymentStatus {
  if (Object.keys(payment.disputes).length > 0) return PaymentStatus.DISPUTED;
  if (payment.amountRefunded >= payment.amount && payment.amount > 0) return PaymentStatus.REFUNDED;
  if (payment.amountRefunded > 0) return PaymentStatus.PARTIALLY_REFUNDED;
  return PaymentStatus.PAID;
}

/**
 * Brings a payment's reversed credits up to what its refunds and disputes call for. The amounts
 * only ever grow (Stripe reports the cumulative refund), and the transfer key names the target,
 * so a replayed or reordered event moves nothing twice.
 */
export async function reconcileReversals(
  deps: WebhookDeps,
  manager: EntityManager,
  touched: Set<string>,
  params: { paymentId: string; amountRefunded?: number; dispute?: { id: string; amount: number } },
): Promise<void> {
  const payment = await manager
    .getRepository(BillingPayment)
    .createQueryBuilder('p')
    .setLock('pessimistic_write')
    .where('p.id = :id', { id: params.paymentId })
    .getOneOrFail();
  payment.amountRefunded = Math.max(payment.amountRefunded, params.amountRefunded ?? 0);
  if (params.dispute) {
    payment.disputes = { ...payment.disputes, [params.dispute.id]: params.dispute.amount };
  }
  const target = creditsToReverse(payment);
  const missing = target - payment.creditsReversed;
  if (missing > 0) {
    const disputed = Boolean(params.dispute);
    await takeBack(deps.ledger, manager, touched, {
      userId: payment.userId,
      amount: missing,
      key: `reversal:${payment.id}:${target}`,
      reason: disputed ? 'payment disputed' : 'payment refunded',
      reference: { type: 'stripe_payment', id: payment.id },
      from: payment.kind === PurchaseKind.SUBSCRIPTION ? 'subscription-first' : 'purchased-first',
    });
    payment.creditsReversed = target;
  }
  await manager.update(
    BillingPayment,
    { id: payment.id },
    {
      amountRefunded: payment.amountRefunded,
      disputes: payment.disputes,
      creditsReversed: payment.creditsReversed,
      status: statusOf(payment),
    },
  );
}

/** The payment a charge paid for: found by its payment intent, or by the charge itself. */
async function paymentOfCharge(manager: EntityManager, charge: Stripe.Charge) {
  const [row] = (await manager.query(
    `SELECT id FROM billing_payments
     WHERE ($1::text IS NOT NULL AND payment_intent_id = $1) OR charge_id = $2
     LIMIT 1`,
    [idOf(charge.payment_intent), charge.id],
  )) as Array<{ id: string }>;
  return row?.id ?? null;
}

/**
 * Finds the payment of a charge of ours. If the purchase itself has not been recorded yet (its
 * event is still on the way), the event is refused so that Stripe delivers it again later.
 */
async function requirePayment(
  deps: WebhookDeps,
  manager: EntityManager,
  charge: Stripe.Charge,
): Promise<string | null> {
  const paymentId = await paymentOfCharge(manager, charge);
  if (paymentId) return paymentId;
  if (!(await userOfCustomer(manager, idOf(charge.customer)))) {
    deps.logger.warn({ chargeId: charge.id }, 'ignoring a charge of a customer we do not know');
    return null;
  }
  throw new RetryLater(`The payment of charge ${charge.id} is not recorded yet`);
}

/** charge.refunded: takes back the refunded share of the credits, as far as the wallet allows. */
export const onChargeRefunded: EventHandler = async (event, deps) => {
  const chargeId = (event.data.object as Stripe.Charge).id;
  // The charge's current state: its amount_refunded is the total of every refund so far.
  const charge = await deps.gateway.retrieveCharge({ chargeId });
  return async (manager, touched) => {
    const paymentId = await requirePayment(deps, manager, charge);
    if (!paymentId) return;
    await manager.update(BillingPayment, { id: paymentId }, { chargeId: charge.id });
    await reconcileReversals(deps, manager, touched, {
      paymentId,
      amountRefunded: charge.amount_refunded,
    });
  };
};

/** charge.dispute.created: the disputed share of the credits is taken back at once. */
export const onDisputeCreated: EventHandler = async (event, deps) => {
  const dispute = event.data.object as Stripe.Dispute;
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return NOTHING;
  const charge = await deps.gateway.retrieveCharge({ chargeId });
  return async (manager, touched) => {
    const paymentId = await requirePayment(deps, manager, charge);
    if (!paymentId) return;
    await reconcileReversals(deps, manager, touched, {
      paymentId,
      amountRefunded: charge.amount_refunded,
      dispute: { id: dispute.id, amount: dispute.amount },
    });
  };
};
