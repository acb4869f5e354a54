import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { DuplicateRecipeDocument, RenameRecipeDocument } from '../../../gql/graphql';
import type { RecipeSummaryFragment } from '../../../gql/graphql';
import { Alert, Button, Dialog, TextArea, TextField } from '../../../ui';
import { NO_FORM_ERRORS, formErrors } from '../../account/api-errors';
import type { FormErrors } from '../../account/api-errors';

interface RecipeRef {
  id: string;
  name: string;
  description: string;
}

/** The recipe's name and description; no new version. */
export function RenameRecipeDialog({
  recipe,
  open,
  onClose,
  onRenamed,
}: {
  recipe: RecipeRef;
  open: boolean;
  onClose: () => void;
  onRenamed: (name: string) => void;
}) {
  const formId = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(recipe.name);
  const [description, setDescription] = useState(recipe.description);
  const [errors, setErrors] = useState<FormErrors<'name' | 'description'>>(NO_FORM_ERRORS);
  const [wasOpen, setWasOpen] = useState(open);
  const [rename, { loading }] = useMutation(RenameRecipeDocument);
  if (open !== wasOpen) {
    // Each opening starts from the recipe as it is now.
    setWasOpen(open);
    if (open) {
      setName(recipe.name);
      setDescription(recipe.description);
      setErrors(NO_FORM_ERRORS);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    if (!name.trim()) {
      setErrors({ fields: { name: 'Give the recipe a name.' }, form: null });
      return;
    }
    try {
      await rename({
        variables: { input: { id: recipe.id, name: name.trim(), description: description.trim() } },
      });
      onRenamed(name.trim());
    } catch (failure) {
      setErrors(formErrors(failure, { fields: ['name', 'description'] }));
    }
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        if (!loading) onClose();
      }}
      title="Rename the recipe"
      description="The name and description are not part of its versions: changing them adds no version."
      initialFocusRef={fieldRef}
      actions={
        <>
          <Button onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" loading={loading}>
            Save
          </Button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={(event) => void submit(event)}>
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        <TextField
          ref={fieldRef}
          label="Name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setErrors(NO_FORM_ERRORS);
          }}
          error={errors.fields.name}
        />
        <TextArea
          label="Description"
          rows={3}
          maxLength={4000}
          value={description}
          onChange={(event) => {
            setDescription(event.currentTarget.value);
            setErrors(NO_FORM_ERRORS);
          }}
          error={errors.fields.description}
        />
      </form>
    </Dialog>
  );
}

/** A new recipe whose version 1 is this one's latest version. */
export function DuplicateRecipeDialog({
  recipe,
  latestVersion,
  open,
  onClose,
  onDuplicated,
}: {
  recipe: RecipeRef;
  latestVersion: number;
  open: boolean;
  onClose: () => void;
  onDuplicated: (copy: RecipeSummaryFragment) => void;
}) {
  const formId = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const suggested = `${recipe.name} (copy)`.slice(0, 100);
  const [name, setName] = useState(suggested);
  const [errors, setErrors] = useState<FormErrors<'name'>>(NO_FORM_ERRORS);
  const [wasOpen, setWasOpen] = useState(open);
  const [duplicate, { loading }] = useMutation(DuplicateRecipeDocument);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setName(suggested);
      setErrors(NO_FORM_ERRORS);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    try {
      const result = await duplicate({
        variables: { id: recipe.id, name: name.trim() || null },
      });
      const copy = result.data?.duplicateRecipe;
      if (copy) onDuplicated(copy);
    } catch (failure) {
      setErrors(formErrors(failure, { fields: ['name'] }));
    }
  }

  return (
    <Dialog
      open={open}
      onClose={() => {
        if (!loading) onClose();
      }}
      title="Duplicate the recipe"
      description={`The copy starts at version 1 with the settings of version ${latestVersion}. Changing one does not change the other.`}
      initialFocusRef={fieldRef}
      actions={
        <>
          <Button onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" loading={loading}>
            Duplicate
          </Button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={(event) => void submit(event)}>
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        <TextField
          ref={fieldRef}
          label="Name of the copy"
          maxLength={100}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setErrors(NO_FORM_ERRORS);
          }}
          error={errors.fields.name}
        />
      </form>
    </Dialog>
  );
}
