/** How a toast looks and how urgently it is announced. */
export type ToastTone = 'info' | 'success' | 'warning' | 'danger';

export interface ToastInput {
  /** Stable id: showing a toast with an id already on screen or queued updates it in place. */
  id?: string;
  tone?: ToastTone;
  title?: string;
  message: string;
  /** Milliseconds before it hides by itself; null keeps it until dismissed. Defaults by tone. */
  duration?: number | null;
}

export interface Toast {
  id: string;
  tone: ToastTone;
  title?: string;
  message: string;
  duration: number | null;
}

export interface ToastQueueState {
  /** Oldest first. The first `maxVisible` are on screen; the rest wait their turn. */
  toasts: Toast[];
}

export type ToastAction =
  { type: 'show'; toast: Toast } | { type: 'dismiss'; id: string } | { type: 'clear' };

/** Default time on screen per tone: problems stay until the user has seen and closed them. */
export const DEFAULT_DURATIONS: Record<ToastTone, number | null> = {
  info: 6000,
  success: 5000,
  warning: 10000,
  danger: null,
};

/** How many toasts are on screen at once. */
export const MAX_VISIBLE_TOASTS = 3;

/** Upper bound of the queue, so a flood of messages cannot grow memory without limit. */
export const MAX_QUEUED_TOASTS = 50;

export const initialToastQueue: ToastQueueState = { toasts: [] };

let sequence = 0;

/** Fills in the defaults of a toast request. */
export function normalizeToast(input: ToastInput): Toast {
  const tone = input.tone ?? 'info';
  sequence += 1;
  return {
    id: input.id ?? `toast-${sequence}`,
    tone,
    title: input.title,
    message: input.message,
    duration: input.duration === undefined ? DEFAULT_DURATIONS[tone] : input.duration,
  };
}

export function toastQueueReducer(state: ToastQueueState, action: ToastAction): ToastQueueState {
  switch (action.type) {
    case 'show': {
      const index = state.toasts.findIndex((toast) => toast.id === action.toast.id);
      if (index >= 0) {
        const toasts = state.toasts.slice();
        toasts[index] = action.toast;
        return { toasts };
      }
      let toasts = [...state.toasts, action.toast];
      if (toasts.length > MAX_QUEUED_TOASTS) {
        // Drop the oldest waiting toast that hides by itself; keep those needing attention.
        const waiting = toasts.findIndex(
          (toast, i) => i >= MAX_VISIBLE_TOASTS && toast.duration !== null,
        );
        const drop = waiting >= 0 ? waiting : MAX_VISIBLE_TOASTS;
        toasts = toasts.filter((_, i) => i !== drop);
      }
      return { toasts };
    }
    case 'dismiss': {
      const toasts = state.toasts.filter((toast) => toast.id !== action.id);
      return toasts.length === state.toasts.length ? state : { toasts };
    }
    case 'clear':
      return state.toasts.length === 0 ? state : initialToastQueue;
  }
}

/** The toasts on screen and the number still waiting. */
export function visibleToasts(
  state: ToastQueueState,
  maxVisible: number = MAX_VISIBLE_TOASTS,
): { visible: Toast[]; waiting: number } {
  return {
    visible: state.toasts.slice(0, maxVisible),
    waiting: Math.max(0, state.toasts.length - maxVisible),
  };
}
