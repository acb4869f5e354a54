import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { CreateAiModelDocument, UpdateAiModelDocument } from '../../../gql/graphql';
import type { AiModelDetailFragment } from '../../../gql/graphql';
import { TextArea, TextField, useToast } from '../../../ui';
import { PersonaForm } from '../persona/PersonaForm';
import { personaErrors } from '../persona/persona-errors';
import type { PersonaErrors } from '../persona/persona-errors';
import { ReferenceImagesEditor } from '../persona/ReferenceImagesEditor';
import {
  initialCoverId,
  referencesWaitNote,
  useReferenceList,
} from '../persona/use-reference-list';
import { TagsEditor } from './TagsEditor';

const FIELDS = ['name', 'description', 'tags', 'referenceAssetIds'] as const;
type Field = (typeof FIELDS)[number];
type Errors = Pick<PersonaErrors<Field>, 'fields' | 'form'>;
const NO_ERRORS: Errors = { fields: {}, form: null };

export interface AiModelFormProps {
  /** The AI model to edit; without one the form creates an AI model. */
  model?: AiModelDetailFragment;
}

/**
 * Creates or edits an AI model (a persona): name, description, tags and its ordered reference
 * images with a cover. The server's messages appear beside their fields.
 */
export function AiModelForm({ model }: AiModelFormProps) {
  const toast = useToast();
  const navigate = useNavigate();
  const [name, setName] = useState(model?.name ?? '');
  const [description, setDescription] = useState(model?.description ?? '');
  const [tags, setTags] = useState<string[]>(() => [...(model?.tags ?? [])]);
  const references = useReferenceList(
    model?.references ?? [],
    initialCoverId(model?.cover, model?.references ?? []),
  );
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const current = JSON.stringify([
    name.trim(),
    description.trim(),
    tags,
    references.assetIds,
    references.coverId,
  ]);
  const [saved, setSaved] = useState(current);
  const [createAiModel] = useMutation(CreateAiModelDocument);
  const [updateAiModel] = useMutation(UpdateAiModelDocument);

  function clear(field: Field) {
    setErrors((before) => {
      if (before.fields[field] === undefined) return before;
      const fields = { ...before.fields };
      delete fields[field];
      return { ...before, fields };
    });
  }

  async function submit() {
    if (!name.trim()) {
      setErrors({ fields: { name: 'Give the AI model a name.' }, form: null });
      return;
    }
    const fields = {
      name: name.trim(),
      description: description.trim(),
      tags,
      referenceAssetIds: references.assetIds,
      coverAssetId: references.coverId,
    };
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      if (model) {
        await updateAiModel({ variables: { input: { id: model.id, ...fields } } });
        setSaved(current);
        toast.show({ tone: 'success', message: `${fields.name} is saved.` });
      } else {
        const result = await createAiModel({ variables: { input: fields } });
        const created = result.data?.createAiModel;
        if (!created) throw new Error('The server did not create the AI model. Try again.');
        setSaved(current);
        toast.show({ tone: 'success', message: `${created.name} is in your AI models.` });
        await navigate(`/library/models/${created.id}`, { replace: true });
      }
    } catch (failure) {
      const sorted = personaErrors(failure, FIELDS, 'AI model');
      setErrors({ fields: sorted.fields, form: sorted.form });
    } finally {
      setSaving(false);
    }
  }

  return (
    <PersonaForm
      label={model ? `Edit ${model.name}` : 'New AI model'}
      onSubmit={submit}
      saving={saving}
      formError={errors.form}
      dirty={current !== saved}
      submitLabel={model ? 'Save changes' : 'Create AI model'}
      cancelTo={model ? undefined : '/library/models'}
      waitNote={referencesWaitNote(references)}
    >
      <TextField
        label="Name"
        required
        value={name}
        maxLength={100}
        autoComplete="off"
        error={errors.fields.name}
        onChange={(event) => {
          setName(event.currentTarget.value);
          clear('name');
        }}
      />
      <TextArea
        label="Description"
        hint="Its look and style. Generations with it, and with its characters, include it in the prompt."
        rows={4}
        value={description}
        maxLength={4000}
        error={errors.fields.description}
        onChange={(event) => {
          setDescription(event.currentTarget.value);
          clear('description');
        }}
      />
      <TagsEditor
        tags={tags}
        error={errors.fields.tags}
        onChange={(next) => {
          setTags(next);
          clear('tags');
        }}
      />
      <ReferenceImagesEditor
        references={references}
        subject="this AI model"
        error={errors.fields.referenceAssetIds}
        onChange={() => clear('referenceAssetIds')}
      />
    </PersonaForm>
  );
}
