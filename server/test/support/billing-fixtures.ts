import type { StripeFake } from './stripe-fake';

// The Stripe side of billing tests: the server's Stripe settings and the Prices the fake serves.
// Kept free of server imports, so the browser tests can use it too.

export const WEBHOOK_SECRET = 'whsec_test_billing_secret';
export const STRIPE_KEY = 'sk_test_billingkey123';

/** Stripe Prices of the catalogue, as the fake serves them. */
export const PRICES = {
  pack100: 'price_pack100',
  pack500: 'price_pack500',
  creator: 'price_creator',
  studio: 'price_studio',
};

/** The environment that turns billing on against the fake. */
export function billingEnv(fake: StripeFake): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: fake.url,
    STRIPE_PRICE_PACK_100: PRICES.pack100,
    STRIPE_PRICE_PACK_500: PRICES.pack500,
    STRIPE_PRICE_PLAN_CREATOR: PRICES.creator,
    STRIPE_PRICE_PLAN_STUDIO: PRICES.studio,
  };
}

export function seedPrices(fake: StripeFake): void {
  fake.addPrice({ id: PRICES.pack100, unitAmount: 500, productName: '100 credits' });
  fake.addPrice({ id: PRICES.pack500, unitAmount: 2000, productName: '500 credits' });
  fake.addPrice({
    id: PRICES.creator,
    unitAmount: 1500,
    interval: 'month',
    productName: 'Creator',
  });
  fake.addPrice({ id: PRICES.studio, unitAmount: 4900, interval: 'month', productName: 'Studio' });
}
