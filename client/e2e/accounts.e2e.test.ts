import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import {
  NO_PROBLEMS,
  baseUrl,
  launchBrowser,
  openTrackedPage,
  screenshot as saveScreenshot,
} from './support/browser';
import type { TrackedPage } from './support/browser';
import { mailSnapshot, waitForMail } from './support/mail';
import { stripedPng } from './support/png';
import { freshTotp, hotp, totp } from './support/totp';

// Two-factor sign-ins wait for a fresh authenticator time step (up to 30 s each).
jest.setTimeout(150_000);

let browser: Browser;
/** The browser that signs up and stays signed in through the tests ("this device"). */
let main: TrackedPage;

const account = {
  name: 'Ada Lovelace',
  email: `ada.${Date.now()}@example.com`,
  password: 'analytical engine 1843',
};
/** The MFA secret shown during setup, and the last time step whose code the server accepted. */
let mfaSecret = '';
let lastCounter: number | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  main = await openTrackedPage(browser);
});

afterAll(async () => {
  await main?.context.close();
  await browser?.close();
});

/** A full-page screenshot taken from the top, so the sticky header sits where it belongs. */
async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name);
}

function path(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

async function signOutThroughMenu(page: Page) {
  await page.getByRole('button', { name: `Account menu: ${account.name}` }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
}

async function fillPasswordStep(page: Page, password = account.password) {
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function enterFreshCode(page: Page) {
  const { code, counter } = await freshTotp(mfaSecret, lastCounter);
  await page.getByLabel('Authentication code').fill(code);
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  lastCounter = counter;
}

/** A 6-digit code that is not valid around now (the server accepts one step either side). */
function wrongCode(): string {
  const now = Date.now();
  const valid = new Set([-30_000, 0, 30_000].map((offset) => totp(mfaSecret, now + offset)));
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code)) ?? '444444';
}

describe('TOTP support', () => {
  it('computes RFC 6238 codes (SHA-1 test vectors)', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", 8 digits.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totp(secret, 59_000, 8)).toBe('94287082');
    expect(totp(secret, 1_111_111_109_000, 8)).toBe('07081804');
    expect(totp(secret, 20_000_000_000_000, 8)).toBe('65353130');
    expect(hotp(Buffer.from('12345678901234567890'), 1, 6)).toBe('287082');
  });
});

describe('accounts in the browser', () => {
  it('signs up, confirms the email from the mail, signs out, refuses a wrong password and signs in', async () => {
    const { page, problems } = main;
    await page.goto('/sign-up');
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    expect(await page.getByText(/At least 10 characters/).isVisible()).toBe(true);
    expect(await page.getByLabel('I am 18 or older').isChecked()).toBe(false);

    // Checked in the browser first: nothing is sent without the 18+ confirmation.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('You must be 18 or older to use aiofm.').waitFor();

    await page.getByLabel('Name').fill(account.name);
    await page.getByLabel('Email').fill(account.email);
    await page.getByLabel('Password').fill(account.password);
    await page.getByLabel('I am 18 or older').check();
    await screenshot(page, 'sign-up');

    const before = await mailSnapshot();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText(`Check your inbox to confirm ${account.email}`).waitFor();
    expect(await page.getByRole('button', { name: 'Resend email' }).isVisible()).toBe(true);
    const menuButton = page.getByRole('button', { name: `Account menu: ${account.name}` });
    await menuButton.waitFor();
    expect(await menuButton.textContent()).toContain('AL');

    const { link } = await waitForMail(account.email, '/verify-email?token=', before);
    expect(link.startsWith(`${baseUrl()}/verify-email?token=`)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Email address confirmed' }).waitFor();
    await page.getByRole('link', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome to aiofm' }).waitFor();
    expect(await page.getByText('Check your inbox to confirm').count()).toBe(0);

    await signOutThroughMenu(page);
    await page.getByRole('banner').getByRole('link', { name: 'Sign up' }).waitFor();

    await fillPasswordStep(page, 'not the password at all');
    await page.getByText('Email or password is incorrect.').waitFor();
    expect(path(page)).toBe('/sign-in');

    await fillPasswordStep(page);
    await page.waitForURL((url) => url.pathname === '/');
    await menuButton.waitFor();
    // The live connection was reopened with the new cookie and works.
    await page
      .locator('.app-header .live-indicator[data-state="connected"]')
      .waitFor({ timeout: 15_000 });
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('turns on two-factor authentication from the QR code page and hands out recovery codes', async () => {
    const { page, problems } = main;
    await page.getByRole('button', { name: `Account menu: ${account.name}` }).click();
    await page.getByRole('link', { name: 'Security' }).click();
    await page.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
    const card = page.getByRole('region', { name: 'Two-factor authentication' });
    await card.getByText('Off', { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Set up' }).click();
    const qr = card.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    await qr.waitFor();
    expect(((await qr.locator('path').getAttribute('d')) ?? '').length).toBeGreaterThan(100);
    mfaSecret = ((await card.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(mfaSecret).toMatch(/^[A-Z2-7]{16,}$/);
    await screenshot(page, 'security-mfa-setup');

    await card.getByLabel('Authentication code').fill(wrongCode());
    await card.getByRole('button', { name: 'Turn on' }).click();
    await card.getByText('That code is not valid. Enter the code your app shows now.').waitFor();

    const { code, counter } = await freshTotp(mfaSecret, null);
    await card.getByLabel('Authentication code').fill(code);
    await card.getByRole('button', { name: 'Turn on' }).click();
    lastCounter = counter;

    const panel = card.getByTestId('recovery-codes');
    await panel.waitFor();
    const codes = await panel
      .getByRole('list', { name: 'Recovery codes' })
      .locator('li')
      .allTextContents();
    expect(codes).toHaveLength(10);
    await card.getByText('On', { exact: true }).waitFor();
    await screenshot(page, 'security-recovery-codes');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download as .txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('aiofm-recovery-codes.txt');
    const text = await readFile(await download.path(), 'utf8');
    for (const recoveryCode of codes) expect(text).toContain(`\r\n${recoveryCode}\r\n`);
    expect(text).toContain(`Account: ${account.email}`);

    await panel.getByRole('button', { name: 'I saved them' }).click();
    await card.getByRole('button', { name: 'Turn off' }).waitFor();
    expect(await panel.count()).toBe(0);
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('asks for the authenticator code at sign-in', async () => {
    const { page, problems } = main;
    await signOutThroughMenu(page);
    await fillPasswordStep(page);
    await page.getByRole('heading', { level: 1, name: 'Two-factor authentication' }).waitFor();
    expect(
      await page.getByRole('button', { name: 'Use a recovery code instead' }).isVisible(),
    ).toBe(true);
    await page.getByLabel('Authentication code').fill('12');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByText('Enter the 6 digits shown in your authenticator app.').waitFor();
    await page.getByLabel('Authentication code').fill('');
    await screenshot(page, 'sign-in-mfa');

    await enterFreshCode(page);
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('button', { name: `Account menu: ${account.name}` }).waitFor();
    expect(problems).toEqual(NO_PROBLEMS);
  });

  it('lists the sessions with this device marked, and ends another one', async () => {
    // A second browser: the route guard sends it to sign in and back to the sessions page.
    const other = await openTrackedPage(browser, {
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    });
    try {
      await other.page.goto('/settings/sessions');
      await other.page.waitForURL((url) => url.pathname === '/sign-in');
      await fillPasswordStep(other.page);
      await other.page
        .getByRole('heading', { level: 1, name: 'Two-factor authentication' })
        .waitFor();
      await enterFreshCode(other.page);
      await other.page.waitForURL((url) => url.pathname === '/settings/sessions');
      await other.page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
      await other.page
        .locator('.app-header .live-indicator[data-state="connected"]')
        .waitFor({ timeout: 15_000 });

      const { page, problems } = main;
      await page.goto('/settings/sessions');
      await page.getByRole('heading', { level: 1, name: 'Sessions' }).waitFor();
      const rows = page.getByTestId('session');
      await rows.nth(1).waitFor();
      expect(await rows.count()).toBe(2);
      const current = page.locator('[data-testid="session"][data-current="true"]');
      expect(await current.count()).toBe(1);
      expect(await current.getByText('This device').isVisible()).toBe(true);
      const otherRow = page.locator('[data-testid="session"]:not([data-current])');
      expect(await otherRow.textContent()).toContain('Firefox');
      await screenshot(page, 'sessions');

      await otherRow.getByRole('button', { name: /^Sign out/ }).click();
      await page
        .getByText(/^Signed out /)
        .first()
        .waitFor();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="session"]').length === 1,
      );
      expect(await page.getByText('No other browser or device is signed in.').isVisible()).toBe(
        true,
      );

      // The ended session's browser hears it over the live connection and goes to sign in.
      await other.page.waitForURL((url) => url.pathname === '/sign-in', { timeout: 15_000 });
      await other.page.getByText('Your session ended; please sign in again.').waitFor();
      await other.page
        .locator('.app-header .live-indicator[data-state="connected"]')
        .waitFor({ timeout: 15_000 });

      expect(problems).toEqual(NO_PROBLEMS);
      expect(other.problems).toEqual(NO_PROBLEMS);
    } finally {
      await other.context.close();
    }
  });

  it('resets a forgotten password and changes the email address through the emailed links', async () => {
    const person = {
      name: 'Grace Hopper',
      email: `grace.${Date.now()}@example.com`,
      password: 'first compiler 1952',
    };
    const created = await fetch(`${baseUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { id } }',
        variables: { input: { ...person, ageConfirmed: true } },
      }),
    });
    expect(((await created.json()) as { errors?: unknown }).errors).toBeUndefined();

    const { context, page, problems } = await openTrackedPage(browser);
    try {
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
      await page.getByLabel('Email').fill(person.email);
      let before = await mailSnapshot();
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByText('If an account exists, we sent a link').waitFor();

      const reset = await waitForMail(person.email, '/reset-password?token=', before);
      await page.goto(reset.link);
      await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
      const newPassword = 'nanoseconds of wire 1961';
      await page.getByRole('textbox', { name: 'New password', exact: true }).fill(newPassword);
      await page.getByRole('textbox', { name: 'Confirm new password' }).fill('something else');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('The two passwords are not the same.').waitFor();
      await page.getByRole('textbox', { name: 'Confirm new password' }).fill(newPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.getByText('Your password was changed. Sign in with your new password.').waitFor();

      await page.getByLabel('Email').fill(person.email);
      await page.getByLabel('Password').fill(newPassword);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/');

      await page.goto('/settings/profile');
      await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();

      // A picture chosen from disk becomes a small square avatar before it is saved.
      await page.locator('input[type="file"]').setInputFiles({
        name: 'portrait.png',
        mimeType: 'image/png',
        buffer: stripedPng(640, 480),
      });
      const preview = page.getByRole('img', { name: person.name }).locator('img');
      await preview.waitFor();
      expect(await preview.getAttribute('src')).toMatch(/^data:image\/(webp|jpeg);base64,/);
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Your profile is saved.').waitFor();
      const headerPicture = page.getByRole('banner').locator('.avatar img');
      await headerPicture.waitFor();
      expect(await headerPicture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(
        256,
      );
      await screenshot(page, 'profile-picture');

      await page.getByRole('button', { name: 'Change email' }).click();
      const newEmail = `grace.new.${Date.now()}@example.com`;
      await page.getByLabel('New email').fill(newEmail);
      await page.getByLabel('Current password').fill(newPassword);
      before = await mailSnapshot();
      await page.getByRole('button', { name: 'Send confirmation link' }).click();
      await page.getByText(`Pending: confirm from ${newEmail}`, { exact: false }).waitFor();

      const change = await waitForMail(newEmail, '/confirm-email?token=', before);
      await page.goto(change.link);
      await page.getByRole('heading', { level: 1, name: 'Email address changed' }).waitFor();
      await page.getByText(`From now on you sign in with ${newEmail}`, { exact: false }).waitFor();
      await page.getByRole('link', { name: 'Back to your profile' }).click();
      await page.getByRole('region', { name: 'Email' }).getByText(newEmail).waitFor();
      expect(problems).toEqual(NO_PROBLEMS);
    } finally {
      await context.close();
    }
  });

  it('fits the account pages on a 360 px wide phone', async () => {
    const { page, problems } = main;
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      for (const [address, heading] of [
        ['/settings/security', 'Security'],
        ['/settings/sessions', 'Sessions'],
        ['/settings/profile', 'Profile'],
      ] as const) {
        await page.goto(address);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
      }
      await screenshot(page, 'profile-phone');
      expect(problems).toEqual(NO_PROBLEMS);
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }

    const anonymous = await openTrackedPage(browser, { viewport: { width: 360, height: 780 } });
    try {
      await anonymous.page.goto('/sign-in?error=email_in_use');
      await anonymous.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await anonymous.page.getByText(/link this provider in Settings → Security/).waitFor();
      const overflow = await anonymous.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(anonymous.page, 'sign-in-phone');
      expect(anonymous.problems).toEqual(NO_PROBLEMS);
    } finally {
      await anonymous.context.close();
    }
  });
});
