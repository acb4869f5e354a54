import { formatMoney, formatRecurringPrice, pricePerHundredCredits } from './money';

describe('money formatting', () => {
  it('reads amounts in the currency’s minor unit', () => {
    expect(formatMoney({ amount: 1200, currency: 'usd' }, 'en-US')).toBe('$12.00');
    expect(formatMoney({ amount: 999, currency: 'eur' }, 'de-DE')).toBe('9,99\u00a0€');
  });

  it('knows currencies without cents, and with thousandths', () => {
    // Yen have no minor unit: 1200 is ¥1,200, not ¥12.
    expect(formatMoney({ amount: 1200, currency: 'jpy' }, 'en-US')).toBe('¥1,200');
    expect(formatMoney({ amount: 1500, currency: 'kwd' }, 'en-US')).toBe('KWD\u00a01.500');
  });

  it('still shows an amount in a currency it cannot read', () => {
    expect(formatMoney({ amount: 1200, currency: 'not-a-code' }, 'en-US')).toBe('1200 NOT-A-CODE');
  });

  it('prices 100 credits of a pack, to compare packs', () => {
    expect(pricePerHundredCredits({ amount: 6000, currency: 'usd' }, 2000, 'en-US')).toBe(
      '$3.00 per 100 credits',
    );
    expect(pricePerHundredCredits({ amount: 1000, currency: 'usd' }, 300, 'en-US')).toBe(
      '$3.33 per 100 credits',
    );
    expect(pricePerHundredCredits({ amount: 1000, currency: 'usd' }, 0, 'en-US')).toBe('');
  });

  it('writes a plan’s price with its interval', () => {
    expect(formatRecurringPrice({ amount: 1200, currency: 'usd' }, 'month', 'en-US')).toBe(
      '$12.00 per month',
    );
    expect(formatRecurringPrice({ amount: 12000, currency: 'usd' }, null, 'en-US')).toBe('$120.00');
  });
});
