import type { Browser } from 'playwright-core';
import {
  NO_PROBLEMS,
  baseUrl,
  launchBrowser,
  openTrackedPage,
  screenshot,
} from './support/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function serverInfo(): Promise<{ name: string; version: string; environment: string }> {
  const response = await fetch(`${baseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ serverInfo { name version environment } }' }),
  });
  const body = (await response.json()) as {
    data: { serverInfo: { name: string; version: string; environment: string } };
  };
  return body.data.serverInfo;
}

describe('app shell', () => {
  it('loads under the strict CSP, shows the server version and reports a live connection', async () => {
    const { context, page, problems } = await openTrackedPage(browser);
    try {
      const response = await page.goto('/');
      expect(response?.status()).toBe(200);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");

      await page.getByRole('heading', { level: 1, name: 'Welcome to aiofm' }).waitFor();
      const header = page.getByRole('banner');
      expect(await header.getByRole('link', { name: 'aiofm' }).isVisible()).toBe(true);
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe(
        'page',
      );
      expect(await nav.getByRole('link', { name: 'API playground' }).getAttribute('href')).toBe(
        '/graphiql',
      );

      const info = await serverInfo();
      const footerVersion = page.getByTestId('server-version');
      await footerVersion.waitFor();
      expect(await footerVersion.textContent()).toBe(
        `${info.name} v${info.version} · ${info.environment}`,
      );
      expect(await page.getByTestId('server-info-version').textContent()).toBe(info.version);

      const indicator = header.locator('.live-indicator');
      await header.locator('.live-indicator[data-state="connected"]').waitFor({ timeout: 15_000 });
      expect(await indicator.textContent()).toContain('Live');

      await screenshot(page, 'home-light');
      expect(problems).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });

  it('remembers the dark theme across a reload, in the preference cookie', async () => {
    const { context, page, problems } = await openTrackedPage(browser, { colorScheme: 'light' });
    try {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Welcome to aiofm' }).waitFor();
      const html = page.locator('html');
      expect(await html.getAttribute('data-theme')).toBeNull();
      const lightBackground = await page.evaluate(
        () => getComputedStyle(document.body).backgroundColor,
      );

      await page.getByLabel('Theme').selectOption('dark');
      expect(await html.getAttribute('data-theme')).toBe('dark');

      const cookie = (await context.cookies()).find((c) => c.name === 'aiofm_prefs');
      expect(cookie).toBeDefined();
      expect(decodeURIComponent(cookie!.value)).toBe(JSON.stringify({ theme: 'dark' }));
      expect(cookie!.path).toBe('/');
      expect(cookie!.sameSite).toBe('Lax');
      const oneYear = 365 * 24 * 60 * 60;
      expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(oneYear - 60);

      const reloaded = await page.reload();
      // The server puts the theme on <html> before the page reaches the browser: no flash.
      expect(await reloaded?.text()).toContain('<html data-theme="dark"');
      await page.getByRole('heading', { level: 1, name: 'Welcome to aiofm' }).waitFor();
      expect(await html.getAttribute('data-theme')).toBe('dark');
      expect(await page.getByLabel('Theme').inputValue()).toBe('dark');
      const darkBackground = await page.evaluate(
        () => getComputedStyle(document.body).backgroundColor,
      );
      expect(darkBackground).not.toBe(lightBackground);

      await page
        .locator('.live-indicator[data-state="connected"]')
        .first()
        .waitFor({ timeout: 15_000 });
      await page.getByTestId('server-version').waitFor();
      await screenshot(page, 'home-dark');

      await page.getByLabel('Theme').selectOption('system');
      expect(await html.getAttribute('data-theme')).toBeNull();
      expect(problems).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });

  it('collapses the navigation into a menu button at phone width', async () => {
    const { context, page, problems } = await openTrackedPage(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    try {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Welcome to aiofm' }).waitFor();
      const menuButton = page.getByRole('button', { name: 'Menu' });
      const playgroundLink = page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'API playground' });

      expect(await menuButton.isVisible()).toBe(true);
      expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
      expect(await playgroundLink.isVisible()).toBe(false);

      // No horizontal scrolling at phone width.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'home-phone');

      await menuButton.click();
      expect(await menuButton.getAttribute('aria-expanded')).toBe('true');
      await playgroundLink.waitFor({ state: 'visible' });
      expect(await page.getByLabel('Theme').isVisible()).toBe(true);
      await screenshot(page, 'home-phone-menu');

      await page.keyboard.press('Escape');
      expect(await menuButton.getAttribute('aria-expanded')).toBe('false');
      expect(await playgroundLink.isVisible()).toBe(false);
      expect(problems).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });

  it('shows a not-found page with a way home for unknown addresses', async () => {
    const { context, page, problems } = await openTrackedPage(browser);
    try {
      await page.goto('/no/such/page');
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      expect(await page.title()).toBe('Page not found · aiofm');
      await page.getByRole('link', { name: 'Go to the home page' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome to aiofm' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(problems).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });
});
