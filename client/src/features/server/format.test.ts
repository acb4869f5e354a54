import { environmentLabel, formatRelativeTime } from './format';

describe('formatRelativeTime', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  it('uses the largest whole unit', () => {
    expect(formatRelativeTime(new Date('2025-06-01T11:59:30Z'), now, 'en')).toBe('just now');
    expect(formatRelativeTime(new Date('2025-06-01T11:55:00Z'), now, 'en')).toBe('5 minutes ago');
    expect(formatRelativeTime(new Date('2025-06-01T09:00:00Z'), now, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime(new Date('2025-05-31T12:00:00Z'), now, 'en')).toBe('yesterday');
    expect(formatRelativeTime(new Date('2025-06-01T12:02:00Z'), now, 'en')).toBe('in 2 minutes');
  });
});

describe('environmentLabel', () => {
  it('capitalises the environment name', () => {
    expect(environmentLabel('production')).toBe('Production');
    expect(environmentLabel('')).toBe('Unknown');
  });
});
