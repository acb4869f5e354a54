import type { CreditHistoryQuery } from '../../gql/graphql';
import { formatDateTime } from '../server/format';

export type CreditMovement = CreditHistoryQuery['creditTransactions']['edges'][number]['node'];

/** "1,250": a whole number of credits in the reader's locale. */
export function formatCredits(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** "1 credit", "50 credits". */
export function creditsLabel(value: number, locale?: string): string {
  return `${formatCredits(value, locale)} ${Math.abs(value) === 1 ? 'credit' : 'credits'}`;
}

export type Direction = 'in' | 'out' | 'none';

/** One line of the history as the page shows it. */
export interface HistoryLine {
  id: string;
  description: string;
  /** The ISO time, for `<time dateTime>`. */
  createdAt: string;
  /** "29 Nov 2025, 18:51" in the reader's locale and time zone. */
  when: string;
  direction: Direction;
  /** "+50", "−5" (a true minus sign) or "0": the sign is always written, never left to colour. */
  amount: string;
  /** The amount in words for assistive technology: "50 credits added", "5 credits taken". */
  amountLabel: string;
  /** "45": what was available right after this movement. */
  balanceAfter: string;
}

/** The sign of a movement from the person's point of view. */
export function directionOf(amount: number): Direction {
  if (amount > 0) return 'in';
  if (amount < 0) return 'out';
  return 'none';
}

/** "+50", "−5", "0". */
export function formatSignedCredits(amount: number, locale?: string): string {
  const magnitude = formatCredits(Math.abs(amount), locale);
  if (amount > 0) return `+${magnitude}`;
  if (amount < 0) return `\u2212${magnitude}`;
  return magnitude;
}

/** A movement from the API, worded for the history list. */
export function historyLine(movement: CreditMovement, locale?: string): HistoryLine {
  const direction = directionOf(movement.amount);
  const size = creditsLabel(Math.abs(movement.amount), locale);
  const date = new Date(movement.createdAt);
  let amountLabel: string;
  if (direction === 'in') amountLabel = `${size} added`;
  else if (direction === 'out') amountLabel = `${size} taken`;
  else amountLabel = 'No change';
  return {
    id: movement.id,
    description: movement.description,
    createdAt: movement.createdAt,
    when: Number.isNaN(date.getTime()) ? movement.createdAt : formatDateTime(date, locale),
    direction,
    amount: formatSignedCredits(movement.amount, locale),
    amountLabel,
    balanceAfter: formatCredits(movement.balanceAfter, locale),
  };
}
