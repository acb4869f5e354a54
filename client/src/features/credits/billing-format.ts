import type { PaymentStatus, SubscriptionStatus } from '../../gql/graphql';
import type { StatusTone } from '../../ui';
import { formatDate } from '../settings/format';

/** Statuses of a plan that is over: it grants nothing more, and a new plan can be chosen. */
const ENDED: ReadonlySet<SubscriptionStatus> = new Set(['CANCELED', 'INCOMPLETE_EXPIRED']);

/**
 * Whether a plan still runs (the server refuses another checkout for a plan while it does):
 * every status but canceled and never-started, including unpaid and paused ones.
 */
export function isRunning(status: SubscriptionStatus): boolean {
  return !ENDED.has(status);
}

export interface SubscriptionStatusWords {
  /** A word or two for the badge: "Active", "Payment past due". */
  label: string;
  tone: StatusTone;
  /** What it means and what to do, when the person has something to do. */
  advice: string | null;
}

const SUBSCRIPTION_STATUS: Record<SubscriptionStatus, SubscriptionStatusWords> = {
  ACTIVE: { label: 'Active', tone: 'success', advice: null },
  TRIALING: { label: 'Trial', tone: 'info', advice: null },
  PAST_DUE: {
    label: 'Payment past due',
    tone: 'warning',
    advice:
      'Payment past due — update your payment method under Manage billing so your plan keeps running.',
  },
  UNPAID: {
    label: 'Unpaid',
    tone: 'danger',
    advice:
      'The payments for your plan failed, so it grants no new credits. Update your payment method under Manage billing.',
  },
  PAUSED: {
    label: 'Paused',
    tone: 'neutral',
    advice: 'Your plan is paused: it grants no credits until it resumes.',
  },
  INCOMPLETE: {
    label: 'Awaiting payment',
    tone: 'warning',
    advice:
      'The first payment has not gone through yet. Complete it or change your payment method under Manage billing.',
  },
  INCOMPLETE_EXPIRED: { label: 'Not started', tone: 'neutral', advice: null },
  CANCELED: { label: 'Ended', tone: 'neutral', advice: null },
};

/** A plan's status in words. */
export function subscriptionStatusWords(status: SubscriptionStatus): SubscriptionStatusWords {
  return SUBSCRIPTION_STATUS[status];
}

interface PlanDates {
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string;
  renewsAt?: string | null;
  endsAt?: string | null;
}

/**
 * "Renews on 1 Jan 2026" or "Ends on 1 Jan 2026": the next thing that happens to a running plan.
 * A plan set to cancel ends when its period does; one that renews starts a new period then.
 */
export function planDateLine(plan: PlanDates, locale?: string): string {
  if (plan.cancelAtPeriodEnd || plan.endsAt) {
    return `Ends on ${formatDate(plan.endsAt ?? plan.currentPeriodEnd, locale)}`;
  }
  return `Renews on ${formatDate(plan.renewsAt ?? plan.currentPeriodEnd, locale)}`;
}

const PAYMENT_STATUS: Record<PaymentStatus, { label: string; tone: StatusTone }> = {
  PAID: { label: 'Paid', tone: 'success' },
  PARTIALLY_REFUNDED: { label: 'Partly refunded', tone: 'info' },
  REFUNDED: { label: 'Refunded', tone: 'neutral' },
  DISPUTED: { label: 'Disputed', tone: 'danger' },
};

/** A payment's status for its badge. */
export function paymentStatusWords(status: PaymentStatus): { label: string; tone: StatusTone } {
  return PAYMENT_STATUS[status];
}

/**
 * "Dec 1 – 31", "Dec 1, 2025 – Jan 1, 2026": the period a plan's payment paid for, as the
 * provider's invoice states it. Intl leaves out what both ends share (the month, the year).
 */
export function formatPeriod(start: string, end: string, locale?: string): string | null {
  const from = new Date(start);
  const to = new Date(end);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null;
  const format = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
  return format.formatRange(from, to);
}
