import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { BASE_URL_ENV } from './server';

/** Debian's Chromium; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Screenshots land here (gitignored). */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', 'artifacts');

/** The address of the server that global setup started. */
export function baseUrl(): string {
  const url = process.env[BASE_URL_ENV];
  if (!url)
    throw new Error(`${BASE_URL_ENV} is not set: run these tests through e2e/jest.config.cjs`);
  return url;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Everything a page did that a clean page must not: errors, CSP violations, foreign requests. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  foreignRequests: string[];
}

export interface TrackedPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/**
 * A fresh browser context and page that records console errors, uncaught exceptions, CSP
 * violations (reported by the page's `securitypolicyviolation` event) and any request that leaves
 * the server's origin.
 */
export async function openTrackedPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<TrackedPage> {
  // A test may run against a server of its own (options.baseURL) instead of the shared one.
  const base = options.baseURL ?? baseUrl();
  const context = await browser.newContext({ ...options, baseURL: base });
  const problems: PageProblems = {
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    foreignRequests: [],
  };
  await context.exposeBinding('__aiofmReportCspViolation', (_source, description: string) => {
    problems.cspViolations.push(description);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __aiofmReportCspViolation: (d: string) => void })
        .__aiofmReportCspViolation;
      report(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });

  const page = await context.newPage();
  trackPage(page, problems, new URL(base).origin);
  return { context, page, problems };
}

/** Records into `problems` what a clean page must not do (also for a second tab of a context). */
export function trackPage(page: Page, problems: PageProblems, origin: string): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const requestOrigin = new URL(url).origin.replace(/^ws/, 'http');
    if (requestOrigin !== origin) problems.foreignRequests.push(url);
  });
}

/** Fills in and sends the sign-up form (the person confirms being 18 or older). */
export async function signUpThroughPage(
  page: Page,
  account: { name: string; email: string; password: string },
): Promise<void> {
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByLabel('I am 18 or older').check();
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Saves a full-page screenshot under e2e/artifacts/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export const NO_PROBLEMS: PageProblems = {
  consoleErrors: [],
  pageErrors: [],
  cspViolations: [],
  foreignRequests: [],
};
