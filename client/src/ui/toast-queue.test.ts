import {
  DEFAULT_DURATIONS,
  MAX_QUEUED_TOASTS,
  MAX_VISIBLE_TOASTS,
  initialToastQueue,
  normalizeToast,
  toastQueueReducer,
  visibleToasts,
} from './toast-queue';
import type { ToastQueueState } from './toast-queue';

function showAll(state: ToastQueueState, messages: string[]): ToastQueueState {
  return messages.reduce(
    (current, message) =>
      toastQueueReducer(current, { type: 'show', toast: normalizeToast({ message }) }),
    state,
  );
}

describe('toast queue', () => {
  it('fills in tone, id and duration defaults', () => {
    const info = normalizeToast({ message: 'Saved' });
    expect(info.tone).toBe('info');
    expect(info.duration).toBe(DEFAULT_DURATIONS.info);
    expect(info.id).toMatch(/^toast-\d+$/);
    expect(normalizeToast({ message: 'Down', tone: 'danger' }).duration).toBeNull();
    expect(normalizeToast({ message: 'x', duration: 1000, tone: 'danger' }).duration).toBe(1000);
    expect(normalizeToast({ message: 'x' }).id).not.toBe(normalizeToast({ message: 'x' }).id);
  });

  it('shows the oldest few and queues the rest in order', () => {
    const state = showAll(initialToastQueue, ['a', 'b', 'c', 'd', 'e']);
    const { visible, waiting } = visibleToasts(state);
    expect(visible.map((t) => t.message)).toEqual(['a', 'b', 'c']);
    expect(waiting).toBe(2);
    expect(MAX_VISIBLE_TOASTS).toBe(3);
  });

  it('moves the next queued toast up when one is dismissed', () => {
    let state = showAll(initialToastQueue, ['a', 'b', 'c', 'd']);
    const first = state.toasts[0]!;
    state = toastQueueReducer(state, { type: 'dismiss', id: first.id });
    expect(visibleToasts(state).visible.map((t) => t.message)).toEqual(['b', 'c', 'd']);
    expect(visibleToasts(state).waiting).toBe(0);
  });

  it('updates a toast in place when shown again with the same id', () => {
    let state = showAll(initialToastQueue, ['a']);
    state = toastQueueReducer(state, {
      type: 'show',
      toast: normalizeToast({ id: 'notice-1', message: 'first' }),
    });
    state = toastQueueReducer(state, {
      type: 'show',
      toast: normalizeToast({ id: 'notice-1', message: 'second', tone: 'warning' }),
    });
    expect(state.toasts).toHaveLength(2);
    expect(state.toasts[1]).toMatchObject({ id: 'notice-1', message: 'second', tone: 'warning' });
  });

  it('ignores dismissing an unknown id and clears everything on request', () => {
    const state = showAll(initialToastQueue, ['a', 'b']);
    expect(toastQueueReducer(state, { type: 'dismiss', id: 'nope' })).toBe(state);
    expect(toastQueueReducer(state, { type: 'clear' }).toasts).toEqual([]);
  });

  it('bounds the queue, dropping waiting toasts that would hide by themselves first', () => {
    let state = toastQueueReducer(initialToastQueue, {
      type: 'show',
      toast: normalizeToast({ message: 'critical', tone: 'danger' }),
    });
    state = showAll(
      state,
      Array.from({ length: MAX_QUEUED_TOASTS + 10 }, (_, i) => `info ${i}`),
    );
    expect(state.toasts).toHaveLength(MAX_QUEUED_TOASTS);
    expect(state.toasts[0]?.message).toBe('critical');
    expect(state.toasts.at(-1)?.message).toBe(`info ${MAX_QUEUED_TOASTS + 9}`);
  });
});
