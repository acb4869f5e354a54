import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { Button } from './Button';
import { cx } from './cx';
import { AlertIcon } from './icons';

export interface DialogProps {
  open: boolean;
  /** Called when the dialog asks to close: Escape, or a close action inside it. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  /** Element to focus when the dialog opens; by default the browser picks the first control. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** Buttons along the bottom. */
  actions?: ReactNode;
  className?: string;
  children?: ReactNode;
}

/**
 * A modal dialog on the native `<dialog>` element opened with showModal(): the browser traps
 * focus, makes the rest of the page inert, closes on Escape and returns focus afterwards.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  initialFocusRef,
  actions,
  className,
  children,
}: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      initialFocusRef?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocusRef]);

  return (
    <dialog
      ref={dialogRef}
      className={cx('dialog', className)}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        // Escape: let the owner decide, so `open` stays the single source of truth.
        event.preventDefault();
        onClose();
      }}
      onClose={() => {
        if (open) onClose();
      }}
    >
      {open && (
        <div className="dialog__body">
          <h2 id={titleId}>{title}</h2>
          {description && (
            <p id={descriptionId} className="dialog__description">
              {description}
            </p>
          )}
          {children}
          {actions && <div className="dialog__actions">{actions}</div>}
        </div>
      )}
    </dialog>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  description: ReactNode;
  /** Label of the confirming button; name the action ("Delete image"), not "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Destructive actions get the danger style. Defaults to true: that is what confirms are for. */
  destructive?: boolean;
  /** Runs the action; while its promise is pending the dialog shows progress and stays open. */
  onConfirm: () => void | Promise<void>;
  onCancel: () => void;
}

/**
 * Asks before a destructive or irreversible action. Focus starts on Cancel, so pressing Enter
 * by reflex does not destroy anything; a failed action keeps the dialog open with its message.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Cancel',
  destructive = true,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    // A message from an earlier attempt must not greet the next opening.
    setWasOpen(open);
    if (open) setError(null);
  }

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The action failed. Try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        if (!pending) onCancel();
      }}
      title={title}
      description={description}
      initialFocusRef={cancelRef}
      actions={
        <>
          <Button ref={cancelRef} variant="secondary" onClick={onCancel} disabled={pending}>
            {cancelLabel}
          </Button>
          <Button
            variant={destructive ? 'danger' : 'primary'}
            loading={pending}
            onClick={() => void confirm()}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error && (
        <p className="field__error" role="alert">
          <AlertIcon size={16} />
          <span>{error}</span>
        </p>
      )}
    </Dialog>
  );
}
