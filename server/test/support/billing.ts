import { BrowserClient, SIGN_UP } from './browser-client';
import type { TestServer } from './test-server';

let people = 0;

/** Signs a new person up (sign-up limits are per IP, so the counters are cleared first). */
export async function signedUp(server: TestServer, name = 'Billing User'): Promise<BrowserClient> {
  await server.runtime.dataSource.query('DELETE FROM rate_limits');
  const browser = new BrowserClient(server.url);
  people += 1;
  await browser.ok(SIGN_UP, {
    input: {
      name,
      email: `buyer.${people}.${Date.now()}@example.com`,
      password: 'correct horse battery staple',
      ageConfirmed: true,
    },
  });
  return browser;
}

export const CREDITS = '{ me { id credits { available held subscription purchased owed } } }';
export type Credits = {
  me: {
    id: string;
    credits: {
      available: number;
      held: number;
      subscription: number;
      purchased: number;
      owed: number;
    };
  };
};

export const CHECKOUT = `mutation ($input: CreateCheckoutSessionInput!) {
  createCheckoutSession(input: $input) { id url }
}`;
export type Checkout = { createCheckoutSession: { id: string; url: string } };

export const OUTCOME = `query ($id: ID!) { checkoutSession(id: $id) { id kind itemName status credits } }`;

export const HISTORY = `{ billingHistory(first: 20) { edges { node {
  kind description amount { amount currency } amountRefunded status credits creditsReversed receiptUrl periodStart periodEnd
} } } }`;

export const SUBSCRIPTION = `{ subscription { id status cancelAtPeriodEnd currentPeriodEnd renewsAt endsAt plan { id monthlyCredits } } }`;
