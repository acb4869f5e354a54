import type { Browser } from 'playwright-core';
import { NO_PROBLEMS, launchBrowser, openTrackedPage, screenshot } from './support/browser';
import { publishNotice } from './support/operator';

let browser: Browser;

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('API playground', () => {
  it('runs a query from the address and shows the result, within the strict CSP', async () => {
    const { context, page, problems } = await openTrackedPage(browser);
    try {
      const query = '{ serverInfo { version } }';
      const response = await page.goto(`/graphiql?query=${encodeURIComponent(query)}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy'] ?? '').toContain("style-src 'self'");
      expect(await page.title()).toBe('API playground · aiofm');

      await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
      expect(await page.locator('.graphiql-query-editor .CodeMirror').textContent()).toContain(
        'serverInfo',
      );
      await page.locator('.graphiql-execute-button').click();

      const result = page.locator('.result-window');
      await result.getByText('"version"').waitFor({ timeout: 15_000 });
      const text = (await result.textContent()) ?? '';
      expect(text).toMatch(/"serverInfo"/);
      expect(text).toMatch(/"version":\s*"\d+\.\d+\.\d+/);

      // Schema docs come from introspection.
      await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
      await page
        .locator('.graphiql-doc-explorer')
        .getByText('Query', { exact: true })
        .first()
        .waitFor();

      // The settings dialog (Radix) locks page scrolling without an injected <style> tag.
      await page.getByRole('button', { name: /Open settings dialog/i }).click();
      await page.getByRole('dialog').waitFor();
      const styling = await page.evaluate(() => ({
        styleElements: document.querySelectorAll('style').length,
        constructedSheets: document.adoptedStyleSheets.length,
      }));
      expect(styling).toEqual({ styleElements: 0, constructedSheets: expect.any(Number) });
      expect(styling.constructedSheets).toBeGreaterThan(0);
      await screenshot(page, 'playground-settings');
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await screenshot(page, 'playground');
      expect(await page.getByRole('link', { name: 'aiofm' }).getAttribute('href')).toBe('/');
      expect(problems).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });

  it('streams a subscription over the WebSocket', async () => {
    const { context, page, problems } = await openTrackedPage(browser);
    try {
      const query = 'subscription { notices { id level message } }';
      await page.goto(`/graphiql?query=${encodeURIComponent(query)}`);
      await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
      // Record the graphql-ws conversation from the moment the socket opens.
      const sent: string[] = [];
      const received: string[] = [];
      page.on('websocket', (ws) => {
        if (new URL(ws.url()).pathname !== '/graphql') return;
        ws.on('framesent', (frame) => sent.push(String(frame.payload)));
        ws.on('framereceived', (frame) => received.push(String(frame.payload)));
      });
      await page.locator('.graphiql-execute-button').click();
      await waitUntil(
        () =>
          received.some((payload) => payload.includes('"connection_ack"')) &&
          sent.some((payload) => payload.includes('"subscribe"') && payload.includes('notices')),
        'the playground to open the subscription over graphql-ws',
      );
      // The run button becomes a stop button while the subscription is open.
      await page.getByRole('button', { name: /Stop query/i }).waitFor();

      await publishNotice('warning', 'Playground subscription check');
      await page.locator('.result-window').getByText('Playground subscription check').waitFor({
        timeout: 15_000,
      });
      expect(await page.locator('.result-window').textContent()).toContain('"WARNING"');
      expect(problems).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });
});
