import { useRef } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link, useBlocker } from 'react-router';
import { Alert, Button, ConfirmDialog, TextArea, TextField, buttonClass } from '../../../ui';
import { ReferenceImagesEditor } from './ReferenceImagesEditor';
import type { PersonaFormState } from './use-persona-form';

/** Navigation state that leaves an editor without asking about unsaved changes (after Delete). */
export const LEAVE_WITHOUT_ASKING = { leaveWithoutAsking: true };

export interface PersonaFormProps {
  /** The shared fields' state (`usePersonaForm`). */
  form: PersonaFormState;
  /** Under Description: what it is for, on this kind of persona. */
  descriptionHint: string;
  /** The form's own fields, between the description and the images. */
  children: ReactNode;
}

/**
 * The character and AI model editors around their own fields: name and description, the
 * ordered reference images with a cover, the form's own error, Save (with progress) and Cancel,
 * an "unsaved changes" status, and a question before leaving with changes that are not saved.
 */
export function PersonaForm({ form, descriptionHint, children }: PersonaFormProps) {
  const { label, onSubmit, saving, formError, dirty, submitLabel, cancelTo, waitNote } = form.frame;
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
      <TextField
        label="Name"
        required
        value={form.name}
        maxLength={100}
        autoComplete="off"
        error={form.errors.name}
        onChange={(event) => {
          form.setName(event.currentTarget.value);
          form.clear('name');
        }}
      />
      <TextArea
        label="Description"
        hint={descriptionHint}
        rows={4}
        value={form.description}
        maxLength={4000}
        error={form.errors.description}
        onChange={(event) => {
          form.setDescription(event.currentTarget.value);
          form.clear('description');
        }}
      />
      {children}
      <ReferenceImagesEditor
        references={form.references}
        subject={form.subject}
        error={form.errors.referenceAssetIds}
        onChange={() => form.clear('referenceAssetIds')}
      />
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
