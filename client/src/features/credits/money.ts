import type { MoneyFieldsFragment } from '../../gql/graphql';

export type Money = Pick<MoneyFieldsFragment, 'amount' | 'currency'>;

/** The reader's currency format for `currency`, or null for a code Intl cannot read. */
function currencyFormat(currency: string, locale?: string): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
  } catch {
    return null;
  }
}

/**
 * "$12.00", "¥1,200", "12,00 €": an amount the API gives in the currency's minor unit (cents).
 * How many minor units make one major unit depends on the currency (100 for dollars, 1 for yen,
 * 1000 for dinars); Intl knows, through the digits it shows for that currency.
 */
export function formatMoney(money: Money, locale?: string): string {
  const format = currencyFormat(money.currency, locale);
  if (!format) return `${money.amount} ${money.currency.toUpperCase()}`;
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amount / 10 ** digits);
}

/** "$2.00 per 100 credits": what a pack costs for a fixed number of credits, to compare packs. */
export function pricePerHundredCredits(price: Money, credits: number, locale?: string): string {
  if (credits <= 0) return '';
  const amount = (price.amount * 100) / credits;
  return `${formatMoney({ amount, currency: price.currency }, locale)} per 100 credits`;
}

/** "$12.00 per month": a plan's price with its billing interval (`month`, `year`, …). */
export function formatRecurringPrice(
  price: Money,
  interval: string | null | undefined,
  locale?: string,
): string {
  const amount = formatMoney(price, locale);
  return interval ? `${amount} per ${interval}` : amount;
}
