import type Stripe from 'stripe';
import { productName } from './catalog';
import { makeId } from './params';
import type { FakeState } from './state';
import type { Metadata } from './types';
import { DAY, now, snapshot } from './values';

// Checkout Sessions: the builder, and the line items a session keeps out of its public object.

const CHECKOUT_LIFETIME = DAY;

export function buildCheckoutSession(fields: {
  id: string;
  url: string;
  mode: 'payment' | 'subscription';
  amount: number;
  currency: string;
  customer: string | null;
  customerEmail: string | null;
  clientReferenceId: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  metadata: Metadata;
}): Stripe.Checkout.Session {
  const created = now();
  const subscription = fields.mode === 'subscription';
  return {
    id: fields.id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: fields.amount,
    amount_total: fields.amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: fields.cancelUrl,
    client_reference_id: fields.clientReferenceId,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: fields.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: fields.customer,
    customer_account: null,
    customer_creation: fields.customer ? null : subscription ? 'always' : 'if_required',
    customer_details: null,
    customer_email: fields.customerEmail,
    discounts: [],
    expires_at: created + CHECKOUT_LIFETIME,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: fields.metadata,
    mode: fields.mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: subscription ? 'always' : 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: fields.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted_page',
    url: fields.url,
    wallet_options: null,
  };
}

export function sessionLineItems(fake: FakeState, sessionId: string): Stripe.LineItem[] {
  return fake.checkoutDetails.get(sessionId)!.lineItems.map((item) => {
    const price = fake.prices.get(item.price)!;
    const amount = (price.unit_amount ?? 0) * item.quantity;
    return {
      id: makeId('li_'),
      object: 'item',
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: productName(fake, price),
      metadata: {},
      price: snapshot(price),
      quantity: item.quantity,
    };
  });
}
