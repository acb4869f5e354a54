import type Stripe from 'stripe';
import { buildPlan, productName } from './catalog';
import { subscriptionInvoice } from './invoices';
import { makeId } from './params';
import type { FakeState } from './state';
import type { CheckoutDetails, InvoiceLineInput, Metadata, PaymentState, Period } from './types';
import { intervalSeconds, list, now, snapshot } from './values';

// Subscriptions and their items: the builders, starting one, and the invoice lines it bills.

export function currentPeriod(subscription: Stripe.Subscription): Period {
  const item = subscription.items.data[0]!;
  return { start: item.current_period_start, end: item.current_period_end };
}

function buildSubscriptionItem(
  subscription: string,
  price: Stripe.Price,
  quantity: number,
  created: number,
): Stripe.SubscriptionItem {
  return {
    id: makeId('si_', 14),
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: created + intervalSeconds(price),
    current_period_start: created,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: buildPlan(price),
    price: snapshot(price),
    quantity,
    subscription,
    tax_rates: [],
  };
}

function buildSubscription(fields: {
  id: string;
  created: number;
  customer: string;
  currency: string;
  items: Stripe.SubscriptionItem[];
  metadata: Metadata;
  status: Stripe.Subscription.Status;
}): Stripe.Subscription {
  return {
    id: fields.id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: fields.created,
    billing_cycle_anchor_config: null,
    billing_mode: { type: 'flexible', flexible: { proration_discounts: 'included' } },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: 'charge_automatically',
    created: fields.created,
    currency: fields.currency,
    customer: fields.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: makeId('pm_'),
    default_source: null,
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: 'self' },
    },
    items: list(fields.items, `/v1/subscription_items?subscription=${fields.id}`),
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: fields.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: 'off',
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: fields.created,
    status: fields.status,
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: {
      end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' },
    },
    trial_start: null,
  };
}

export function startSubscription(
  fake: FakeState,
  session: Stripe.Checkout.Session,
  details: CheckoutDetails,
  customer: Stripe.Customer,
  state: PaymentState,
): Stripe.Subscription {
  const created = now();
  const id = makeId('sub_');
  const items = details.lineItems.map((input) =>
    buildSubscriptionItem(id, fake.prices.get(input.price)!, input.quantity, created),
  );
  const subscription = buildSubscription({
    id,
    created,
    customer: customer.id,
    currency: session.currency ?? 'usd',
    items,
    metadata: details.subscriptionMetadata,
    status: state === 'succeeded' ? 'active' : 'incomplete',
  });
  fake.subscriptions.set(id, subscription);
  subscriptionInvoice(fake, subscription, {
    billingReason: 'subscription_create',
    period: { start: created, end: created },
    lines: itemLines(fake, subscription),
    state,
  });
  return subscription;
}

export function itemLines(fake: FakeState, subscription: Stripe.Subscription): InvoiceLineInput[] {
  return subscription.items.data.map((item) =>
    itemLine(fake, item, {
      price: item.price,
      period: { start: item.current_period_start, end: item.current_period_end },
      sign: 1,
      label: '',
      proration: false,
    }),
  );
}

export function itemLine(
  fake: FakeState,
  item: Stripe.SubscriptionItem,
  line: { price: Stripe.Price; period: Period; sign: 1 | -1; label: string; proration: boolean },
): InvoiceLineInput {
  const quantity = item.quantity ?? 1;
  const what = `${quantity} × ${productName(fake, line.price)}`;
  return {
    price: line.price,
    quantity,
    amount: line.sign * (line.price.unit_amount ?? 0) * quantity,
    period: line.period,
    subscriptionItem: item.id,
    proration: line.proration,
    description: line.label ? `${line.label} ${what}` : what,
  };
}
