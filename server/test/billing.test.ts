import type Stripe from 'stripe';
import { LedgerService } from '../src/modules/credits/ledger.service';
import { verifyLedger } from '../src/modules/credits/ledger-verifier';
import {
  billingEnv,
  PRICES,
  seedPrices,
  STRIPE_KEY,
  WEBHOOK_SECRET,
} from './support/billing-fixtures';
import {
  CHECKOUT,
  CREDITS,
  HISTORY,
  OUTCOME,
  signedUp,
  SUBSCRIPTION,
  type Checkout,
  type Credits,
} from './support/billing';
import type { BrowserClient } from './support/browser-client';
import { startStripeFake, type StripeFake } from './support/stripe-fake';
import { startTestServer, type TestServer } from './support/test-server';

describe('billing through Stripe', () => {
  let fake: StripeFake;
  let server: TestServer;
  let webhookUrl: string;
  let ledger: LedgerService;

  beforeAll(async () => {
    fake = await startStripeFake({ secretKey: STRIPE_KEY });
    seedPrices(fake);
    server = await startTestServer({ env: billingEnv(fake), captureLogs: true });
    webhookUrl = `${server.url}/webhooks/stripe`;
    ledger = new LedgerService(server.runtime.dataSource, server.runtime.events);
  });
  afterEach(async () => {
    expect(await verifyLedger(server.runtime.dataSource)).toEqual([]);
  });
  afterAll(async () => {
    await server.stop();
    await fake.stop();
  });

  const deliver = (event: Stripe.Event, options: { timestamp?: number; signature?: string } = {}) =>
    fake.deliver(webhookUrl, event, { secret: WEBHOOK_SECRET, ...options });

  async function deliverAll(events: Stripe.Event[]) {
    for (const event of events) expect((await deliver(event)).status).toBe(200);
  }

  const credits = async (browser: BrowserClient) => (await browser.ok<Credits>(CREDITS)).me.credits;

  async function checkout(browser: BrowserClient, input: { packId?: string; planId?: string }) {
    return (await browser.ok<Checkout>(CHECKOUT, { input })).createCheckoutSession;
  }

  /** Spends credits the way a generation will: a hold, then its capture. */
  async function spend(browser: BrowserClient, amount: number, key: string) {
    const userId = (await browser.ok<Credits>(CREDITS)).me.id;
    await ledger.hold({ userId, amount, key });
    await ledger.capture(key);
  }

  it('lists the packs and plans with the prices Stripe has', async () => {
    const browser = await signedUp(server);
    const { billingCatalog } = await browser.ok<{
      billingCatalog: {
        enabled: boolean;
        packs: Array<{
          id: string;
          credits: number;
          price: { amount: number; currency: string };
          available: boolean;
        }>;
        plans: Array<{
          id: string;
          monthlyCredits: number;
          price: { amount: number };
          interval: string;
        }>;
      };
    }>(`{ billingCatalog { enabled
        packs { id credits price { amount currency } available }
        plans { id monthlyCredits price { amount } interval available } } }`);
    expect(billingCatalog.enabled).toBe(true);
    // The 2,000-credit pack has no Price configured here, so it is not offered.
    expect(billingCatalog.packs).toEqual([
      { id: 'pack-100', credits: 100, price: { amount: 500, currency: 'usd' }, available: true },
      { id: 'pack-500', credits: 500, price: { amount: 2000, currency: 'usd' }, available: true },
    ]);
    expect(
      billingCatalog.plans.map((plan) => [
        plan.id,
        plan.monthlyCredits,
        plan.price.amount,
        plan.interval,
      ]),
    ).toEqual([
      ['creator', 600, 1500, 'month'],
      ['studio', 2500, 4900, 'month'],
    ]);
  });

  it('sells a pack: Checkout with a reused customer, credits once on the signed webhook, a receipt', async () => {
    const browser = await signedUp(server, 'Ada Buyer');
    const first = await checkout(browser, { packId: 'pack-500' });
    const second = await checkout(browser, { packId: 'pack-100' });
    expect(first.url).toBe(`${fake.url}/checkout/${first.id}`);

    const created = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/customers');
    expect(created).toHaveLength(1);
    expect(created[0]!.headers.authorization).toBe(`Bearer ${STRIPE_KEY}`);
    expect(created[0]!.body).toMatchObject({
      name: 'Ada Buyer',
      metadata: { userId: expect.any(String) },
    });
    const sessions = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === '/v1/checkout/sessions',
    );
    expect(sessions[0]!.body.customer).toMatch(/^cus_/);
    expect(sessions[1]!.body.customer).toBe(sessions[0]!.body.customer);
    expect(sessions[0]!.body).toMatchObject({
      mode: 'payment',
      line_items: [{ price: PRICES.pack500, quantity: '1' }],
      success_url: `${server.config.publicUrl.origin}/credits/return?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${server.config.publicUrl.origin}/credits?checkout=canceled`,
      metadata: { itemId: 'pack-500' },
    });

    expect(
      (await browser.ok<{ checkoutSession: { status: string } }>(OUTCOME, { id: first.id }))
        .checkoutSession.status,
    ).toBe('OPEN');
    const [completed] = fake.completeCheckout(first.id);
    // Paid on Stripe's page, but the webhook has not arrived yet.
    expect(
      (await browser.ok<{ checkoutSession: { status: string } }>(OUTCOME, { id: first.id }))
        .checkoutSession.status,
    ).toBe('PROCESSING');

    expect(await deliver(completed!)).toMatchObject({
      status: 200,
      body: { outcome: 'processed' },
    });
    expect(await deliver(completed!)).toMatchObject({
      status: 200,
      body: { outcome: 'duplicate' },
    });
    expect(await credits(browser)).toMatchObject({
      available: 500,
      purchased: 500,
      subscription: 0,
    });
    expect((await browser.ok(OUTCOME, { id: first.id })).checkoutSession).toEqual({
      id: first.id,
      kind: 'CREDIT_PACK',
      itemName: '500 credits',
      status: 'FULFILLED',
      credits: 500,
    });

    // The same session reported again under another event id grants nothing more.
    const [again] = fake.completeCheckout(second.id);
    const copy = { ...completed!, id: `${completed!.id}_copy` };
    expect((await deliver(copy)).status).toBe(200);
    expect((await deliver(again!)).status).toBe(200);
    expect(await credits(browser)).toMatchObject({ available: 600 });

    const history = await browser.ok<{
      billingHistory: { edges: Array<{ node: Record<string, unknown> }> };
    }>(HISTORY);
    expect(history.billingHistory.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        description: '100 credits',
        credits: 100,
        amount: { amount: 500, currency: 'usd' },
      }),
      expect.objectContaining({
        kind: 'CREDIT_PACK',
        description: '500 credits',
        status: 'PAID',
        credits: 500,
        amount: { amount: 2000, currency: 'usd' },
        receiptUrl: expect.stringMatching(new RegExp(`^${fake.url}/receipts/ch_`)),
      }),
    ]);
  });

  it('refuses forged, stale and unsigned webhooks and changes nothing', async () => {
    const browser = await signedUp(server);
    const session = await checkout(browser, { packId: 'pack-100' });
    const [completed] = fake.completeCheckout(session.id);

    const forged = await fake.deliver(webhookUrl, completed!, { secret: 'whsec_not_the_secret' });
    expect(forged.status).toBe(400);
    const stale = await deliver(completed!, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(400);
    const unsigned = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(completed),
    });
    expect(unsigned.status).toBe(400);
    // A body changed after signing no longer matches its signature.
    const tampered = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': fake.signedHeader(JSON.stringify(completed), WEBHOOK_SECRET),
      },
      body: JSON.stringify({ ...completed, id: 'evt_other' }),
    });
    expect(tampered.status).toBe(400);
    expect(await credits(browser)).toMatchObject({ available: 0 });

    expect((await deliver(completed!)).status).toBe(200);
    expect(await credits(browser)).toMatchObject({ available: 100 });
  });

  it('applies one event exactly once when Stripe delivers it many times at once', async () => {
    const browser = await signedUp(server);
    const session = await checkout(browser, { packId: 'pack-100' });
    const [completed] = fake.completeCheckout(session.id);
    const answers = await Promise.all(Array.from({ length: 8 }, () => deliver(completed!)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.filter((answer) => answer.body.outcome === 'processed')).toHaveLength(1);
    expect(await credits(browser)).toMatchObject({ available: 100 });
  });

  it('answers 500 when Stripe cannot be read, so Stripe retries, and the retry succeeds', async () => {
    const browser = await signedUp(server);
    const session = await checkout(browser, { packId: 'pack-100' });
    const [completed] = fake.completeCheckout(session.id);
    fake.failNext(`/v1/checkout/sessions/${session.id}`, {
      status: 500,
      error: { type: 'api_error', message: 'Something went wrong on Stripe' },
      // The client retries a 500 twice by itself; all three attempts fail here.
      times: 3,
    });
    expect((await deliver(completed!)).status).toBe(500);
    expect(await credits(browser)).toMatchObject({ available: 0 });
    expect(await deliver(completed!)).toMatchObject({
      status: 200,
      body: { outcome: 'processed' },
    });
    expect(await credits(browser)).toMatchObject({ available: 100 });
  });

  it('waits for a delayed payment method before granting, and records a failed one', async () => {
    const browser = await signedUp(server);
    const paid = await checkout(browser, { packId: 'pack-100' });
    await deliverAll(fake.completeCheckout(paid.id, { asyncPayment: true }));
    expect(await credits(browser)).toMatchObject({ available: 0 });
    expect((await browser.ok(OUTCOME, { id: paid.id })).checkoutSession).toMatchObject({
      status: 'PROCESSING',
    });
    await deliverAll(fake.succeedAsyncPayment(paid.id));
    expect(await credits(browser)).toMatchObject({ available: 100 });

    const failed = await checkout(browser, { packId: 'pack-500' });
    await deliverAll(fake.completeCheckout(failed.id, { asyncPayment: true }));
    await deliverAll(fake.failAsyncPayment(failed.id));
    expect((await browser.ok(OUTCOME, { id: failed.id })).checkoutSession).toMatchObject({
      status: 'FAILED',
      credits: 0,
    });
    expect(await credits(browser)).toMatchObject({ available: 100 });
  });

  it('runs a plan: first allowance, expiry of the unused credits at renewal, purchased credits kept', async () => {
    const browser = await signedUp(server);
    const pack = await checkout(browser, { packId: 'pack-100' });
    await deliverAll(fake.completeCheckout(pack.id));

    const plan = await checkout(browser, { planId: 'creator' });
    const request = fake.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)!;
    expect(request.body).toMatchObject({
      mode: 'subscription',
      line_items: [{ price: PRICES.creator, quantity: '1' }],
      subscription_data: { metadata: { itemId: 'creator' } },
    });
    const [subscriptionCreated, invoicePaid, checkoutCompleted] = fake.completeCheckout(plan.id);
    // Stripe does not promise an order: the invoice arrives first here.
    await deliverAll([invoicePaid!, checkoutCompleted!, subscriptionCreated!]);
    expect(await credits(browser)).toMatchObject({
      subscription: 600,
      purchased: 100,
      available: 700,
    });
    expect((await browser.ok(OUTCOME, { id: plan.id })).checkoutSession).toMatchObject({
      status: 'FULFILLED',
      credits: 600,
      itemName: 'Creator plan',
    });
    const { subscription } = await browser.ok<{ subscription: Record<string, unknown> }>(
      SUBSCRIPTION,
    );
    expect(subscription).toMatchObject({
      status: 'ACTIVE',
      cancelAtPeriodEnd: false,
      plan: { id: 'creator' },
      endsAt: null,
    });
    expect(subscription.renewsAt).toBe(subscription.currentPeriodEnd);

    // A second plan would be a second subscription.
    expect((await browser.fails(CHECKOUT, { input: { planId: 'studio' } })).code).toBe(
      'ALREADY_SUBSCRIBED',
    );

    // 650 spent: the subscription credits go first, then 50 purchased.
    await spend(browser, 650, `gen-${plan.id}`);
    expect(await credits(browser)).toMatchObject({ subscription: 0, purchased: 50 });
    const before = await credits(browser);

    const subscriptionId = fake.sessions.get(plan.id)!.subscription as string;
    await deliverAll(fake.renewSubscription(subscriptionId));
    const after = await credits(browser);
    expect(after).toMatchObject({ subscription: 600, purchased: before.purchased });

    // Renew once more without spending: the 600 unused expire, 600 new arrive.
    const [updated, renewed] = fake.renewSubscription(subscriptionId);
    await deliverAll([renewed!, updated!]);
    expect(await credits(browser)).toMatchObject({
      subscription: 600,
      purchased: before.purchased,
    });
    const { creditTransactions } = await browser.ok<{
      creditTransactions: {
        edges: Array<{ node: { kind: string; amount: number; description: string } }>;
      };
    }>('{ creditTransactions(first: 3) { edges { node { kind amount description } } } }');
    expect(creditTransactions.edges.map((edge) => edge.node)).toEqual([
      { kind: 'SUBSCRIPTION_GRANT', amount: 600, description: 'Subscription allowance' },
      {
        kind: 'EXPIRY',
        amount: -600,
        description: 'Unused subscription credits expired at the end of the period',
      },
      { kind: 'SUBSCRIPTION_GRANT', amount: 600, description: 'Subscription allowance' },
    ]);

    // Redelivering an old period's invoice grants nothing.
    expect((await deliver({ ...invoicePaid!, id: `${invoicePaid!.id}_late` })).status).toBe(200);
    expect(await credits(browser)).toMatchObject({ subscription: 600 });
  });

  it('tops the allowance up on an upgrade, and follows cancellation to the end', async () => {
    const browser = await signedUp(server);
    const plan = await checkout(browser, { planId: 'creator' });
    await deliverAll(fake.completeCheckout(plan.id));
    const subscriptionId = fake.sessions.get(plan.id)!.subscription as string;

    await deliverAll(fake.changePlan(subscriptionId, PRICES.studio));
    expect(await credits(browser)).toMatchObject({ subscription: 2500 });
    expect(
      (await browser.ok<{ subscription: { plan: { id: string } } }>(SUBSCRIPTION)).subscription.plan
        .id,
    ).toBe('studio');

    const [cancelScheduled] = fake.cancelSubscription(subscriptionId, { atPeriodEnd: true });
    const stale = { ...cancelScheduled!, id: 'evt_stale_update' };
    await deliverAll([cancelScheduled!]);
    const { subscription } = await browser.ok<{ subscription: Record<string, unknown> }>(
      SUBSCRIPTION,
    );
    expect(subscription).toMatchObject({
      status: 'ACTIVE',
      cancelAtPeriodEnd: true,
      renewsAt: null,
    });
    expect(subscription.endsAt).toBe(subscription.currentPeriodEnd);

    await deliverAll(fake.cancelSubscription(subscriptionId, { atPeriodEnd: false }));
    // An older update arriving after the deletion cannot bring the plan back: Stripe is re-read.
    await deliverAll([stale]);
    expect(
      (await browser.ok<{ subscription: { status: string } }>(SUBSCRIPTION)).subscription.status,
    ).toBe('CANCELED');
    expect(await credits(browser)).toMatchObject({ subscription: 0 });
    // With the plan over, a new one may be chosen.
    expect((await checkout(browser, { planId: 'creator' })).url).toContain('/checkout/');
  });

  it('takes back refunded credits as far as the wallet allows, restricts until the debt is settled', async () => {
    const browser = await signedUp(server);
    const first = await checkout(browser, { packId: 'pack-100' });
    await deliverAll(fake.completeCheckout(first.id));
    await spend(browser, 80, `gen-${first.id}`);

    const chargeId = fake.paymentIntents.get(fake.sessions.get(first.id)!.payment_intent as string)!
      .latest_charge as string;
    // Half refunded: 50 credits back, all of them still there.
    await deliverAll(fake.refundCharge(chargeId, 250));
    expect(await credits(browser)).toMatchObject({ available: 0, owed: 30 });
    // The rest refunded: 50 more, none left in the wallet, so all 50 are owed.
    const [fullRefund] = fake.refundCharge(chargeId, 250);
    await deliverAll([fullRefund!]);
    await deliverAll([{ ...fullRefund!, id: `${fullRefund!.id}_again` }]);
    expect(await credits(browser)).toMatchObject({ available: 0, owed: 80 });

    const userId = (await browser.ok<Credits>(CREDITS)).me.id;
    await expect(
      ledger.hold({ userId, amount: 1, key: `blocked-${first.id}` }),
    ).rejects.toMatchObject({
      code: 'CREDITS_RESTRICTED',
      details: { owed: 80 },
    });
    const history = await browser.ok<{
      billingHistory: { edges: Array<{ node: Record<string, unknown> }> };
    }>(HISTORY);
    expect(history.billingHistory.edges[0]!.node).toMatchObject({
      status: 'REFUNDED',
      amountRefunded: 500,
      credits: 100,
      creditsReversed: 100,
    });

    // Credits bought later settle the debt first.
    const second = await checkout(browser, { packId: 'pack-100' });
    await deliverAll(fake.completeCheckout(second.id));
    expect(await credits(browser)).toMatchObject({ available: 20, owed: 0 });
    await ledger.hold({ userId, amount: 5, key: `allowed-${first.id}` });
  });

  it('settles a debt from credits that a failed generation gives back', async () => {
    const browser = await signedUp(server);
    const session = await checkout(browser, { packId: 'pack-100' });
    await deliverAll(fake.completeCheckout(session.id));
    const userId = (await browser.ok<Credits>(CREDITS)).me.id;
    await ledger.hold({ userId, amount: 80, key: `running-${session.id}` });
    const chargeId = fake.paymentIntents.get(
      fake.sessions.get(session.id)!.payment_intent as string,
    )!.latest_charge as string;
    await deliverAll(fake.refundCharge(chargeId));
    expect(await credits(browser)).toMatchObject({ available: 0, held: 80, owed: 80 });
    await ledger.release(`running-${session.id}`, 'provider failed');
    expect(await credits(browser)).toMatchObject({ available: 0, held: 0, owed: 0 });
  });

  it('takes back credits when a payment is disputed', async () => {
    const browser = await signedUp(server);
    const session = await checkout(browser, { packId: 'pack-500' });
    await deliverAll(fake.completeCheckout(session.id));
    const chargeId = fake.paymentIntents.get(
      fake.sessions.get(session.id)!.payment_intent as string,
    )!.latest_charge as string;
    await deliverAll(fake.createDispute(chargeId));
    expect(await credits(browser)).toMatchObject({ available: 0, owed: 0 });
    const history = await browser.ok<{
      billingHistory: { edges: Array<{ node: Record<string, unknown> }> };
    }>(HISTORY);
    expect(history.billingHistory.edges[0]!.node).toMatchObject({
      status: 'DISPUTED',
      creditsReversed: 500,
    });
  });

  it('holds a refund back until its purchase is recorded (Stripe retries), then applies both', async () => {
    const browser = await signedUp(server);
    const session = await checkout(browser, { packId: 'pack-100' });
    const [completed] = fake.completeCheckout(session.id);
    const chargeId = fake.paymentIntents.get(
      fake.sessions.get(session.id)!.payment_intent as string,
    )!.latest_charge as string;
    const [refunded] = fake.refundCharge(chargeId);
    expect((await deliver(refunded!)).status).toBe(500);
    // The purchase arrives knowing the charge was refunded: the credits go out as they come in.
    await deliverAll([completed!, refunded!]);
    expect(await credits(browser)).toMatchObject({ available: 0, owed: 0 });
  });

  it('keeps checkouts, the portal and history to their owner', async () => {
    const owner = await signedUp(server);
    const other = await signedUp(server);
    const session = await checkout(owner, { packId: 'pack-100' });
    expect((await other.fails(OUTCOME, { id: session.id })).code).toBe('NOT_FOUND');
    expect((await other.fails('mutation { createBillingPortalSession { url } }')).code).toBe(
      'NO_BILLING_ACCOUNT',
    );
    const portal = await owner.ok<{ createBillingPortalSession: { url: string } }>(
      'mutation { createBillingPortalSession { url } }',
    );
    expect(portal.createBillingPortalSession.url).toMatch(new RegExp(`^${fake.url}/portal/`));
    const portalRequest = fake.requests
      .filter((r) => r.path === '/v1/billing_portal/sessions')
      .at(-1)!;
    expect(portalRequest.body.return_url).toBe(`${server.config.publicUrl.origin}/credits`);
    expect(
      (await other.ok<{ billingHistory: { edges: unknown[] } }>(HISTORY)).billingHistory.edges,
    ).toEqual([]);
  });

  it('rejects a bad checkout request with clear codes and opens nothing', async () => {
    const browser = await signedUp(server);
    const before = fake.requests.length;
    expect((await browser.fails(CHECKOUT, { input: {} })).code).toBe('BAD_USER_INPUT');
    expect(
      (await browser.fails(CHECKOUT, { input: { packId: 'pack-100', planId: 'creator' } })).code,
    ).toBe('BAD_USER_INPUT');
    expect((await browser.fails(CHECKOUT, { input: { packId: 'pack-2000' } })).code).toBe(
      'NOT_FOUND',
    );
    expect((await browser.fails(CHECKOUT, { input: { packId: 'no such pack!' } })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(fake.requests.length).toBe(before);
    fake.failNext('/v1/customers', {
      status: 500,
      error: { type: 'api_error', message: 'Stripe is down' },
      times: 3,
    });
    const down = await browser.fails(CHECKOUT, { input: { packId: 'pack-100' } });
    expect(down.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    expect(down.message).not.toMatch(/Stripe is down/);
  });

  it('never writes the Stripe key or the webhook secret to the log', () => {
    const logs = server.logs();
    expect(logs).toContain('Stripe event');
    expect(logs).not.toContain(STRIPE_KEY);
    expect(logs).not.toContain(WEBHOOK_SECRET);
  });
});

describe('billing switched off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('says so, refuses to sell, and has no webhook endpoint', async () => {
    const browser = await signedUp(server);
    expect(
      await browser.ok(
        '{ billingCatalog { enabled packs { id } plans { id } } subscription { id } }',
      ),
    ).toEqual({
      billingCatalog: { enabled: false, packs: [], plans: [] },
      subscription: null,
    });
    const refused = await browser.fails(CHECKOUT, { input: { packId: 'pack-100' } });
    expect(refused).toMatchObject({ code: 'BILLING_DISABLED' });
    expect(refused.message).toMatch(/not set up payments/);
    expect((await browser.fails('mutation { createBillingPortalSession { url } }')).code).toBe(
      'BILLING_DISABLED',
    );
    expect(
      (await fetch(`${server.url}/webhooks/stripe`, { method: 'POST', body: '{}' })).status,
    ).toBe(404);
  });
});
