import type Stripe from 'stripe';
import { makeId } from './params';
import { pay } from './payments';
import type { FakeState } from './state';
import type { InvoiceLineInput, PaymentState, Period } from './types';
import { DAY, decimal, list, now, snapshot } from './values';

// Invoices, their lines and payments: the builders, billing a subscription, and paying.

/** A finalized invoice for `subscription`, made its latest, and paid unless `state` says not. */
export function subscriptionInvoice(
  fake: FakeState,
  subscription: Stripe.Subscription,
  options: {
    billingReason: Stripe.Invoice.BillingReason;
    period: Period;
    lines: InvoiceLineInput[];
    state: PaymentState;
  },
): Stripe.Invoice {
  const customer = fake.customers.get(subscription.customer as string)!;
  const sequence = customer.next_invoice_sequence ?? 1;
  customer.next_invoice_sequence = sequence + 1;
  const invoice = buildInvoice({
    url: fake.url,
    customer,
    subscription,
    number: `${customer.invoice_prefix}-${String(sequence).padStart(4, '0')}`,
    billingReason: options.billingReason,
    period: options.period,
    lines: options.lines,
  });
  fake.invoices.set(invoice.id, invoice);
  fake.invoicePayments.set(invoice.id, []);
  subscription.latest_invoice = invoice.id;

  // A downgrade leaves a credit: nothing is due, so nothing is charged.
  if (invoice.amount_due === 0) return markInvoicePaid(fake, invoice.id, null);
  const paymentIntent = pay(fake, {
    customer: customer.id,
    amount: invoice.amount_due,
    currency: invoice.currency,
    metadata: {},
    description:
      options.billingReason === 'subscription_create'
        ? 'Subscription creation'
        : 'Subscription update',
    state: options.state,
  });
  invoice.attempted = true;
  invoice.attempt_count = 1;
  fake.invoicePayments.get(invoice.id)!.push(buildInvoicePayment(invoice, paymentIntent));
  if (options.state === 'succeeded') return markInvoicePaid(fake, invoice.id, paymentIntent);
  if (options.state === 'failed') invoice.next_payment_attempt = now() + 3 * DAY;
  return invoice;
}

export function markInvoicePaid(
  fake: FakeState,
  invoiceId: string,
  paymentIntent: Stripe.PaymentIntent | null,
) {
  const invoice = fake.invoices.get(invoiceId)!;
  const paidAt = now();
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.auto_advance = false;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = paidAt;
  for (const payment of fake.invoicePayments.get(invoiceId) ?? []) {
    if (payment.payment.payment_intent !== paymentIntent?.id) continue;
    payment.status = 'paid';
    payment.amount_paid = payment.amount_requested;
    payment.status_transitions.paid_at = paidAt;
  }
  return invoice;
}

/** A finalized, still unpaid invoice. */
function buildInvoice(fields: {
  url: string;
  customer: Stripe.Customer;
  subscription: Stripe.Subscription;
  number: string;
  billingReason: Stripe.Invoice.BillingReason;
  period: Period;
  lines: InvoiceLineInput[];
}): Stripe.Invoice {
  const id = makeId('in_');
  const created = now();
  const total = fields.lines.reduce((sum, line) => sum + line.amount, 0);
  const due = Math.max(total, 0);
  return {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'aiofm (Stripe fake)',
    account_tax_ids: null,
    amount_due: due,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: due,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: {
      disabled_reason: null,
      enabled: false,
      liability: null,
      provider: null,
      status: null,
    },
    automatically_finalizes_at: null,
    billing_reason: fields.billingReason,
    collection_method: 'charge_automatically',
    created,
    currency: fields.subscription.currency,
    custom_fields: null,
    customer: fields.customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: fields.customer.email,
    customer_name: fields.customer.name ?? null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: created,
    ending_balance: Math.min(total, 0),
    footer: null,
    from_invoice: null,
    hosted_invoice_url: `${fields.url}/invoices/${id}`,
    invoice_pdf: `${fields.url}/invoices/${id}/pdf`,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: list(
      fields.lines.map((line) => buildInvoiceLine(id, fields.subscription.id, line)),
      `/v1/invoices/${id}/lines`,
    ),
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: fields.number,
    on_behalf_of: null,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: {
        metadata: snapshot(fields.subscription.metadata),
        subscription: fields.subscription.id,
      },
    },
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    },
    period_end: fields.period.end,
    period_start: fields.period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'open',
    status_transitions: {
      finalized_at: created,
      marked_uncollectible_at: null,
      paid_at: null,
      voided_at: null,
    },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

function buildInvoiceLine(
  invoice: string,
  subscription: string,
  line: InvoiceLineInput,
): Stripe.InvoiceLineItem {
  return {
    id: makeId('il_'),
    object: 'line_item',
    amount: line.amount,
    currency: line.price.currency,
    description: line.description,
    discount_amounts: [],
    discountable: !line.proration,
    discounts: [],
    invoice,
    livemode: false,
    metadata: {},
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: {
        // Prorations are pending invoice items that Stripe created for the change.
        invoice_item: line.proration ? makeId('ii_') : null,
        proration: line.proration,
        proration_details: { credited_items: null },
        subscription,
        subscription_item: line.subscriptionItem,
      },
    },
    period: { start: line.period.start, end: line.period.end },
    pretax_credit_amounts: [],
    pricing: {
      type: 'price_details',
      price_details: { price: line.price.id, product: line.price.product as string },
      unit_amount_decimal: decimal(line.price.unit_amount ?? 0),
    },
    quantity: line.quantity,
    quantity_decimal: decimal(line.quantity),
    subscription,
    subtotal: line.amount,
    taxes: [],
  };
}

/** An attempt to pay an invoice, still open; it becomes paid with its payment intent. */
function buildInvoicePayment(
  invoice: Stripe.Invoice,
  paymentIntent: Stripe.PaymentIntent,
): Stripe.InvoicePayment {
  return {
    id: makeId('inpay_'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: paymentIntent.amount,
    created: paymentIntent.created,
    currency: paymentIntent.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: paymentIntent.id },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  };
}
