import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { cx } from './cx';
import { AlertIcon, CheckCircleIcon, CloseIcon, InfoIcon, WarningIcon } from './icons';
import {
  initialToastQueue,
  normalizeToast,
  toastQueueReducer,
  visibleToasts,
  type Toast,
  type ToastInput,
  type ToastTone,
} from './toast-queue';

export interface ToastApi {
  /** Shows a toast (or queues it while the screen is full) and returns its id. */
  show: (toast: ToastInput) => string;
  dismiss: (id: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** The toast API of the nearest ToastProvider. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast must be used inside <ToastProvider>');
  return api;
}

const toneIcons: Record<ToastTone, ReactNode> = {
  info: <InfoIcon />,
  success: <CheckCircleIcon />,
  warning: <WarningIcon />,
  danger: <AlertIcon />,
};

const toneNames: Record<ToastTone, string> = {
  info: 'Information',
  success: 'Success',
  warning: 'Warning',
  danger: 'Critical',
};

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: string) => void }) {
  // Hover or keyboard focus pauses the countdown, so nobody loses a message while reading it.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;

  useEffect(() => {
    if (toast.duration === null || paused) return;
    const timer = window.setTimeout(() => onDismiss(toast.id), toast.duration);
    return () => window.clearTimeout(timer);
  }, [toast.id, toast.duration, paused, onDismiss]);

  return (
    <li
      className={cx('toast', `toast--${toast.tone}`)}
      data-tone={toast.tone}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <span className="toast__icon">{toneIcons[toast.tone]}</span>
      <div className="toast__content" role={toast.tone === 'danger' ? 'alert' : undefined}>
        <span className="visually-hidden">{toneNames[toast.tone]}: </span>
        {toast.title && <p className="toast__title">{toast.title}</p>}
        <p>{toast.message}</p>
      </div>
      <button
        type="button"
        className="button button--ghost button--sm button--icon"
        onClick={() => onDismiss(toast.id)}
        aria-label="Dismiss notification"
      >
        <CloseIcon size={16} />
      </button>
    </li>
  );
}

export interface ToastProviderProps {
  children: ReactNode;
  maxVisible?: number;
}

/**
 * Holds the toast queue and renders it in a polite live region at the corner of the screen;
 * critical toasts are announced at once (role="alert") and stay until dismissed.
 */
export function ToastProvider({ children, maxVisible }: ToastProviderProps) {
  const [state, dispatch] = useReducer(toastQueueReducer, initialToastQueue);

  const dismiss = useCallback((id: string) => dispatch({ type: 'dismiss', id }), []);
  const show = useCallback((input: ToastInput) => {
    const toast = normalizeToast(input);
    dispatch({ type: 'show', toast });
    return toast.id;
  }, []);
  const api = useMemo<ToastApi>(() => ({ show, dismiss }), [show, dismiss]);

  const { visible, waiting } = visibleToasts(state, maxVisible);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toast-region">
        <ol
          className="toast-list"
          aria-label="Notifications"
          aria-live="polite"
          aria-relevant="additions text"
        >
          {visible.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </ol>
        {waiting > 0 && (
          <p className="toast__more">
            {waiting === 1 ? '1 more notification' : `${waiting} more notifications`}
          </p>
        )}
      </div>
    </ToastContext.Provider>
  );
}
