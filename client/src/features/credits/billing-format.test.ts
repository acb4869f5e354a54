import {
  formatPeriod,
  isRunning,
  paymentStatusWords,
  planDateLine,
  subscriptionStatusWords,
} from './billing-format';

describe('billing wording', () => {
  it('treats every plan as running until it is canceled or never started', () => {
    expect(isRunning('ACTIVE')).toBe(true);
    expect(isRunning('PAST_DUE')).toBe(true);
    expect(isRunning('UNPAID')).toBe(true);
    expect(isRunning('PAUSED')).toBe(true);
    expect(isRunning('INCOMPLETE')).toBe(true);
    expect(isRunning('CANCELED')).toBe(false);
    expect(isRunning('INCOMPLETE_EXPIRED')).toBe(false);
  });

  it('words a plan’s status, with what to do when something is wrong', () => {
    expect(subscriptionStatusWords('ACTIVE')).toEqual({
      label: 'Active',
      tone: 'success',
      advice: null,
    });
    expect(subscriptionStatusWords('PAST_DUE').advice).toMatch(
      /^Payment past due — update your payment method/,
    );
    expect(subscriptionStatusWords('UNPAID').tone).toBe('danger');
  });

  it('says when a plan renews, or when it ends', () => {
    const period = { currentPeriodEnd: '2026-01-01T12:00:00.000Z' };
    expect(
      planDateLine(
        { ...period, cancelAtPeriodEnd: false, renewsAt: period.currentPeriodEnd },
        'en-GB',
      ),
    ).toBe('Renews on 1 Jan 2026');
    expect(planDateLine({ ...period, cancelAtPeriodEnd: true, endsAt: null }, 'en-GB')).toBe(
      'Ends on 1 Jan 2026',
    );
    expect(
      planDateLine(
        { ...period, cancelAtPeriodEnd: false, endsAt: '2025-12-15T12:00:00.000Z' },
        'en-GB',
      ),
    ).toBe('Ends on 15 Dec 2025');
  });

  it('names each payment status', () => {
    expect(paymentStatusWords('PAID').label).toBe('Paid');
    expect(paymentStatusWords('PARTIALLY_REFUNDED').label).toBe('Partly refunded');
    expect(paymentStatusWords('REFUNDED').label).toBe('Refunded');
    expect(paymentStatusWords('DISPUTED')).toEqual({ label: 'Disputed', tone: 'danger' });
  });

  it('writes the period a plan’s payment covered', () => {
    // Intl sets the dash between thin spaces (U+2009).
    expect(formatPeriod('2025-12-01T12:00:00Z', '2025-12-31T12:00:00Z', 'en-US')).toBe(
      'Dec 1\u2009–\u200931',
    );
    expect(formatPeriod('2025-12-01T12:00:00Z', '2026-01-01T12:00:00Z', 'en-US')).toBe(
      'Dec 1, 2025\u2009–\u2009Jan 1, 2026',
    );
    expect(formatPeriod('soon', '2026-01-01T12:00:00Z', 'en-US')).toBeNull();
  });
});
