const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 60 * 60 * 1000],
  ['month', 30 * 24 * 60 * 60 * 1000],
  ['week', 7 * 24 * 60 * 60 * 1000],
  ['day', 24 * 60 * 60 * 1000],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

/** "3 hours ago", "in 2 minutes", "just now": how far `date` is from `now`, in the largest unit. */
export function formatRelativeTime(date: Date, now: Date, locale?: string): string {
  const diff = date.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  }
  return 'just now';
}

/** A date and time in the reader's locale and time zone, e.g. "29 Nov 2025, 18:51". */
export function formatDateTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The environment name as people say it. */
export function environmentLabel(environment: string): string {
  if (!environment) return 'Unknown';
  return environment.charAt(0).toUpperCase() + environment.slice(1);
}
