import type Stripe from 'stripe';
import { addCustomer } from './catalog';
import { buildCheckoutSession } from './checkout';
import { invalid, missing } from './errors';
import { render } from './expansion';
import { expandParam, isRecord, makeId, metadataParam, stringParam } from './params';
import { mustGet, type FakeState } from './state';
import type { LineItemInput, RecordedRequest } from './types';
import { now, snapshot } from './values';

// The API's endpoints: the route table, and the handlers that create objects from parameters.

type Handler = (request: RecordedRequest, id: string) => unknown;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

function route(method: string, path: string, handler: Handler): Route {
  return { method, pattern: new RegExp(`^${path.replace(':id', '([^/]+)')}$`), handler };
}

export function apiRoutes(fake: FakeState): Route[] {
  const retrieve =
    <T extends { id: string }>(store: Map<string, T>, kind: string): Handler =>
    (request, id) =>
      render(fake, mustGet(store, kind, id), expandParam(request));
  return [
    route('GET', '/v1/prices/:id', retrieve(fake.prices, 'price')),
    route('GET', '/v1/products/:id', retrieve(fake.products, 'product')),
    route('POST', '/v1/customers', (request) => createCustomer(fake, request)),
    route('GET', '/v1/customers/:id', retrieve(fake.customers, 'customer')),
    route('POST', '/v1/checkout/sessions', (request) => createCheckoutSession(fake, request)),
    route('GET', '/v1/checkout/sessions/:id', retrieve(fake.sessions, 'checkout.session')),
    route('POST', '/v1/billing_portal/sessions', (request) => createPortalSession(fake, request)),
    route('GET', '/v1/subscriptions/:id', retrieve(fake.subscriptions, 'subscription')),
    route('GET', '/v1/invoices/:id', retrieve(fake.invoices, 'invoice')),
    route('GET', '/v1/payment_intents/:id', retrieve(fake.paymentIntents, 'payment_intent')),
    route('GET', '/v1/charges/:id', retrieve(fake.charges, 'charge')),
    route('GET', '/v1/disputes/:id', retrieve(fake.disputes, 'dispute')),
    route('GET', '/v1/events/:id', (_request, id) => {
      const event = fake.events.find((candidate) => candidate.id === id);
      if (!event) throw missing('event', id, 'id', 404);
      return snapshot(event);
    }),
  ];
}

function createCustomer(fake: FakeState, request: RecordedRequest): unknown {
  const { body } = request;
  const customer = addCustomer(fake, {
    email: stringParam(body.email) ?? null,
    name: stringParam(body.name) ?? null,
    phone: stringParam(body.phone) ?? null,
    description: stringParam(body.description) ?? null,
    metadata: metadataParam(body.metadata),
  });
  return render(fake, customer, expandParam(request));
}

function createCheckoutSession(fake: FakeState, request: RecordedRequest): unknown {
  const { body } = request;
  const mode = body.mode;
  if (mode === undefined) throw invalid('Missing required param: mode.', 'mode');
  if (mode !== 'payment' && mode !== 'subscription') {
    throw invalid('Invalid mode: must be one of payment, setup, or subscription', 'mode');
  }
  const lineItems = checkoutLineItems(fake, body.line_items, mode);
  const customer = stringParam(body.customer);
  if (customer && !fake.customers.has(customer))
    throw missing('customer', customer, 'customer', 400);

  const prices = lineItems.map((item) => fake.prices.get(item.price)!);
  const amount = lineItems.reduce(
    (sum, item, index) => sum + (prices[index]!.unit_amount ?? 0) * item.quantity,
    0,
  );
  const id = makeId('cs_test_', 58);
  const session = buildCheckoutSession({
    id,
    url: `${fake.url}/checkout/${id}`,
    mode,
    amount,
    currency: prices[0]!.currency,
    customer: customer ?? null,
    customerEmail: stringParam(body.customer_email) ?? null,
    clientReferenceId: stringParam(body.client_reference_id) ?? null,
    successUrl: stringParam(body.success_url) ?? null,
    cancelUrl: stringParam(body.cancel_url) ?? null,
    metadata: metadataParam(body.metadata),
  });
  fake.sessions.set(id, session);
  const paymentIntentData = isRecord(body.payment_intent_data) ? body.payment_intent_data : {};
  const subscriptionData = isRecord(body.subscription_data) ? body.subscription_data : {};
  fake.checkoutDetails.set(id, {
    lineItems,
    paymentIntentMetadata: metadataParam(paymentIntentData.metadata),
    subscriptionMetadata: metadataParam(subscriptionData.metadata),
  });
  return render(fake, session, expandParam(request));
}

/** Checks `line_items` and refuses what Stripe refuses, in its words. */
function checkoutLineItems(
  fake: FakeState,
  value: unknown,
  mode: 'payment' | 'subscription',
): LineItemInput[] {
  const items = Array.isArray(value) ? value : [];
  if (items.length === 0) {
    throw invalid(`You must provide at least one line item in \`${mode}\` mode.`, 'line_items');
  }
  const parsed = items.map((item: unknown, index) => lineItem(fake, item, `line_items[${index}]`));
  const recurring = parsed.filter((item) => fake.prices.get(item.price)!.recurring);
  if (mode === 'subscription' && recurring.length === 0) {
    throw invalid(
      'You must provide at least one recurring price in `subscription` mode when using prices.',
      'line_items',
    );
  }
  if (mode === 'payment' && recurring.length > 0) {
    throw invalid(
      'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
      'line_items',
    );
  }
  return parsed;
}

function lineItem(fake: FakeState, item: unknown, param: string): LineItemInput {
  const entry = isRecord(item) ? item : {};
  const priceId = stringParam(entry.price);
  if (!priceId) throw invalid(`Missing required param: ${param}[price].`, `${param}[price]`);
  const price = fake.prices.get(priceId);
  if (!price) throw missing('price', priceId, `${param}[price]`, 400);
  if (!price.active) {
    throw invalid(
      'The price specified is inactive. This field only accepts active prices.',
      `${param}[price]`,
    );
  }
  const quantity = entry.quantity === undefined ? 1 : Number(entry.quantity);
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw invalid('Invalid positive integer', `${param}[quantity]`);
  }
  return { price: priceId, quantity };
}

function createPortalSession(fake: FakeState, request: RecordedRequest): unknown {
  const customer = stringParam(request.body.customer);
  if (!customer) throw invalid('Missing required param: customer.', 'customer');
  if (!fake.customers.has(customer)) throw missing('customer', customer, 'customer', 400);
  const id = makeId('bps_');
  const session: Stripe.BillingPortal.Session = {
    id,
    object: 'billing_portal.session',
    configuration: fake.portalConfiguration,
    created: now(),
    customer,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: stringParam(request.body.return_url) ?? null,
    url: `${fake.url}/portal/${id}`,
  };
  fake.portalSessions.set(id, session);
  return render(fake, session, expandParam(request));
}
