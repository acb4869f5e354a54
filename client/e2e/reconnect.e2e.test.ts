import type { Browser } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { startServer, stopServer } from './support/server';
import type { RunningServer } from './support/server';

let browser: Browser;
let server: RunningServer | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server) await stopServer(server);
});

describe('live connection', () => {
  it('reports a lost connection and comes back by itself when the server returns', async () => {
    // A server of its own, so stopping it does not disturb the other tests.
    server = await startServer();
    const { baseUrl, dataDir } = server;
    const port = Number(new URL(baseUrl).port);
    const context = await browser.newContext({ baseURL: baseUrl });
    try {
      const page = await context.newPage();
      await page.goto('/');
      const indicator = page.locator('.app-header .live-indicator');
      await page
        .locator('.app-header .live-indicator[data-state="connected"]')
        .waitFor({ timeout: 15_000 });

      await stopServer(server, { keepData: true });
      server = undefined;
      await page
        .locator('.app-header .live-indicator[data-state="reconnecting"]')
        .waitFor({ timeout: 15_000 });
      expect(await indicator.textContent()).toContain('Reconnecting…');

      server = await startServer({ port, dataDir });
      // Backoff grows to a few seconds after the first failed attempts, never past 30 s.
      await page
        .locator('.app-header .live-indicator[data-state="connected"]')
        .waitFor({ timeout: 45_000 });
      expect(await indicator.textContent()).toContain('Live');
      // Queries on screen are refetched after the reconnect; the page still shows the server.
      await page.getByTestId('server-version').waitFor();
    } finally {
      await context.close();
    }
  });
});
