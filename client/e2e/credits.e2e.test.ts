import type { Browser, Page } from 'playwright-core';
import {
  NO_PROBLEMS,
  baseUrl,
  launchBrowser,
  openTrackedPage,
  screenshot as saveScreenshot,
  signUpThroughPage,
} from './support/browser';
import type { TrackedPage } from './support/browser';
import { mailSnapshot, waitForMail } from './support/mail';

let browser: Browser;
let main: TrackedPage;

const account = {
  name: 'Grace Hopper',
  email: `grace.${Date.now()}@example.com`,
  password: 'compiler a-0 of 1952',
};

beforeAll(async () => {
  browser = await launchBrowser();
  main = await openTrackedPage(browser);
});

afterAll(async () => {
  await main?.context.close();
  await browser?.close();
});

async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name);
}

describe('credits in the browser', () => {
  it('shows the welcome credits after the email is confirmed', async () => {
    const { page, problems } = main;

    // Anonymous visitors are sent to sign in, and see no Credits entry.
    await page.goto('/credits');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await page.getByRole('banner').getByRole('link', { name: 'Credits' }).count()).toBe(0);

    await page.goto('/sign-up');
    const before = await mailSnapshot();
    await signUpThroughPage(page, account);
    await page.waitForURL((url) => url.pathname === '/');

    const { link } = await waitForMail(account.email, '/verify-email?token=', before);
    expect(link.startsWith(`${baseUrl()}/verify-email?token=`)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Email address confirmed' }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Credits' }).first().click();
    await page.waitForURL((url) => url.pathname === '/credits');
    await page.getByRole('heading', { level: 1, name: 'Credits' }).waitFor();

    // The page may show the cached balance for a moment while it asks the server again.
    const available = page.getByTestId('credits-available');
    await available.filter({ hasText: /^50$/ }).waitFor();
    expect(await available.textContent()).toBe('50');
    const history = page.getByRole('list', { name: 'Credit movements, newest first' });
    const welcome = history
      .getByTestId('credit-movement')
      .filter({ hasText: 'Welcome credits for confirming your email' });
    await welcome.waitFor();
    expect(await welcome.textContent()).toContain('+50');
    expect(await welcome.textContent()).toContain('50 credits added');
    expect(await welcome.textContent()).toContain('Balance 50');
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    // This server has no payment provider: the page says so and offers nothing to buy.
    const billingOff = page.getByTestId('billing-off');
    await billingOff.waitFor();
    expect(await billingOff.textContent()).toMatch(/not set up payments/);
    expect(await page.getByRole('button', { name: /^Buy / }).count()).toBe(0);

    // The account menu shows the balance too.
    await page.getByRole('button', { name: `Account menu: ${account.name}` }).click();
    expect(await page.getByTestId('menu-credits').textContent()).toBe('50 available');
    await page.keyboard.press('Escape');

    await page
      .locator('.app-header .live-indicator[data-state="connected"]')
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'credits');
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
