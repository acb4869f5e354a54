import type Stripe from 'stripe';

// Small value helpers the builders and simulations share: time, copies, lists.

type Decimal = NonNullable<Stripe.Price['unit_amount_decimal']>;

export const DAY = 24 * 60 * 60;
/** Fixed lengths keep period arithmetic predictable in tests: a month is 30 days. */
const INTERVAL_SECONDS: Record<string, number> = {
  day: DAY,
  week: 7 * DAY,
  month: 30 * DAY,
  year: 365 * DAY,
};

export const now = () => Math.floor(Date.now() / 1000);

export function intervalSeconds(price: Stripe.Price): number {
  const seconds = INTERVAL_SECONDS[price.recurring?.interval ?? ''];
  if (seconds === undefined) throw new Error(`${price.id} is not a recurring price`);
  return seconds;
}

/** Stripe sends decimal amounts as strings; the client turns them into `Stripe.Decimal` values. */
export const decimal = (value: number): Decimal => String(value) as unknown as Decimal;

export const snapshot = <T>(value: T): T => structuredClone(value);

export const list = <T>(data: T[], url: string): Stripe.ApiList<T> => ({
  object: 'list',
  data,
  has_more: false,
  url,
});
