/** First reconnect delay, doubled on every further attempt. */
export const RECONNECT_BASE_MS = 1000;

/** Longest wait between two reconnect attempts. */
export const RECONNECT_MAX_MS = 30_000;

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential growth capped at
 * RECONNECT_MAX_MS, with "equal jitter" (half fixed, half random) so that clients dropped together
 * (a server restart) do not all come back in the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 16);
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
