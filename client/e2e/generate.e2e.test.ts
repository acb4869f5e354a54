import type { Browser, Locator, Page } from 'playwright-core';
import {
  NO_PROBLEMS,
  baseUrl,
  launchBrowser,
  openTrackedPage,
  screenshot as saveScreenshot,
  signUpThroughPage,
  trackPage,
} from './support/browser';
import type { TrackedPage } from './support/browser';
import { mailSnapshot, waitForMail } from './support/mail';
import { stripedPng } from './support/png';

// Generating on the shared e2e server, whose built-in generator takes 300 ms a step.
let browser: Browser;
let main: TrackedPage;

const account = {
  name: 'Ada Lovelace',
  email: `ada.${Date.now()}@example.com`,
  password: 'notes on the analytical engine',
};

beforeAll(async () => {
  browser = await launchBrowser();
  main = await openTrackedPage(browser, { viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await main?.context.close();
  await browser?.close();
});

async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name);
}

/** The progress bar's value (0–100), or null while it is indeterminate or gone. */
async function progressValue(live: Locator): Promise<number | null> {
  const bar = live.getByRole('progressbar');
  if ((await bar.count()) === 0) return null;
  const value = await bar.getAttribute('aria-valuenow');
  return value === null ? null : Number(value);
}

async function waitForProgressAbove(live: Locator, floor: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const value = await progressValue(live);
    if (value !== null && value > floor) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the progress bar did not pass ${floor}%`);
}

async function waitForLive(page: Page) {
  await page
    .locator('.app-header .live-indicator[data-state="connected"]')
    .waitFor({ timeout: 15_000 });
}

async function fillForm(page: Page, prompt: string, steps: number, count = 1) {
  await page.getByRole('textbox', { name: /Prompt/ }).fill(prompt);
  await page.getByRole('spinbutton', { name: 'Steps' }).fill(String(steps));
  await page.getByRole('combobox', { name: 'Number of images' }).selectOption(String(count));
  await page
    .getByTestId('cost-estimate')
    .filter({ hasText: new RegExp(`^${count} credits? · you have \\d+$`) })
    .waitFor();
}

describe('generating in the browser', () => {
  it('generates with a reference image, cancels one, and follows History live', async () => {
    const { page, problems } = main;

    await page.goto('/sign-up');
    const before = await mailSnapshot();
    await signUpThroughPage(page, account);
    await page.waitForURL((url) => url.pathname === '/');
    const { link } = await waitForMail(account.email, '/verify-email?token=', before);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Email address confirmed' }).waitFor();

    // Generate, from the main navigation.
    await page.getByRole('navigation').getByRole('link', { name: 'Generate' }).first().click();
    await page.waitForURL((url) => url.pathname === '/generate');
    await page.getByRole('heading', { level: 1, name: 'Generate' }).waitFor();
    await waitForLive(page);
    await page.getByTestId('cost-estimate').filter({ hasText: '1 credit · you have 50' }).waitFor();

    // A reference image, uploaded with progress and checked by the server.
    await page.getByTestId('reference-file-input').setInputFiles({
      name: 'stripes.png',
      mimeType: 'image/png',
      buffer: stripedPng(96, 64),
    });
    const reference = page.getByTestId('reference-item');
    await reference.and(page.locator('[data-status="ready"]')).waitFor();
    expect(await reference.getByText('stripes.png').count()).toBe(1);
    expect(await reference.locator('img').getAttribute('src')).toMatch(/\/files\//);

    // The first generation: progress moves, a preview appears, then the result.
    await fillForm(page, 'A lighthouse on a cliff at sunrise', 16);
    await page.getByRole('button', { name: 'Generate' }).click();
    const live = page.getByTestId('live-generation');
    await live.waitFor();
    const first = await waitForProgressAbove(live, 0);
    await waitForProgressAbove(live, first);
    const preview = live.getByRole('img', { name: 'Latest preview' });
    await preview.waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('img[alt="Latest preview"]');
      return Boolean(image?.complete && image.naturalWidth > 0);
    });
    expect(await live.getByRole('list', { name: 'Latest steps' }).textContent()).toMatch(
      /Step \d+ of 16/,
    );
    await screenshot(page, 'generate-progress');

    await page
      .locator('[data-testid="live-generation"][data-status="SUCCEEDED"]')
      .waitFor({ timeout: 20_000 });
    const result = live.getByRole('img', { name: 'Result 1 of 1' });
    await result.waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('img[alt="Result 1 of 1"]');
      return Boolean(image?.complete && image.naturalWidth > 0);
    });
    const download = live.getByRole('link', { name: 'Download result 1' });
    expect(await download.getAttribute('href')).toMatch(/\/files\//);
    expect(await download.getAttribute('download')).toMatch(/^aiofm-[0-9a-f]{8}-1\.(png|webp)$/);
    expect(await live.getByText('1 credit spent').count()).toBe(1);
    await page.getByTestId('cost-estimate').filter({ hasText: 'you have 49' }).waitFor();
    await screenshot(page, 'generate-result');

    // The second: canceled while it runs, and its credits come back.
    await fillForm(page, 'Violet waves to be canceled', 20, 2);
    await page.getByRole('button', { name: 'Generate' }).click();
    const running = page.locator('[data-testid="live-generation"][data-status="RUNNING"]');
    await running.waitFor();
    await waitForProgressAbove(running, 0);
    await running.getByRole('button', { name: 'Cancel generation' }).click();
    const canceled = page.locator('[data-testid="live-generation"][data-status="CANCELED"]');
    await canceled.waitFor({ timeout: 15_000 });
    expect(await canceled.textContent()).toContain('2 credits refunded');
    await page.getByTestId('cost-estimate').filter({ hasText: 'you have 49' }).waitFor();

    // History lists both, newest first.
    await page.getByRole('navigation').getByRole('link', { name: 'History' }).first().click();
    await page.waitForURL((url) => url.pathname === '/history');
    const cards = page.getByTestId('generation-card');
    await cards.nth(1).waitFor();
    expect(await cards.count()).toBe(2);
    expect(await cards.nth(0).getAttribute('data-status')).toBe('CANCELED');
    expect(await cards.nth(0).textContent()).toContain('Violet waves to be canceled');
    expect(await cards.nth(1).getAttribute('data-status')).toBe('SUCCEEDED');
    expect(await cards.nth(1).textContent()).toContain('A lighthouse on a cliff at sunrise');
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLImageElement>('.generation-card img')).every(
        (image) => image.complete && image.naturalWidth > 0,
      ),
    );
    await screenshot(page, 'history');

    // A second tab on History sees a third generation appear and run to its end, live.
    const watcher = await main.context.newPage();
    trackPage(watcher, problems, new URL(baseUrl()).origin);
    await watcher.setViewportSize({ width: 1280, height: 900 });
    await watcher.goto('/history');
    await watcher.getByTestId('generation-card').nth(1).waitFor();
    await waitForLive(watcher);

    await page.getByRole('navigation').getByRole('link', { name: 'Generate' }).first().click();
    await page.waitForURL((url) => url.pathname === '/generate');
    await fillForm(page, 'A third one, watched from History', 20);
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.locator('[data-testid="live-generation"][data-status="RUNNING"]').waitFor();

    const third = watcher.getByTestId('generation-card').filter({ hasText: 'A third one' });
    await third.waitFor({ timeout: 10_000 });
    expect(await watcher.getByTestId('generation-card').count()).toBe(3);
    expect(await watcher.getByTestId('generation-card').first().textContent()).toContain(
      'A third one',
    );
    await third.and(watcher.locator('[data-status="RUNNING"]')).waitFor();
    await waitForProgressAbove(third, 0);
    await screenshot(watcher, 'history-live');
    await third.and(watcher.locator('[data-status="SUCCEEDED"]')).waitFor({ timeout: 20_000 });
    await third.locator('img').waitFor();

    // The detail view of the first one.
    await watcher
      .getByTestId('generation-card')
      .filter({ hasText: 'A lighthouse on a cliff at sunrise' })
      .getByRole('link')
      .click();
    await watcher.waitForURL((url) => /^\/history\/[0-9a-f-]{36}$/.test(url.pathname));
    await watcher.getByRole('heading', { level: 1, name: 'Image generation' }).waitFor();
    const settings = watcher.getByTestId('generation-settings');
    await settings.getByText('Built-in generator').waitFor();
    expect(await settings.textContent()).toContain('A lighthouse on a cliff at sunrise');
    expect(await settings.textContent()).toContain('1024 × 1024 (1:1)');
    expect(await watcher.getByRole('img', { name: 'Reference image 1' }).count()).toBe(1);
    await watcher.getByRole('img', { name: 'Result 1 of 1' }).waitFor();
    const events = watcher
      .getByRole('list', { name: 'Event timeline' })
      .getByTestId('generation-event');
    expect(await events.count()).toBeGreaterThanOrEqual(5);
    expect(await events.last().textContent()).toContain('Done: 1 output');
    await watcher.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLImageElement>('main img')).every(
        (image) => image.complete && image.naturalWidth > 0,
      ),
    );
    await screenshot(watcher, 'generation-detail');

    // Use these settings again: the form comes back filled in.
    await watcher.getByRole('link', { name: 'Use these settings again' }).click();
    await watcher.waitForURL(
      (url) => url.pathname === '/generate' && url.search.startsWith('?from='),
    );
    expect(await watcher.getByRole('textbox', { name: /Prompt/ }).inputValue()).toBe(
      'A lighthouse on a cliff at sunrise',
    );
    expect(await watcher.getByRole('spinbutton', { name: 'Steps' }).inputValue()).toBe('16');
    await watcher.locator('[data-testid="reference-item"][data-status="ready"]').waitFor();

    // Just above the width where the navigation folds: the header still fits on one line.
    await watcher.setViewportSize({ width: 800, height: 900 });
    expect(
      await watcher.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    expect(
      await watcher.evaluate(() => {
        const bar = document.querySelector('.app-header__bar');
        return bar ? bar.getBoundingClientRect().height : 0;
      }),
    ).toBeLessThan(80);
    await screenshot(watcher, 'generate-tablet');

    // Phones: one column, nothing wider than the screen.
    await watcher.setViewportSize({ width: 360, height: 800 });
    expect(
      await watcher.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await screenshot(watcher, 'generate-phone');

    await watcher.close();
    expect(problems).toEqual(NO_PROBLEMS);
  }, 120_000);
});
