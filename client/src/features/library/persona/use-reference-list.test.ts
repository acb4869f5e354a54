import { initialCoverId, moved } from './use-reference-list';

describe('reference order and cover', () => {
  it('moves one entry, leaving the rest in order', () => {
    expect(moved(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
  });

  it('keeps a cover that is not simply the first image', () => {
    const references = [{ id: 'a' }, { id: 'b' }];
    expect(initialCoverId({ id: 'b' }, references)).toBe('b');
    expect(initialCoverId({ id: 'a' }, references)).toBeNull();
    expect(initialCoverId(null, references)).toBeNull();
    expect(initialCoverId({ id: 'gone' }, references)).toBeNull();
  });
});
