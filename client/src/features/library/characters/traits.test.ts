import { traitRowProblems, traitSummary, traitsToSend } from './traits';

describe('traits', () => {
  it('checks a row like the server does, leaving blank rows alone', () => {
    const none = new Set<string>();
    expect(traitRowProblems({ name: '', value: '' }, none)).toBeNull();
    expect(traitRowProblems({ name: 'outfit', value: 'a red coat' }, none)).toBeNull();
    expect(traitRowProblems({ name: 'hair colour', value: 'red' }, none)?.name).toMatch(
      /letters, digits and _/,
    );
    expect(traitRowProblems({ name: 'name', value: 'x' }, none)?.name).toMatch(/own field/);
    expect(traitRowProblems({ name: 'outfit', value: 'x' }, new Set(['outfit']))?.name).toBe(
      '"outfit" is there twice.',
    );
    expect(traitRowProblems({ name: 'outfit', value: '  ' }, none)).toEqual({
      value: 'Describe the trait.',
    });
  });

  it('sends trimmed rows without blank ones, and sums them up for a card', () => {
    const rows = [
      { name: ' outfit ', value: ' a red coat ' },
      { name: '', value: '' },
      { name: 'hair', value: 'short' },
    ];
    expect(traitsToSend(rows)).toEqual([
      { name: 'outfit', value: 'a red coat' },
      { name: 'hair', value: 'short' },
    ]);
    expect(traitSummary(traitsToSend(rows))).toBe('outfit: a red coat · hair: short');
  });
});
