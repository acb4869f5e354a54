import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import {
  AiModelChoicesDocument,
  CreateCharacterDocument,
  UpdateCharacterDocument,
} from '../../../gql/graphql';
import type { CharacterDetailFragment } from '../../../gql/graphql';
import { Select, TextArea, TextField, useToast } from '../../../ui';
import { PersonaForm } from '../persona/PersonaForm';
import { personaErrors } from '../persona/persona-errors';
import type { PersonaErrors, RowErrors } from '../persona/persona-errors';
import { ReferenceImagesEditor } from '../persona/ReferenceImagesEditor';
import {
  initialCoverId,
  referencesWaitNote,
  useReferenceList,
} from '../persona/use-reference-list';
import { TraitsEditor } from './TraitsEditor';
import { traitRow, traitRowProblems, traitsToSend } from './traits';
import type { TraitRow } from './traits';

const FIELDS = ['name', 'description', 'traits', 'aiModelId', 'referenceAssetIds'] as const;
type Field = (typeof FIELDS)[number];

/** AI models offered in the select; people with more pick among the newest. */
const AI_MODEL_CHOICES = 100;

/** The form's errors, with trait rows' messages by row key rather than position. */
interface Errors {
  fields: PersonaErrors<Field>['fields'];
  rows: Record<string, RowErrors>;
  form: string | null;
}

const NO_ERRORS: Errors = { fields: {}, rows: {}, form: null };

export interface CharacterFormProps {
  /** The character to edit; without one the form creates a character. */
  character?: CharacterDetailFragment;
  /** The AI model a new character starts in (from an AI model's "Add a character"). */
  initialAiModelId?: string | null;
}

/** What is saved, to tell whether the form has changes. */
function shape(values: {
  name: string;
  description: string;
  rows: readonly TraitRow[];
  aiModelId: string;
  assetIds: readonly string[];
  coverId: string | null;
}) {
  return JSON.stringify([
    values.name.trim(),
    values.description.trim(),
    traitsToSend(values.rows),
    values.aiModelId,
    values.assetIds,
    values.coverId,
  ]);
}

/**
 * Creates or edits a character: name, description, traits, the AI model it belongs to and its
 * ordered reference images with a cover. The server's messages appear beside their fields.
 */
export function CharacterForm({ character, initialAiModelId = null }: CharacterFormProps) {
  const toast = useToast();
  const navigate = useNavigate();
  const [name, setName] = useState(character?.name ?? '');
  const [description, setDescription] = useState(character?.description ?? '');
  const [rows, setRows] = useState<TraitRow[]>(() =>
    (character?.traits ?? []).map((trait) => traitRow(trait)),
  );
  const [aiModelId, setAiModelId] = useState(character?.aiModel?.id ?? initialAiModelId ?? '');
  const references = useReferenceList(
    character?.references ?? [],
    initialCoverId(character?.cover, character?.references ?? []),
  );
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const current = shape({
    name,
    description,
    rows,
    aiModelId,
    assetIds: references.assetIds,
    coverId: references.coverId,
  });
  const [saved, setSaved] = useState(current);

  const choices = useQuery(AiModelChoicesDocument, {
    variables: { first: AI_MODEL_CHOICES },
    fetchPolicy: 'cache-and-network',
  });
  const [createCharacter] = useMutation(CreateCharacterDocument);
  const [updateCharacter] = useMutation(UpdateCharacterDocument);

  const models = choices.data?.aiModels.edges.map((edge) => edge.node) ?? [];
  const own = character?.aiModel;
  if (own && !models.some((model) => model.id === own.id)) models.push(own);
  const preselected = !character && initialAiModelId;
  const modelOptions = [
    { value: '', label: 'None' },
    ...models.map((model) => ({ value: model.id, label: model.name })),
    // A model asked for in the address that has not arrived yet (or is not mine).
    ...(preselected && !models.some((model) => model.id === initialAiModelId) && choices.loading
      ? [{ value: initialAiModelId, label: 'Loading…' }]
      : []),
  ];

  function clear(field: Field) {
    setErrors((before) => {
      if (before.fields[field] === undefined) return before;
      const fields = { ...before.fields };
      delete fields[field];
      return { ...before, fields };
    });
  }

  function changeRows(next: TraitRow[]) {
    setRows(next);
    // A row's message goes once that row is edited; messages of removed rows go with them.
    setErrors((before) => {
      const kept: Record<string, RowErrors> = {};
      for (const row of next) {
        const old = rows.find((entry) => entry.key === row.key);
        const edited = old && (old.name !== row.name || old.value !== row.value);
        if (before.rows[row.key] && !edited) kept[row.key] = before.rows[row.key]!;
      }
      const fields = { ...before.fields };
      delete fields.traits;
      return { ...before, rows: kept, fields };
    });
  }

  /** Problems found before sending: a missing name, trait rows that can't be right. */
  function localErrors(): Errors | null {
    const found: Errors = { fields: {}, rows: {}, form: null };
    if (!name.trim()) found.fields.name = 'Give the character a name.';
    const seen = new Set<string>();
    for (const row of rows) {
      const problems = traitRowProblems(row, seen);
      if (problems) found.rows[row.key] = problems;
      if (row.name.trim()) seen.add(row.name.trim());
    }
    const any = Object.keys(found.fields).length + Object.keys(found.rows).length > 0;
    return any ? { ...found, form: 'Check the highlighted fields.' } : null;
  }

  async function submit() {
    const local = localErrors();
    if (local) {
      setErrors(local);
      return;
    }
    const sentRows = rows.filter((row) => row.name.trim() || row.value.trim());
    const fields = {
      name: name.trim(),
      description: description.trim(),
      traits: traitsToSend(sentRows),
      aiModelId: aiModelId || null,
      referenceAssetIds: references.assetIds,
      coverAssetId: references.coverId,
    };
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      if (character) {
        await updateCharacter({ variables: { input: { id: character.id, ...fields } } });
        setSaved(current);
        toast.show({ tone: 'success', message: `${fields.name} is saved.` });
      } else {
        const result = await createCharacter({ variables: { input: fields } });
        const created = result.data?.createCharacter;
        if (!created) throw new Error('The server did not create the character. Try again.');
        setSaved(current);
        toast.show({ tone: 'success', message: `${created.name} is in your characters.` });
        await navigate(`/library/characters/${created.id}`, { replace: true });
      }
    } catch (failure) {
      const sorted = personaErrors(failure, FIELDS, 'character');
      const byKey: Record<string, RowErrors> = {};
      for (const [index, messages] of Object.entries(sorted.rows)) {
        const row = sentRows[Number(index)];
        if (row) byKey[row.key] = messages;
      }
      setErrors({ fields: sorted.fields, rows: byKey, form: sorted.form });
    } finally {
      setSaving(false);
    }
  }

  return (
    <PersonaForm
      label={character ? `Edit ${character.name}` : 'New character'}
      onSubmit={submit}
      saving={saving}
      formError={errors.form}
      dirty={current !== saved}
      submitLabel={character ? 'Save changes' : 'Create character'}
      cancelTo={character ? undefined : '/library/characters'}
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
        hint="How they look and who they are. Generations with this character include it in the prompt."
        rows={4}
        value={description}
        maxLength={4000}
        error={errors.fields.description}
        onChange={(event) => {
          setDescription(event.currentTarget.value);
          clear('description');
        }}
      />
      <TraitsEditor
        rows={rows}
        onChange={changeRows}
        errors={errors.rows}
        error={errors.fields.traits}
      />
      <Select
        label="AI model"
        hint={
          models.length === 0 && !choices.loading ? (
            <>
              It belongs to no AI model yet.{' '}
              <Link to="/library/models/new">Create an AI model</Link> to give several characters
              one look and style.
            </>
          ) : (
            'The persona whose look and style it starts from. Optional.'
          )
        }
        options={modelOptions}
        value={aiModelId}
        error={errors.fields.aiModelId}
        onValueChange={(value) => {
          setAiModelId(value);
          clear('aiModelId');
        }}
      />
      <ReferenceImagesEditor
        references={references}
        subject="this character"
        error={errors.fields.referenceAssetIds}
        onChange={() => clear('referenceAssetIds')}
      />
    </PersonaForm>
  );
}
