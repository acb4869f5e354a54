/**
 * Cancellation helpers for provider adapters. A run that is aborted rejects with the signal's
 * reason (when it is an Error), so the pipeline can tell its own cancel, timeout and shutdown
 * reasons apart; a reason that is not an Error becomes a DOMException named AbortError.
 */

/** The error an aborted run rejects with. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const message = typeof reason === 'string' ? reason : 'The operation was aborted.';
  return new DOMException(message, 'AbortError');
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError(signal);
}

/** Waits `ms` milliseconds, rejecting as soon as the signal aborts. 0 sets no timer at all. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Never resolves; rejects when the signal aborts. */
export function waitForAbort(signal: AbortSignal): Promise<never> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
}
