import { RECONNECT_BASE_MS, RECONNECT_MAX_MS, reconnectDelay } from './backoff';

describe('reconnectDelay', () => {
  it('doubles per attempt, between half and all of the ceiling', () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const ceiling = RECONNECT_BASE_MS * 2 ** attempt;
      expect(reconnectDelay(attempt, () => 0)).toBe(ceiling / 2);
      expect(reconnectDelay(attempt, () => 1)).toBe(ceiling);
    }
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    expect(reconnectDelay(50, () => 1)).toBe(RECONNECT_MAX_MS);
    expect(reconnectDelay(Number.MAX_SAFE_INTEGER, () => 0.999)).toBeLessThanOrEqual(
      RECONNECT_MAX_MS,
    );
  });

  it('spreads clients out with jitter', () => {
    const delays = new Set(Array.from({ length: 20 }, () => reconnectDelay(3)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(8000);
    }
  });
});
