import type Stripe from 'stripe';
import { makeId } from './params';
import type { FakeState } from './state';
import type { Metadata, PaymentState } from './types';
import { DAY, now } from './values';

// Card payments: payment intents, charges and disputes.

/** A card payment: a payment intent and its charge, in the given state. */
export function pay(
  fake: FakeState,
  options: {
    customer: string | null;
    amount: number;
    currency: string;
    metadata: Metadata;
    description: string | null;
    state: PaymentState;
  },
): Stripe.PaymentIntent {
  const payment = { ...options, created: now(), paymentMethod: makeId('pm_') };
  const paymentIntentId = makeId('pi_');
  const charge = buildCharge({ ...payment, paymentIntent: paymentIntentId, url: fake.url });
  const paymentIntent = buildPaymentIntent({
    ...payment,
    id: paymentIntentId,
    charge: charge.id,
  });
  fake.paymentIntents.set(paymentIntent.id, paymentIntent);
  fake.charges.set(charge.id, charge);
  if (options.state !== 'processing') settle(fake, paymentIntent, options.state);
  return paymentIntent;
}

/** Moves a processing payment to its final state; the charge follows its intent. */
export function settle(
  fake: FakeState,
  paymentIntent: Stripe.PaymentIntent,
  state: 'succeeded' | 'failed',
) {
  const charge = fake.charges.get(paymentIntent.latest_charge as string)!;
  if (state === 'succeeded') {
    paymentIntent.status = 'succeeded';
    paymentIntent.amount_received = paymentIntent.amount;
    charge.status = 'succeeded';
    charge.paid = true;
    charge.captured = true;
    charge.amount_captured = charge.amount;
    charge.outcome = chargeOutcome('authorized');
    return paymentIntent;
  }
  paymentIntent.status = 'requires_payment_method';
  paymentIntent.last_payment_error = {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
    charge: charge.id,
  };
  charge.status = 'failed';
  charge.failure_code = 'card_declined';
  charge.failure_message = 'Your card was declined.';
  charge.outcome = chargeOutcome('issuer_declined');
  return paymentIntent;
}

/** A payment intent as it looks while processing; `settle` finishes it. */
function buildPaymentIntent(fields: {
  id: string;
  created: number;
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Metadata;
  paymentMethod: string;
  charge: string;
}): Stripe.PaymentIntent {
  return {
    id: fields.id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: fields.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${fields.id}_secret_${makeId('', 25)}`,
    confirmation_method: 'automatic',
    created: fields.created,
    currency: fields.currency,
    customer: fields.customer,
    customer_account: null,
    description: fields.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: fields.charge,
    livemode: false,
    managed_payments: null,
    metadata: fields.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: fields.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'processing',
    transfer_group: null,
  };
}

/** A charge as it looks while its payment is processing; `settle` finishes it. */
function buildCharge(fields: {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  created: number;
  paymentIntent: string;
  paymentMethod: string;
  url: string;
}): Stripe.Charge {
  const id = makeId('ch_');
  return {
    id,
    object: 'charge',
    amount: fields.amount,
    amount_captured: 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: makeId('txn_'),
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'AIOFM',
    captured: false,
    created: fields.created,
    currency: fields.currency,
    customer: fields.customer,
    description: fields.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: null,
    paid: false,
    payment_intent: fields.paymentIntent,
    payment_method: fields.paymentMethod,
    payment_method_details: { type: 'card', card: testCard() },
    receipt_email: null,
    receipt_number: null,
    receipt_url: `${fields.url}/receipts/${id}`,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'pending',
    transfer_data: null,
    transfer_group: null,
  };
}

function chargeOutcome(type: 'authorized' | 'issuer_declined'): Stripe.Charge.Outcome {
  const authorized = type === 'authorized';
  return {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: authorized ? 'approved_by_network' : 'declined_by_network',
    reason: authorized ? null : 'generic_decline',
    risk_level: 'normal',
    risk_score: 20,
    seller_message: authorized
      ? 'Payment complete.'
      : 'The bank did not return any further details with this decline.',
    type,
  };
}

/** Stripe's 4242 test card, as a charge reports it. */
function testCard(): Stripe.Charge.PaymentMethodDetails.Card {
  return {
    amount_authorized: null,
    authorization_code: null,
    brand: 'visa',
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    country: 'US',
    electronic_commerce_indicator: null,
    exp_month: 12,
    exp_year: new Date().getUTCFullYear() + 3,
    funding: 'credit',
    installments: null,
    last4: '4242',
    mandate: null,
    network: 'visa',
    network_transaction_id: null,
    regulated_status: 'unregulated',
    three_d_secure: null,
    transaction_link_id: null,
    wallet: null,
  };
}

export function buildDispute(charge: Stripe.Charge, amount: number): Stripe.Dispute {
  const created = now();
  return {
    id: makeId('dp_'),
    object: 'dispute',
    amount,
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: created + 7 * DAY,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: 'fraudulent',
    status: 'needs_response',
  };
}

function emptyEvidence(): Stripe.Dispute.Evidence {
  return {
    access_activity_log: null,
    billing_address: null,
    cancellation_policy: null,
    cancellation_policy_disclosure: null,
    cancellation_rebuttal: null,
    customer_communication: null,
    customer_email_address: null,
    customer_name: null,
    customer_purchase_ip: null,
    customer_signature: null,
    duplicate_charge_documentation: null,
    duplicate_charge_explanation: null,
    duplicate_charge_id: null,
    enhanced_evidence: {},
    product_description: null,
    receipt: null,
    refund_policy: null,
    refund_policy_disclosure: null,
    refund_refusal_explanation: null,
    service_date: null,
    service_documentation: null,
    shipping_address: null,
    shipping_carrier: null,
    shipping_date: null,
    shipping_documentation: null,
    shipping_tracking_number: null,
    uncategorized_file: null,
    uncategorized_text: null,
  };
}
