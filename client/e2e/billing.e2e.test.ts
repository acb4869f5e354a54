import type { Browser } from 'playwright-core';
import {
  billingEnv,
  seedPrices,
  WEBHOOK_SECRET,
  STRIPE_KEY,
} from '../../server/test/support/billing-fixtures';
import { startStripeFake, type StripeFake } from '../../server/test/support/stripe-fake';
import { launchBrowser, openTrackedPage, screenshot, signUpThroughPage } from './support/browser';
import type { TrackedPage } from './support/browser';
import { startServer, stopServer, type RunningServer } from './support/server';

// Buying through Stripe, end to end: the server of this file talks to a loopback Stripe that
// serves its own hosted checkout page and sends signed webhooks, as Stripe does.
let fake: StripeFake;
let server: RunningServer;
let browser: Browser;
let tab: TrackedPage;

beforeAll(async () => {
  fake = await startStripeFake({ secretKey: STRIPE_KEY });
  seedPrices(fake);
  server = await startServer({ env: billingEnv(fake) });
  fake.webhook = { url: `${server.baseUrl}/webhooks/stripe`, secret: WEBHOOK_SECRET };
  browser = await launchBrowser();
  tab = await openTrackedPage(browser, { baseURL: server.baseUrl });
}, 120_000);

afterAll(async () => {
  await tab?.context.close();
  await browser?.close();
  if (server) await stopServer(server);
  await fake?.stop();
});

describe('buying credits in the browser', () => {
  it('buys a pack on the checkout page, subscribes to a plan, and opens the billing portal', async () => {
    const { page, problems } = tab;
    await page.goto('/sign-up');
    await signUpThroughPage(page, {
      name: 'Katherine Johnson',
      email: `katherine.${Date.now()}@example.com`,
      password: 'trajectories of 1961',
    });
    await page.waitForURL((url) => url.pathname === '/');

    await page.goto('/credits');
    const pack = page.getByTestId('credit-pack').filter({ hasText: '500 credits' });
    await pack.getByText('$20.00').waitFor();
    await screenshot(page, 'billing-catalog');
    await page.getByRole('button', { name: 'Buy 500 credits' }).click();

    // Stripe's page (the loopback one), then back to the return page once paid.
    await page.waitForURL(
      (url) => url.origin === fake.url && url.pathname.startsWith('/checkout/'),
    );
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL(
      (url) => url.origin === server.baseUrl && url.pathname === '/credits/return',
    );
    await page.getByRole('heading', { level: 1, name: '500 credits added' }).waitFor();
    await screenshot(page, 'billing-return');

    await page.getByRole('link', { name: 'Go to Credits' }).click();
    await page.waitForURL((url) => url.pathname === '/credits');
    await page.getByTestId('credits-available').filter({ hasText: /^500$/ }).waitFor();
    const payment = page.getByTestId('billing-payment').first();
    await payment.getByText('500 credits').first().waitFor();
    const receipt = payment.getByRole('link', { name: /^Receipt for/ });
    expect(await receipt.getAttribute('href')).toMatch(new RegExp(`^${fake.url}/receipts/ch_`));

    // Stripe's webhook can arrive after the browser is back: the return page waits for it live.
    const webhook = fake.webhook;
    fake.webhook = null;
    const eventsBefore = fake.events.length;
    await page.getByRole('button', { name: 'Buy 100 credits' }).click();
    await page.waitForURL((url) => url.origin === fake.url);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Confirming your payment…' }).waitFor();
    await page.getByRole('progressbar', { name: 'Waiting for confirmation' }).waitFor();
    fake.webhook = webhook;
    await fake.sendEvents(fake.events.slice(eventsBefore));
    await page.getByRole('heading', { level: 1, name: '100 credits added' }).waitFor();
    await page.getByRole('link', { name: 'Go to Credits' }).click();
    await page.getByTestId('credits-available').filter({ hasText: /^600$/ }).waitFor();

    await page.getByRole('button', { name: 'Subscribe to Creator' }).click();
    await page.waitForURL((url) => url.origin === fake.url);
    await page.getByRole('button', { name: 'Pay' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Creator plan is active: 600 credits added' })
      .waitFor();
    await page.getByRole('link', { name: 'Go to Credits' }).click();
    await page
      .getByTestId('credits-available')
      .filter({ hasText: /^1,?200$/ })
      .waitFor();
    const plan = page.getByRole('region', { name: 'Your plan' });
    await plan.getByTestId('my-plan-name').filter({ hasText: 'Creator' }).waitFor();
    expect(await plan.getByTestId('my-plan-date').textContent()).toMatch(/^Renews on /);
    await screenshot(page, 'billing-plan');

    await plan.getByRole('button', { name: 'Manage billing' }).click();
    await page.waitForURL((url) => url.origin === fake.url && url.pathname.startsWith('/portal/'));

    // Nothing went wrong on our pages; the only other origin visited was Stripe's.
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.cspViolations).toEqual([]);
    expect(problems.foreignRequests.every((url) => url.startsWith(fake.url))).toBe(true);
  });
});
