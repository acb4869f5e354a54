import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ReferenceAssetFragment } from '../../../gql/graphql';
import { useToast } from '../../../ui';
import { personaErrors } from './persona-errors';
import type { PersonaErrors } from './persona-errors';
import { initialCoverId, referencesWaitNote, useReferenceList } from './use-reference-list';
import type { ReferenceList } from './use-reference-list';

/** The fields every persona form has, besides its own. */
const COMMON_FIELDS = ['name', 'description', 'referenceAssetIds'] as const;
type CommonField = (typeof COMMON_FIELDS)[number];

/** What a persona form edits of a saved AI model or character. */
interface PersonaDetail {
  id: string;
  name: string;
  description: string;
  cover?: { id: string } | null;
  references: readonly ReferenceAssetFragment[];
}

/** The fields every persona create or update sends. */
export interface PersonaInput {
  name: string;
  description: string;
  referenceAssetIds: string[];
  coverAssetId: string | null;
}

export interface PersonaFormOptions<Own extends string, Sent extends object> {
  /** The AI model or character to edit; without one the form creates one. */
  persona?: PersonaDetail;
  /** Names the thing in labels and messages: "character", "AI model". */
  what: string;
  /** The list page; a created one opens at `${listPath}/${id}`. */
  listPath: string;
  /** The form's own fields that the server's messages may name. */
  ownFields: readonly Own[];
  /** The form's own values as saved, to tell whether the form has changes. */
  ownValues: unknown;
  /** The form's own values to send; called on submit. */
  send: () => Sent;
  /**
   * The form's own checks before sending, run on every submit: marks its own problems and says
   * whether there are any.
   */
  invalid?: () => boolean;
  /** The message above Save when a check before sending fails. */
  invalidNote?: string | null;
  /** Creates; resolves to what was created, or nothing when the server did not. */
  create: (input: PersonaInput & Sent) => Promise<{ id: string; name: string } | null | undefined>;
  update: (input: PersonaInput & Sent & { id: string }) => Promise<unknown>;
  /** Sorts what the server refused beyond fields and the form (trait rows). */
  refused?: (sorted: PersonaErrors<CommonField | Own>) => void;
}

/**
 * The part the character and AI model editors share: name, description, the ordered reference
 * images with a cover, field errors, the unsaved-changes state, and a submit that creates or
 * updates, says so and opens what it created. `PersonaForm` renders it around the form's own
 * fields.
 */
export function usePersonaForm<Own extends string, Sent extends object>({
  persona,
  what,
  listPath,
  ownFields,
  ownValues,
  send,
  invalid,
  invalidNote = null,
  create,
  update,
  refused,
}: PersonaFormOptions<Own, Sent>): PersonaFormState<CommonField | Own> {
  type Field = CommonField | Own;
  type Errors = Pick<PersonaErrors<Field>, 'fields' | 'form'>;
  const toast = useToast();
  const navigate = useNavigate();
  const [name, setName] = useState(persona?.name ?? '');
  const [description, setDescription] = useState(persona?.description ?? '');
  const references = useReferenceList(
    persona?.references ?? [],
    initialCoverId(persona?.cover, persona?.references ?? []),
  );
  const [errors, setErrors] = useState<Errors>({ fields: {}, form: null });
  const [saving, setSaving] = useState(false);
  const current = JSON.stringify([
    name.trim(),
    description.trim(),
    references.assetIds,
    references.coverId,
    ownValues,
  ]);
  const [saved, setSaved] = useState(current);

  function clear(field: Field) {
    setErrors((before) => {
      if (before.fields[field] === undefined) return before;
      const fields = { ...before.fields };
      delete fields[field];
      return { ...before, fields };
    });
  }

  async function submit() {
    const missingName = !name.trim();
    const ownProblems = invalid?.() ?? false;
    if (missingName || ownProblems) {
      const fields: Errors['fields'] = {};
      if (missingName) fields.name = `Give the ${what} a name.`;
      setErrors({ fields, form: invalidNote });
      return;
    }
    const fields = {
      name: name.trim(),
      description: description.trim(),
      referenceAssetIds: references.assetIds,
      coverAssetId: references.coverId,
      ...send(),
    };
    setSaving(true);
    setErrors({ fields: {}, form: null });
    try {
      if (persona) {
        await update({ id: persona.id, ...fields });
        setSaved(current);
        toast.show({ tone: 'success', message: `${fields.name} is saved.` });
      } else {
        const created = await create(fields);
        if (!created) throw new Error(`The server did not create the ${what}. Try again.`);
        setSaved(current);
        toast.show({ tone: 'success', message: `${created.name} is in your ${what}s.` });
        await navigate(`${listPath}/${created.id}`, { replace: true });
      }
    } catch (failure) {
      const sorted = personaErrors<Field>(failure, [...COMMON_FIELDS, ...ownFields], what);
      setErrors({ fields: sorted.fields, form: sorted.form });
      refused?.(sorted);
    } finally {
      setSaving(false);
    }
  }

  return {
    name,
    setName,
    description,
    setDescription,
    references,
    errors: errors.fields,
    clear,
    /** The frame's props (`PersonaForm`). */
    frame: {
      label: persona ? `Edit ${persona.name}` : `New ${what}`,
      onSubmit: submit,
      saving,
      formError: errors.form,
      dirty: current !== saved,
      submitLabel: persona ? 'Save changes' : `Create ${what}`,
      cancelTo: persona ? undefined : listPath,
      waitNote: referencesWaitNote(references),
    },
    /** "this character", for the images' labels. */
    subject: `this ${what}`,
  };
}

/** What `PersonaForm` renders of `usePersonaForm`: the shared fields and the frame. */
export interface PersonaFormState<Field extends string = CommonField> {
  name: string;
  setName: (name: string) => void;
  description: string;
  setDescription: (description: string) => void;
  references: ReferenceList;
  /** Messages under fields: the server's, or found before sending. */
  errors: Partial<Record<Field, string>>;
  /** Takes away a field's message once it is edited. */
  clear: (field: Field) => void;
  frame: PersonaFrame;
  subject: string;
}

/** The form around the fields: its name, Save and Cancel, and whether it has unsaved changes. */
export interface PersonaFrame {
  /** Names the form for assistive technology: "Edit Ada", "New AI model". */
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
}
