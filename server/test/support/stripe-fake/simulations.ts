import type Stripe from 'stripe';
import { addCustomer, buildPlan, customerDetails, DEFAULT_BUYER_EMAIL } from './catalog';
import { markInvoicePaid, subscriptionInvoice } from './invoices';
import { makeId } from './params';
import { buildDispute, pay, settle } from './payments';
import { mustGet, type FakeState } from './state';
import { currentPeriod, itemLine, itemLines, startSubscription } from './subscriptions';
import { FAKE_API_VERSION, type EventOf, type EventType, type PaymentState } from './types';
import { intervalSeconds, now, snapshot } from './values';

// What happens on Stripe's side, and the events Stripe would send for it. StripeFake's methods
// of the same names are the public face and say what each one does.

export function completeCheckout(
  fake: FakeState,
  sessionId: string,
  options: { asyncPayment?: boolean } = {},
): Stripe.Event[] {
  const session = openSession(fake, sessionId);
  const details = fake.checkoutDetails.get(sessionId)!;
  const state: PaymentState = options.asyncPayment ? 'processing' : 'succeeded';
  const customer = checkoutCustomer(fake, session);
  session.customer = customer?.id ?? null;
  session.customer_details = customerDetails(customer, session.customer_email);
  session.status = 'complete';
  session.payment_status = state === 'succeeded' ? 'paid' : 'unpaid';
  session.url = null;

  if (session.mode === 'payment') {
    const paymentIntent = pay(fake, {
      customer: session.customer,
      amount: session.amount_total ?? 0,
      currency: session.currency ?? 'usd',
      metadata: details.paymentIntentMetadata,
      description: null,
      state,
    });
    session.payment_intent = paymentIntent.id;
    return [event(fake, 'checkout.session.completed', session)];
  }

  const subscription = startSubscription(fake, session, details, customer!, state);
  const invoice = fake.invoices.get(subscription.latest_invoice as string)!;
  session.subscription = subscription.id;
  session.invoice = invoice.id;
  const events: Stripe.Event[] = [event(fake, 'customer.subscription.created', subscription)];
  if (invoice.status === 'paid') events.push(event(fake, 'invoice.paid', invoice));
  events.push(event(fake, 'checkout.session.completed', session));
  return events;
}

export function succeedAsyncPayment(fake: FakeState, sessionId: string): Stripe.Event[] {
  const session = processingSession(fake, sessionId);
  const paymentIntent = settle(fake, sessionPaymentIntent(fake, session), 'succeeded');
  session.payment_status = 'paid';
  const events: Stripe.Event[] = [];
  if (session.mode === 'subscription') {
    const subscription = fake.subscriptions.get(session.subscription as string)!;
    const previous = { status: subscription.status };
    subscription.status = 'active';
    const invoice = markInvoicePaid(fake, subscription.latest_invoice as string, paymentIntent);
    events.push(event(fake, 'customer.subscription.updated', subscription, previous));
    events.push(event(fake, 'invoice.paid', invoice));
  }
  events.push(event(fake, 'checkout.session.async_payment_succeeded', session));
  return events;
}

export function failAsyncPayment(fake: FakeState, sessionId: string): Stripe.Event[] {
  const session = processingSession(fake, sessionId);
  settle(fake, sessionPaymentIntent(fake, session), 'failed');
  const events: Stripe.Event[] = [];
  if (session.mode === 'subscription') {
    const subscription = fake.subscriptions.get(session.subscription as string)!;
    const previous = { status: subscription.status, ended_at: subscription.ended_at };
    subscription.status = 'incomplete_expired';
    subscription.ended_at = now();
    events.push(event(fake, 'customer.subscription.updated', subscription, previous));
  }
  events.push(event(fake, 'checkout.session.async_payment_failed', session));
  return events;
}

export function expireCheckout(fake: FakeState, sessionId: string): Stripe.Event[] {
  const session = openSession(fake, sessionId);
  session.status = 'expired';
  session.url = null;
  return [event(fake, 'checkout.session.expired', session)];
}

export function renewSubscription(
  fake: FakeState,
  subscriptionId: string,
  options: { paymentFails?: boolean } = {},
): Stripe.Event[] {
  const subscription = liveSubscription(fake, subscriptionId);
  if (subscription.cancel_at_period_end) {
    const previous = { status: subscription.status, ended_at: subscription.ended_at };
    subscription.status = 'canceled';
    subscription.ended_at = subscription.cancel_at ?? now();
    return [event(fake, 'customer.subscription.deleted', subscription, previous)];
  }
  const previous: Partial<Stripe.Subscription> = {
    items: snapshot(subscription.items),
    latest_invoice: subscription.latest_invoice,
  };
  const endedPeriod = currentPeriod(subscription);
  for (const item of subscription.items.data) {
    item.current_period_start = item.current_period_end;
    item.current_period_end = item.current_period_start + intervalSeconds(item.price);
  }
  const invoice = subscriptionInvoice(fake, subscription, {
    billingReason: 'subscription_cycle',
    // A cycle invoice's own period is the one that just ended; its lines carry the new one.
    period: endedPeriod,
    lines: itemLines(fake, subscription),
    state: options.paymentFails ? 'failed' : 'succeeded',
  });
  if (options.paymentFails) {
    previous.status = subscription.status;
    subscription.status = 'past_due';
  }
  return [
    event(fake, 'customer.subscription.updated', subscription, previous),
    options.paymentFails
      ? event(fake, 'invoice.payment_failed', invoice)
      : event(fake, 'invoice.paid', invoice),
  ];
}

export function changePlan(
  fake: FakeState,
  subscriptionId: string,
  newPriceId: string,
): Stripe.Event[] {
  const subscription = liveSubscription(fake, subscriptionId);
  const price = fake.prices.get(newPriceId);
  if (!price?.recurring) throw new Error(`${newPriceId} is not a recurring price of the fake`);
  const previous: Partial<Stripe.Subscription> = {
    items: snapshot(subscription.items),
    latest_invoice: subscription.latest_invoice,
  };
  const item = subscription.items.data[0]!;
  const oldPrice = item.price;
  item.price = snapshot(price);
  item.plan = buildPlan(price);
  if (oldPrice.recurring?.interval !== price.recurring.interval) {
    item.current_period_start = now();
    item.current_period_end = item.current_period_start + intervalSeconds(price);
  }
  const changedAt = now();
  const period = { start: changedAt, end: item.current_period_end };
  const proration = (linePrice: Stripe.Price, sign: 1 | -1, label: string) =>
    itemLine(fake, item, { price: linePrice, period, sign, label, proration: true });
  const invoice = subscriptionInvoice(fake, subscription, {
    billingReason: 'subscription_update',
    period: { start: changedAt, end: changedAt },
    lines: [proration(oldPrice, -1, 'Unused time on'), proration(price, 1, 'Remaining time on')],
    state: 'succeeded',
  });
  return [
    event(fake, 'customer.subscription.updated', subscription, previous),
    event(fake, 'invoice.paid', invoice),
  ];
}

export function cancelSubscription(
  fake: FakeState,
  subscriptionId: string,
  options: { atPeriodEnd: boolean },
): Stripe.Event[] {
  const subscription = liveSubscription(fake, subscriptionId);
  const previous: Partial<Stripe.Subscription> = {
    cancel_at: subscription.cancel_at,
    cancel_at_period_end: subscription.cancel_at_period_end,
    canceled_at: subscription.canceled_at,
    cancellation_details: snapshot(subscription.cancellation_details),
  };
  // Stripe sets canceled_at when cancellation is requested, even for the end of the period.
  subscription.canceled_at = now();
  subscription.cancellation_details = {
    comment: null,
    feedback: null,
    feedback_option: null,
    reason: 'cancellation_requested',
  };
  if (options.atPeriodEnd) {
    subscription.cancel_at_period_end = true;
    subscription.cancel_at = currentPeriod(subscription).end;
    return [event(fake, 'customer.subscription.updated', subscription, previous)];
  }
  subscription.status = 'canceled';
  subscription.ended_at = subscription.canceled_at;
  return [event(fake, 'customer.subscription.deleted', subscription)];
}

export function refundCharge(fake: FakeState, chargeId: string, amount?: number): Stripe.Event[] {
  const charge = mustGet(fake.charges, 'charge', chargeId);
  const refundable = charge.amount - charge.amount_refunded;
  const refund = amount ?? refundable;
  if (refund <= 0 || refund > refundable) {
    throw new Error(`cannot refund ${refund} of ${chargeId}: ${refundable} is refundable`);
  }
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += refund;
  charge.refunded = charge.amount_refunded === charge.amount;
  return [event(fake, 'charge.refunded', charge, previous)];
}

export function createDispute(fake: FakeState, chargeId: string, amount?: number): Stripe.Event[] {
  const charge = mustGet(fake.charges, 'charge', chargeId);
  const dispute = buildDispute(charge, amount ?? charge.amount);
  fake.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  return [event(fake, 'charge.dispute.created', dispute)];
}

export function closeDispute(
  fake: FakeState,
  disputeId: string,
  outcome: 'won' | 'lost',
): Stripe.Event[] {
  const dispute = mustGet(fake.disputes, 'dispute', disputeId);
  const previous = { status: dispute.status };
  dispute.status = outcome;
  return [event(fake, 'charge.dispute.closed', dispute, previous)];
}

function event<T extends EventType>(
  fake: FakeState,
  type: T,
  object: EventOf<T>['data']['object'],
  previous?: EventOf<T>['data']['previous_attributes'],
): EventOf<T> {
  const event = {
    id: makeId('evt_'),
    object: 'event',
    api_version: FAKE_API_VERSION,
    created: now(),
    type,
    livemode: false,
    pending_webhooks: 1,
    // Null: these happen on Stripe's side, not in answer to an API request.
    request: { id: null, idempotency_key: null },
    data: {
      object: snapshot(object),
      ...(previous ? { previous_attributes: snapshot(previous) } : {}),
    },
  };
  // The union of event types cannot be narrowed from a generic `type`.
  const typed = event as unknown as EventOf<T>;
  fake.events.push(typed);
  return typed;
}

function openSession(fake: FakeState, sessionId: string): Stripe.Checkout.Session {
  const session = fake.sessions.get(sessionId);
  if (!session) throw new Error(`no checkout session ${sessionId}`);
  if (session.status !== 'open')
    throw new Error(`checkout session ${sessionId} is ${session.status}`);
  return session;
}

function processingSession(fake: FakeState, sessionId: string): Stripe.Checkout.Session {
  const session = fake.sessions.get(sessionId);
  if (session?.status !== 'complete' || session.payment_status !== 'unpaid') {
    throw new Error(`checkout session ${sessionId} has no payment in progress`);
  }
  return session;
}

function sessionPaymentIntent(
  fake: FakeState,
  session: Stripe.Checkout.Session,
): Stripe.PaymentIntent {
  if (session.mode === 'payment') return fake.paymentIntents.get(session.payment_intent as string)!;
  const [payment] = fake.invoicePayments.get(session.invoice as string) ?? [];
  return fake.paymentIntents.get(payment!.payment.payment_intent as string)!;
}

function liveSubscription(fake: FakeState, subscriptionId: string): Stripe.Subscription {
  const subscription = fake.subscriptions.get(subscriptionId);
  if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
  if (subscription.status === 'canceled' || subscription.status === 'incomplete_expired') {
    throw new Error(`subscription ${subscriptionId} has ended`);
  }
  return subscription;
}

/** Subscriptions need a customer; Stripe makes one from the buyer's email when none was given. */
function checkoutCustomer(
  fake: FakeState,
  session: Stripe.Checkout.Session,
): Stripe.Customer | null {
  if (typeof session.customer === 'string') return fake.customers.get(session.customer) ?? null;
  if (session.mode !== 'subscription') return null;
  return addCustomer(fake, {
    email: session.customer_email ?? DEFAULT_BUYER_EMAIL,
    name: null,
    phone: null,
    description: null,
    metadata: {},
  });
}
