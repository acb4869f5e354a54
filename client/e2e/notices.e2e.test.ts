import type { Browser } from 'playwright-core';
import { NO_PROBLEMS, launchBrowser, openTrackedPage, screenshot } from './support/browser';
import { publishNotice } from './support/operator';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('operator notices', () => {
  it('arrive live and show as toasts styled by level', async () => {
    const { context, page, problems } = await openTrackedPage(browser, {
      viewport: { width: 1024, height: 720 },
    });
    try {
      await page.goto('/');
      await page
        .locator('.live-indicator[data-state="connected"]')
        .first()
        .waitFor({ timeout: 15_000 });

      const notifications = page.getByRole('list', { name: 'Notifications' });
      await publishNotice('info', 'Scheduled maintenance tonight at 22:00 UTC.');
      const info = notifications.getByRole('listitem').filter({ hasText: 'Scheduled maintenance' });
      await info.waitFor({ timeout: 15_000 });
      expect(await info.getAttribute('data-tone')).toBe('info');
      expect(await info.textContent()).toContain('Notice from the operators');

      await publishNotice('critical', 'The storage disk is almost full; uploads may fail.');
      const critical = notifications.getByRole('listitem').filter({ hasText: 'storage disk' });
      await critical.waitFor({ timeout: 15_000 });
      expect(await critical.getAttribute('data-tone')).toBe('danger');
      expect(await critical.getByRole('alert').textContent()).toContain(
        'storage disk is almost full',
      );
      await screenshot(page, 'notices');

      await critical.getByRole('button', { name: 'Dismiss notification' }).click();
      await critical.waitFor({ state: 'detached' });
      expect(problems).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });
});
