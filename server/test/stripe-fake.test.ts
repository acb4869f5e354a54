import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import {
  deliver,
  eventPayload,
  parseStripeParams,
  signedHeader,
  startStripeFake,
  type StripeFake,
} from './support/stripe-fake';

/**
 * The fake is only useful if the real client accepts what it answers, so every API call here
 * goes through the stripe package, configured the way the app configures it.
 */

const SECRET_KEY = 'sk_test_fake_0123456789abcd';
const WEBHOOK_SECRET = 'whsec_fake_webhook_secret';
const MONTH = 30 * 24 * 60 * 60;

let fake: StripeFake;
let stripe: Stripe;

const clientFor = (key: string) =>
  new Stripe(key, {
    host: '127.0.0.1',
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    apiVersion: '2026-10-28.endive',
  });

beforeAll(async () => {
  fake = await startStripeFake({ secretKey: SECRET_KEY });
  fake.addPrice({ id: 'price_credits', unitAmount: 500, productName: 'Credit pack' });
  fake.addPrice({ id: 'price_pro', unitAmount: 1500, interval: 'month', productName: 'Pro' });
  fake.addPrice({ id: 'price_max', unitAmount: 4000, interval: 'month', productName: 'Max' });
  stripe = clientFor(SECRET_KEY);
});

afterAll(() => fake.stop());

afterEach(() => {
  fake.webhook = null;
});

const lastRequest = () => fake.requests[fake.requests.length - 1]!;

async function newCustomer(userId = 'user-1') {
  return stripe.customers.create({
    email: `${userId}@example.com`,
    name: 'Ada',
    metadata: { userId },
  });
}

function checkout(
  mode: 'payment' | 'subscription',
  customer: string,
  price: string,
): Promise<Stripe.Checkout.Session> {
  const metadata = { userId: 'user-1', itemId: price };
  return stripe.checkout.sessions.create({
    mode,
    customer,
    client_reference_id: 'user-1',
    line_items: [{ price, quantity: 1 }],
    success_url: 'http://127.0.0.1:9/billing/done?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://127.0.0.1:9/billing',
    metadata,
    ...(mode === 'payment'
      ? { payment_intent_data: { metadata } }
      : { subscription_data: { metadata } }),
  });
}

/** A checkout completed on Stripe's side; returns the session as the API now shows it. */
async function paidCheckout(mode: 'payment' | 'subscription', price: string) {
  const customer = await newCustomer();
  const session = await checkout(mode, customer.id, price);
  const events = fake.completeCheckout(session.id);
  return { session: await stripe.checkout.sessions.retrieve(session.id), events };
}

describe('form parameters', () => {
  it('parses bracket notation into nested objects and arrays', () => {
    const parsed = parseStripeParams(
      'line_items[0][price]=price_1&line_items[0][quantity]=2&metadata[userId]=u%201' +
        '&expand[]=a&expand[]=b&success_url=http%3A%2F%2Fx%2F%3Fs%3D%7BCHECKOUT_SESSION_ID%7D',
    );
    expect(parsed).toEqual({
      line_items: [{ price: 'price_1', quantity: '2' }],
      metadata: { userId: 'u 1' },
      expand: ['a', 'b'],
      success_url: 'http://x/?s={CHECKOUT_SESSION_ID}',
    });
  });
});

describe('the Stripe client against the fake', () => {
  it('retrieves a price, with its product when expanded', async () => {
    const price = await stripe.prices.retrieve('price_pro');
    expect(price).toMatchObject({
      id: 'price_pro',
      unit_amount: 1500,
      currency: 'usd',
      recurring: { interval: 'month', interval_count: 1 },
    });
    expect(typeof price.product).toBe('string');
    // Stripe sends decimals as strings; the client turns them into its Decimal values.
    expect(typeof price.unit_amount_decimal).toBe('object');
    expect(price.unit_amount_decimal?.toString()).toBe('1500');

    const expanded = await stripe.prices.retrieve('price_credits', { expand: ['product'] });
    expect(expanded.recurring).toBeNull();
    expect(expanded.product).toMatchObject({ object: 'product', name: 'Credit pack' });
    expect(lastRequest().query).toEqual({ expand: ['product'] });
  });

  it('creates customers and replays a repeated idempotency key', async () => {
    const params = { email: 'ada@example.com', name: 'Ada', metadata: { userId: 'user-7' } };
    const first = await stripe.customers.create(params, { idempotencyKey: 'customer:user-7' });
    const again = await stripe.customers.create(params, { idempotencyKey: 'customer:user-7' });
    const other = await stripe.customers.create(params, { idempotencyKey: 'customer:user-8' });

    expect(first.id).toMatch(/^cus_[0-9A-Za-z]{14}$/);
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first).toMatchObject({ email: 'ada@example.com', metadata: { userId: 'user-7' } });
    expect(await stripe.customers.retrieve(first.id)).toMatchObject({ id: first.id, name: 'Ada' });

    const created = fake.requests.filter((request) => request.path === '/v1/customers');
    expect(created.at(-1)).toMatchObject({
      method: 'POST',
      body: { email: 'ada@example.com', metadata: { userId: 'user-7' } },
      headers: { 'idempotency-key': 'customer:user-8' },
    });

    // The same key with other parameters is refused, as Stripe does.
    await expect(
      stripe.customers.create({ email: 'eve@example.com' }, { idempotencyKey: 'customer:user-7' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('runs a payment-mode checkout to a payment intent with its charge', async () => {
    const customer = await newCustomer();
    const session = await checkout('payment', customer.id, 'price_credits');
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 500,
      currency: 'usd',
      customer: customer.id,
      client_reference_id: 'user-1',
      metadata: { userId: 'user-1', itemId: 'price_credits' },
      payment_intent: null,
      subscription: null,
      url: `${fake.url}/checkout/${session.id}`,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.expires_at).toBeGreaterThan(session.created);
    expect(lastRequest().body).toMatchObject({
      line_items: [{ price: 'price_credits', quantity: '1' }],
      payment_intent_data: { metadata: { userId: 'user-1' } },
      success_url: 'http://127.0.0.1:9/billing/done?session={CHECKOUT_SESSION_ID}',
    });

    const events = fake.completeCheckout(session.id);
    expect(events.map((event) => event.type)).toEqual(['checkout.session.completed']);
    expect(events[0]!.data.object).toMatchObject({ status: 'complete', payment_status: 'paid' });

    const completed = await stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', url: null });
    const paymentIntent = await stripe.paymentIntents.retrieve(completed.payment_intent as string, {
      expand: ['latest_charge'],
    });
    expect(lastRequest().query).toEqual({ expand: ['latest_charge'] });
    expect(paymentIntent).toMatchObject({
      status: 'succeeded',
      amount: 500,
      amount_received: 500,
      customer: customer.id,
      metadata: { userId: 'user-1', itemId: 'price_credits' },
    });
    const charge = paymentIntent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({
      object: 'charge',
      paid: true,
      status: 'succeeded',
      amount: 500,
      amount_refunded: 0,
      refunded: false,
      disputed: false,
      payment_intent: paymentIntent.id,
      receipt_url: `${fake.url}/receipts/${charge.id}`,
    });
    expect(charge).not.toHaveProperty('invoice');

    const unexpanded = await stripe.paymentIntents.retrieve(paymentIntent.id);
    expect(unexpanded.latest_charge).toBe(charge.id);
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ id: charge.id });
  });

  it('runs a subscription-mode checkout to a subscription, its invoice and payment', async () => {
    const customer = await newCustomer();
    const session = await checkout('subscription', customer.id, 'price_pro');
    expect(session).toMatchObject({ mode: 'subscription', amount_total: 1500, subscription: null });

    const events = fake.completeCheckout(session.id);
    expect(events.map((event) => event.type)).toEqual([
      'customer.subscription.created',
      'invoice.paid',
      'checkout.session.completed',
    ]);

    const completed = await stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const subscription = await stripe.subscriptions.retrieve(completed.subscription as string);
    const item = subscription.items.data[0]!;
    expect(subscription).toMatchObject({
      status: 'active',
      customer: customer.id,
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      metadata: { userId: 'user-1', itemId: 'price_pro' },
    });
    expect(item.price.id).toBe('price_pro');
    expect(item.current_period_end - item.current_period_start).toBe(MONTH);

    const invoiceId = subscription.latest_invoice as string;
    const plain = await stripe.invoices.retrieve(invoiceId);
    expect(plain).not.toHaveProperty('payments');
    const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ['payments'] });
    expect(invoice).toMatchObject({
      status: 'paid',
      billing_reason: 'subscription_create',
      amount_paid: 1500,
      customer: customer.id,
      hosted_invoice_url: `${fake.url}/invoices/${invoiceId}`,
    });
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(invoice.status_transitions.paid_at).toEqual(expect.any(Number));
    const line = invoice.lines.data[0]!;
    expect(line.pricing?.price_details).toMatchObject({
      price: 'price_pro',
      product: expect.any(String),
    });
    expect(line.period).toEqual({ start: item.current_period_start, end: item.current_period_end });
    expect(line.amount).toBe(1500);

    const payment = invoice.payments!.data[0]!;
    expect(payment.id).toMatch(/^inpay_/);
    expect(payment).toMatchObject({ status: 'paid', amount_paid: 1500, invoice: invoiceId });
    const paymentIntent = await stripe.paymentIntents.retrieve(
      payment.payment.payment_intent as string,
      { expand: ['latest_charge'] },
    );
    expect(paymentIntent.status).toBe('succeeded');
    expect((paymentIntent.latest_charge as Stripe.Charge).amount).toBe(1500);

    // Nested expansion walks lists, as Stripe's does.
    const deep = await stripe.invoices.retrieve(invoiceId, {
      expand: ['payments.data.payment.payment_intent'],
    });
    const deepPayment = deep.payments!.data[0]!.payment;
    expect((deepPayment.payment_intent as Stripe.PaymentIntent).id).toBe(paymentIntent.id);
  });

  it('renews, changes plan and cancels a subscription with the events Stripe sends', async () => {
    const { session } = await paidCheckout('subscription', 'price_pro');
    const subscriptionId = session.subscription as string;
    const before = await stripe.subscriptions.retrieve(subscriptionId);
    const firstEnd = before.items.data[0]!.current_period_end;

    const renewal = fake.renewSubscription(subscriptionId);
    expect(renewal.map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'invoice.paid',
    ]);
    const updated = renewal[0] as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(updated.data.previous_attributes?.items?.data[0]?.current_period_end).toBe(firstEnd);
    expect(updated.data.object.items.data[0]!.current_period_start).toBe(firstEnd);
    const renewed = await stripe.subscriptions.retrieve(subscriptionId);
    expect(renewed.items.data[0]!.current_period_end).toBe(firstEnd + MONTH);
    const cycle = await stripe.invoices.retrieve(renewed.latest_invoice as string);
    expect(cycle).toMatchObject({ billing_reason: 'subscription_cycle', status: 'paid' });

    const change = fake.changePlan(subscriptionId, 'price_max');
    expect(change.map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'invoice.paid',
    ]);
    const proration = (change[1] as Stripe.InvoicePaidEvent).data.object;
    expect(proration).toMatchObject({ billing_reason: 'subscription_update', amount_paid: 2500 });
    expect((await stripe.subscriptions.retrieve(subscriptionId)).items.data[0]!.price.id).toBe(
      'price_max',
    );

    const atPeriodEnd = fake.cancelSubscription(subscriptionId, { atPeriodEnd: true });
    expect(atPeriodEnd.map((event) => event.type)).toEqual(['customer.subscription.updated']);
    const canceling = await stripe.subscriptions.retrieve(subscriptionId);
    expect(canceling).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: canceling.items.data[0]!.current_period_end,
    });
    const lineItems = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['line_items'],
    });
    expect(lineItems.line_items?.data[0]).toMatchObject({
      quantity: 1,
      price: { id: 'price_pro' },
    });

    // The period then ends without a renewal.
    expect(fake.renewSubscription(subscriptionId).map((event) => event.type)).toEqual([
      'customer.subscription.deleted',
    ]);

    const other = await paidCheckout('subscription', 'price_pro');
    const declined = fake.renewSubscription(other.session.subscription as string, {
      paymentFails: true,
    });
    expect(declined.map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'invoice.payment_failed',
    ]);
    expect(declined[0]!.data.object).toMatchObject({ status: 'past_due' });
    expect(declined[1]!.data.object).toMatchObject({ status: 'open', amount_paid: 0 });

    const deleted = fake.cancelSubscription(other.session.subscription as string, {
      atPeriodEnd: false,
    });
    expect(deleted.map((event) => event.type)).toEqual(['customer.subscription.deleted']);
    expect(deleted[0]!.data.object).toMatchObject({
      status: 'canceled',
      canceled_at: expect.any(Number),
      ended_at: expect.any(Number),
    });
  });

  it('settles asynchronous payments and expires sessions', async () => {
    const customer = await newCustomer();
    const session = await checkout('payment', customer.id, 'price_credits');
    fake.completeCheckout(session.id, { asyncPayment: true });
    const pending = await stripe.checkout.sessions.retrieve(session.id);
    expect(pending).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    expect((await stripe.paymentIntents.retrieve(pending.payment_intent as string)).status).toBe(
      'processing',
    );

    const settled = fake.succeedAsyncPayment(session.id);
    expect(settled.map((event) => event.type)).toEqual([
      'checkout.session.async_payment_succeeded',
    ]);
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('paid');
    expect((await stripe.paymentIntents.retrieve(pending.payment_intent as string)).status).toBe(
      'succeeded',
    );

    const subscribing = await checkout('subscription', customer.id, 'price_pro');
    const started = fake.completeCheckout(subscribing.id, { asyncPayment: true });
    expect(started.map((event) => event.type)).toEqual([
      'customer.subscription.created',
      'checkout.session.completed',
    ]);
    expect(started[0]!.data.object).toMatchObject({ status: 'incomplete' });
    expect(fake.succeedAsyncPayment(subscribing.id).map((event) => event.type)).toEqual([
      'customer.subscription.updated',
      'invoice.paid',
      'checkout.session.async_payment_succeeded',
    ]);
    const subscriptionId = fake.sessions.get(subscribing.id)!.subscription as string;
    expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe('active');

    const abandoned = await checkout('payment', customer.id, 'price_credits');
    expect(fake.expireCheckout(abandoned.id).map((event) => event.type)).toEqual([
      'checkout.session.expired',
    ]);
    expect(await stripe.checkout.sessions.retrieve(abandoned.id)).toMatchObject({
      status: 'expired',
      url: null,
    });
  });

  it('refunds and disputes charges', async () => {
    const { session } = await paidCheckout('payment', 'price_credits');
    const paymentIntent = await stripe.paymentIntents.retrieve(session.payment_intent as string);
    const chargeId = paymentIntent.latest_charge as string;

    const partial = fake.refundCharge(chargeId, 200);
    expect(partial.map((event) => event.type)).toEqual(['charge.refunded']);
    expect(partial[0]!.data.object).toMatchObject({ amount_refunded: 200, refunded: false });
    fake.refundCharge(chargeId);
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({
      amount_refunded: 500,
      refunded: true,
    });

    const [created] = fake.createDispute(chargeId);
    expect(created!.type).toBe('charge.dispute.created');
    const disputeId = (created!.data.object as Stripe.Dispute).id;
    expect(await stripe.disputes.retrieve(disputeId)).toMatchObject({
      amount: 500,
      charge: chargeId,
      payment_intent: paymentIntent.id,
      status: 'needs_response',
      reason: 'fraudulent',
    });
    expect((await stripe.charges.retrieve(chargeId)).disputed).toBe(true);
  });

  it('creates billing portal sessions for known customers only', async () => {
    const customer = await newCustomer();
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'http://127.0.0.1:9/account',
    });
    expect(portal).toMatchObject({
      object: 'billing_portal.session',
      customer: customer.id,
      return_url: 'http://127.0.0.1:9/account',
      url: `${fake.url}/portal/${portal.id}`,
    });
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain('Billing portal');
    expect(html).toContain('href="http://127.0.0.1:9/account"');

    await expect(
      stripe.billingPortal.sessions.create({ customer: 'cus_nobody' }),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'resource_missing',
      param: 'customer',
      message: "No such customer: 'cus_nobody'",
    });
  });

  it('reports unknown ids as resource_missing and unknown URLs as Stripe does', async () => {
    const error = await stripe.customers.retrieve('cus_missing').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'id',
      message: "No such customer: 'cus_missing'",
    });
    await expect(stripe.prices.retrieve('price_missing')).rejects.toMatchObject({
      code: 'resource_missing',
      message: "No such price: 'price_missing'",
    });

    await expect(stripe.rawRequest('GET', '/v1/nothing_here')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      message: expect.stringContaining('Unrecognized request URL (GET: /v1/nothing_here)'),
    });
  });

  it('refuses other API keys without showing them', async () => {
    const wrongKey = 'sk_test_someone_elses_key_wxyz';
    const error = await clientFor(wrongKey)
      .customers.retrieve('cus_any')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const { message } = error as Stripe.errors.StripeAuthenticationError;
    expect(message).toMatch(/^Invalid API Key provided: sk_test_\*+wxyz$/);
    expect(message).not.toContain('someone');
  });

  it('fails the next matching request on request', async () => {
    fake.failNext('/v1/prices');
    const error = await stripe.prices.retrieve('price_pro').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500 });
    // Only the next one.
    expect((await stripe.prices.retrieve('price_pro')).id).toBe('price_pro');

    fake.failNext((request) => request.method === 'POST' && request.path === '/v1/customers', {
      status: 402,
      error: { type: 'card_error', message: 'Your card was declined.', code: 'card_declined' },
    });
    await expect(newCustomer()).rejects.toBeInstanceOf(Stripe.errors.StripeCardError);
  });
});

describe('webhooks', () => {
  it('signs events so that constructEvent accepts them', async () => {
    const { events } = await paidCheckout('payment', 'price_credits');
    const payload = eventPayload(events[0]!);
    const header = signedHeader(payload, WEBHOOK_SECRET);

    const event = stripe.webhooks.constructEvent(payload, header, WEBHOOK_SECRET);
    expect(event).toMatchObject({
      id: events[0]!.id,
      object: 'event',
      type: 'checkout.session.completed',
      api_version: '2026-10-28.endive',
      livemode: false,
      request: { id: null, idempotency_key: null },
    });
    expect(() => stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const stale = signedHeader(payload, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600);
    expect(() => stripe.webhooks.constructEvent(payload, stale, WEBHOOK_SECRET)).toThrow(
      /tolerance/,
    );
  });

  it('pays on the hosted page: delivers the events, then redirects to the success URL', async () => {
    const received: Stripe.Event[] = [];
    const endpoint = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        try {
          const signature = request.headers['stripe-signature'] ?? '';
          received.push(
            stripe.webhooks.constructEvent(Buffer.concat(chunks), signature, WEBHOOK_SECRET),
          );
          response.writeHead(200).end('{"received":true}');
        } catch {
          response.writeHead(400).end('bad signature');
        }
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/webhooks/stripe`;

    try {
      fake.webhook = { url: webhookUrl, secret: WEBHOOK_SECRET };
      const customer = await newCustomer();
      const session = await checkout('subscription', customer.id, 'price_pro');

      const pageHtml = await (await fetch(session.url!)).text();
      expect(pageHtml).toContain('Pro');
      expect(pageHtml).toContain('$15.00 per month');
      expect(pageHtml).toContain(`action="/checkout/${session.id}/pay"`);
      expect(pageHtml).toContain('href="http://127.0.0.1:9/billing"');

      const response = await fetch(`${fake.url}/checkout/${session.id}/pay`, {
        method: 'POST',
        redirect: 'manual',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(
        `http://127.0.0.1:9/billing/done?session=${session.id}`,
      );
      expect(received.map((event) => event.type)).toEqual([
        'customer.subscription.created',
        'invoice.paid',
        'checkout.session.completed',
      ]);
      expect(fake.deliveries.slice(-3).map((delivery) => delivery.status)).toEqual([200, 200, 200]);
      expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('complete');

      // A forged signature is what the endpoint must refuse.
      const forged = await deliver(webhookUrl, received[0]!, {
        secret: WEBHOOK_SECRET,
        signature: 'f'.repeat(64),
      });
      expect(forged).toEqual({ status: 400, body: {}, text: 'bad signature' });
      const replayed = await fake.deliver(webhookUrl, received[0]!, { secret: WEBHOOK_SECRET });
      expect(replayed).toMatchObject({ status: 200, body: { received: true } });
    } finally {
      endpoint.closeAllConnections();
      await new Promise((resolve) => endpoint.close(resolve));
    }
  });
});
