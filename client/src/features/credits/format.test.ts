import { creditsLabel, formatSignedCredits, historyLine } from './format';

const movement = {
  __typename: 'CreditTransaction' as const,
  id: 'tx-1',
  kind: 'SIGNUP_GRANT' as const,
  amount: 50,
  balanceAfter: 1250,
  description: 'Welcome credits for confirming your email',
  createdAt: '2025-11-29T18:51:00.000Z',
};

describe('credit history formatting', () => {
  it('always writes the sign, with a true minus sign for money out', () => {
    expect(formatSignedCredits(50, 'en-GB')).toBe('+50');
    expect(formatSignedCredits(-1500, 'en-GB')).toBe('\u22121,500');
    expect(formatSignedCredits(0, 'en-GB')).toBe('0');
  });

  it('counts credits in words', () => {
    expect(creditsLabel(1, 'en-GB')).toBe('1 credit');
    expect(creditsLabel(2500, 'en-GB')).toBe('2,500 credits');
  });

  it('words a movement in for the list', () => {
    const line = historyLine(movement, 'en-GB');
    expect(line).toMatchObject({
      id: 'tx-1',
      description: 'Welcome credits for confirming your email',
      createdAt: '2025-11-29T18:51:00.000Z',
      direction: 'in',
      amount: '+50',
      amountLabel: '50 credits added',
      balanceAfter: '1,250',
    });
    expect(line.when).toMatch(/29 Nov 2025/);
  });

  it('words a movement out, and a time it cannot read', () => {
    const line = historyLine(
      { ...movement, amount: -1, balanceAfter: 0, createdAt: 'not a date' },
      'en-GB',
    );
    expect(line).toMatchObject({
      direction: 'out',
      amount: '\u22121',
      amountLabel: '1 credit taken',
      balanceAfter: '0',
      when: 'not a date',
    });
  });
});
