import type { DataSource } from 'typeorm';
import { SecurityError } from './security.errors';

/** How many attempts a window allows. */
export interface RateLimitRule {
  /** Names the action in keys and messages, e.g. `sign-in`. */
  action: string;
  limit: number;
  windowSeconds: number;
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Fixed-window counters in PostgreSQL, so limits hold across every api process. One statement
 * per check: the upsert either starts a new window or counts into the current one.
 */
export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one attempt for each subject (an IP, an account) and throws RATE_LIMITED when any is
   * over its limit. Subjects that are null (unknown IP) are skipped.
   */
  async consume(rule: RateLimitRule, subjects: Array<string | null | undefined>): Promise<void> {
    for (const subject of subjects) {
      if (!subject) continue;
      const key = `${rule.action}:${subject}`.slice(0, 200);
      const [row] = (await this.dataSource.query(
        `INSERT INTO rate_limits (key, count, reset_at)
         VALUES ($1, 1, now() + make_interval(secs => $2))
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.count + 1 END,
           reset_at = CASE WHEN rate_limits.reset_at <= now()
                           THEN now() + make_interval(secs => $2) ELSE rate_limits.reset_at END
         RETURNING count, ceil(extract(epoch FROM reset_at - now()))::int AS retry_after`,
        [key, rule.windowSeconds],
      )) as Array<{ count: number; retry_after: number }>;
      if (row && row.count > rule.limit) {
        const retryAfterSeconds = Math.max(1, row.retry_after);
        throw new SecurityError(
          'RATE_LIMITED',
          `Too many attempts. Try again in ${describeWait(retryAfterSeconds)}.`,
          { retryAfterSeconds },
        );
      }
    }
  }

  /** Forgets the counts for a subject, e.g. after a successful sign-in. */
  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limits WHERE key = $1', [
      `${rule.action}:${subject}`,
    ]);
  }

  /** Drops windows that ended; run periodically so the table stays small. */
  async prune(): Promise<number> {
    const result = (await this.dataSource.query(
      'DELETE FROM rate_limits WHERE reset_at <= now()',
    )) as [unknown, number];
    return result[1] ?? 0;
  }
}
