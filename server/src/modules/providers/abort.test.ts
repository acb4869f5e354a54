import { abortError, sleep, waitForAbort } from './abort';

describe('abort helpers', () => {
  it('use the signal’s reason when it is an Error, else an AbortError', () => {
    const reason = new Error('canceled');
    expect(abortError(AbortSignal.abort(reason))).toBe(reason);
    expect(abortError(AbortSignal.abort('shutdown'))).toMatchObject({
      name: 'AbortError',
      message: 'shutdown',
    });
    expect(abortError(AbortSignal.abort(42))).toMatchObject({
      name: 'AbortError',
      message: 'The operation was aborted.',
    });
    expect(abortError(AbortSignal.abort()).name).toBe('AbortError');
  });

  it('sleep waits, or rejects as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    await sleep(20, controller.signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const sleeping = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(sleep(0, controller.signal)).rejects.toThrow('stop');
  });

  it('sleep(0) sets no timer', async () => {
    jest.useFakeTimers();
    try {
      await expect(sleep(0, new AbortController().signal)).resolves.toBeUndefined();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('waitForAbort rejects only when aborted', async () => {
    const controller = new AbortController();
    const waiting = waitForAbort(controller.signal);
    controller.abort(new Error('now'));
    await expect(waiting).rejects.toThrow('now');
  });
});
