import { useRef } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link, useBlocker } from 'react-router';
import { Alert, Button, ConfirmDialog, buttonClass } from '../../../ui';

/** Navigation state that leaves an editor without asking about unsaved changes (after Delete). */
export const LEAVE_WITHOUT_ASKING = { leaveWithoutAsking: true };

export interface PersonaFormProps {
  /** Names the form for assistive technology: "Character", "AI model". */
  label: string;
  /** Saves; may navigate away (after a create), which then does not ask about leaving. */
  onSubmit: () => Promise<void>;
  saving: boolean;
  /** The message above the buttons: what stopped the save. */
  formError: string | null;
  /** The form differs from what is saved: leaving asks first, the status says so. */
  dirty: boolean;
  submitLabel: string;
  /** Where Cancel leads (the list, when creating). */
  cancelTo?: string;
  /** Why saving must wait (images still uploading), shown beside the buttons. */
  waitNote?: string | null;
  children: ReactNode;
}

/**
 * The frame of the character and AI model editors: the fields, the form's own error, Save
 * (with progress) and Cancel, an "unsaved changes" status, and a question before leaving with
 * changes that are not saved.
 */
export function PersonaForm({
  label,
  onSubmit,
  saving,
  formError,
  dirty,
  submitLabel,
  cancelTo,
  waitNote,
  children,
}: PersonaFormProps) {
  // Set while a successful save navigates away, so the question is not asked then.
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      !leaving.current &&
      currentLocation.pathname !== nextLocation.pathname &&
      !(nextLocation.state as typeof LEAVE_WITHOUT_ASKING | null)?.leaveWithoutAsking,
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    leaving.current = true;
    try {
      await onSubmit();
    } finally {
      leaving.current = false;
    }
  }

  return (
    <form className="persona-form" aria-label={label} noValidate onSubmit={(e) => void submit(e)}>
      {children}
      {formError && <Alert tone="danger">{formError}</Alert>}
      <div className="persona-form__actions">
        <Button type="submit" variant="primary" loading={saving} disabled={Boolean(waitNote)}>
          {submitLabel}
        </Button>
        {cancelTo && (
          <Link className={buttonClass('ghost')} to={cancelTo}>
            Cancel
          </Link>
        )}
        <span className="persona-form__status" role="status">
          {waitNote ?? (dirty ? 'Unsaved changes' : '')}
        </span>
      </div>
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Leave without saving?"
        description="Your changes here are not saved yet."
        confirmLabel="Leave without saving"
        cancelLabel="Keep editing"
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      />
    </form>
  );
}
