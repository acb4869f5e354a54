import { useLayoutEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useBlocker } from 'react-router';
import {
  CreatePromptTemplateDocument,
  DeletePromptTemplateDocument,
  PersonaOptionsDocument,
  UpdatePromptTemplateDocument,
} from '../../../gql/graphql';
import type { PromptTemplateFieldsFragment } from '../../../gql/graphql';
import {
  Alert,
  Button,
  Card,
  ConfirmDialog,
  Select,
  TextArea,
  TextField,
  useToast,
} from '../../../ui';
import { errorMessage, readApiError } from '../../account/api-errors';
import { PlaceholderHint } from './PlaceholderHint';
import { PreviewOutput } from './PreviewOutput';
import {
  MAX_BODY_LENGTH,
  givenValues,
  insertAt,
  isTemplateField,
  namedRows,
  offsetOf,
  previewVariables,
  problemsByField,
  rowFromVariable,
  saveErrors,
  undeclaredPlaceholders,
  variableInput,
} from './template-form';
import type { TemplateFormValues } from './template-form';
import { useTemplatePreview } from './use-template-preview';
import { VariableInputs } from './VariableInputs';
import { VariablesEditor } from './VariablesEditor';

/** Trait names offered in the placeholder hint when no preview character is chosen. */
const MAX_HINT_TRAITS = 12;

function initialValues(template: PromptTemplateFieldsFragment | null): TemplateFormValues {
  return {
    name: template?.name ?? '',
    body: template?.body ?? '',
    variables: template?.variables.map(rowFromVariable) ?? [],
  };
}

/** What a save sends, to tell whether anything changed since. */
function savedShape(values: TemplateFormValues): string {
  return JSON.stringify({
    name: values.name.trim(),
    body: values.body,
    variables: values.variables.map(variableInput),
  });
}

export interface TemplateEditorProps {
  /** The saved template; null for a new one. */
  template: PromptTemplateFieldsFragment | null;
  onSaved: (template: PromptTemplateFieldsFragment, created: boolean) => void;
  onDeleted: () => void;
}

/**
 * Writing a template: its name, its text with placeholders (press one in the hint to insert it),
 * the variables it declares; and beside it a live preview, rendered by the server as a run
 * would, with a character, an AI model and sample values to try it with, and every problem.
 */
export function TemplateEditor({ template, onSaved, onDeleted }: TemplateEditorProps) {
  const toast = useToast();
  const [values, setValues] = useState(() => initialValues(template));
  const [saved, setSaved] = useState(() => savedShape(initialValues(template)));
  const [errors, setErrors] = useState<{ fields: Record<string, string>; form: string | null }>({
    fields: {},
    form: null,
  });
  const [samples, setSamples] = useState<Record<string, string>>({});
  const [characterId, setCharacterId] = useState('');
  const [aiModelId, setAiModelId] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<[number, number] | null>(null);
  const leaving = useRef(false);

  const [create, creating] = useMutation(CreatePromptTemplateDocument);
  const [update, updating] = useMutation(UpdatePromptTemplateDocument);
  const [remove] = useMutation(DeletePromptTemplateDocument);
  const personas = useQuery(PersonaOptionsDocument, { fetchPolicy: 'cache-and-network' });
  const characters = personas.data?.characters.edges.map((edge) => edge.node) ?? [];
  const aiModels = personas.data?.aiModels.edges.map((edge) => edge.node) ?? [];
  const character = characters.find((candidate) => candidate.id === characterId) ?? null;
  // A run without an AI model uses the first character's: the preview does the same.
  const characterModel = character?.aiModel
    ? (aiModels.find((model) => model.id === character.aiModel?.id) ?? null)
    : null;
  const effectiveModelId = aiModelId || characterModel?.id || null;

  const declared = previewVariables(values.variables);
  // A name declared twice is a problem the preview reports; its value is asked for once.
  const unique = declared.filter(
    (variable, index) => declared.findIndex((other) => other.name === variable.name) === index,
  );
  const names = unique.map((variable) => variable.name);
  const preview = useTemplatePreview({
    body: values.body,
    variables: declared,
    values: givenValues(names, samples),
    characterId: characterId || null,
    aiModelId: effectiveModelId,
  });
  const named = namedRows(values.variables);
  const live = problemsByField(preview.rendered?.fieldErrors ?? preview.refused, (index) =>
    values.variables.indexOf(named[index]!),
  );
  const valueErrors: Record<string, string> = {};
  for (const name of names) {
    const message = live[`variables.${name}`];
    if (message) valueErrors[name] = message;
  }
  const traits = character
    ? character.traits.map((trait) => trait.name)
    : [...new Set(characters.flatMap((entry) => entry.traits.map((trait) => trait.name)))].slice(
        0,
        MAX_HINT_TRAITS,
      );

  const dirty = savedShape(values) !== saved;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );

  // The caret goes where an inserted placeholder ends, or onto a problem's position.
  useLayoutEffect(() => {
    const selection = pendingSelection.current;
    const body = bodyRef.current;
    if (!selection || !body) return;
    pendingSelection.current = null;
    body.focus();
    body.setSelectionRange(selection[0], selection[1]);
  });

  function change(patch: Partial<TemplateFormValues>, ...fields: string[]) {
    setValues((current) => ({ ...current, ...patch }));
    if (fields.length > 0) {
      setErrors((current) => {
        const next = { ...current.fields };
        for (const field of fields) delete next[field];
        return { ...current, fields: next };
      });
    }
  }

  function insert(placeholder: string) {
    const body = bodyRef.current;
    const start = body?.selectionStart ?? values.body.length;
    const end = body?.selectionEnd ?? values.body.length;
    const next = insertAt(values.body, placeholder, start, end);
    pendingSelection.current = [next.caret, next.caret];
    change({ body: next.text }, 'body');
  }

  function showPosition(line: number, column: number) {
    const offset = offsetOf(values.body, line, column);
    const body = bodyRef.current;
    if (!body) return;
    body.focus();
    body.setSelectionRange(offset, Math.min(values.body.length, offset + 2));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (creating.loading || updating.loading) return;
    const local: Record<string, string> = {};
    if (!values.name.trim()) local.name = 'Give the template a name.';
    if (!values.body.trim()) local.body = 'Write the text of the template.';
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, form: null });
      return;
    }
    setErrors({ fields: {}, form: null });
    const fields = {
      name: values.name.trim(),
      body: values.body,
      variables: values.variables.map(variableInput),
    };
    try {
      if (template) {
        const result = await update({ variables: { input: { id: template.id, ...fields } } });
        const updated = result.data?.updatePromptTemplate;
        if (!updated) return;
        setSaved(savedShape(values));
        onSaved(updated, false);
      } else {
        const result = await create({ variables: { input: fields } });
        const created = result.data?.createPromptTemplate;
        if (!created) return;
        setSaved(savedShape(values));
        leaving.current = true;
        onSaved(created, true);
      }
    } catch (failure) {
      setErrors(saveErrors(failure, isTemplateField));
    }
  }

  async function confirmDeletion() {
    if (!template) return;
    try {
      await remove({
        variables: { id: template.id },
        update(cache) {
          cache.evict({ id: cache.identify({ __typename: 'PromptTemplate', id: template.id }) });
          cache.gc();
        },
      });
    } catch (failure) {
      const api = readApiError(failure);
      if (api.code !== 'NOT_FOUND') throw new Error(errorMessage(api), { cause: failure });
    }
    setConfirmDelete(false);
    leaving.current = true;
    toast.show({ tone: 'success', message: `Deleted the template “${template.name}”.` });
    onDeleted();
  }

  const saving = creating.loading || updating.loading;
  return (
    <div className="template-editor">
      <form
        className="card template-form"
        noValidate
        aria-label="Template"
        onSubmit={(event) => void submit(event)}
      >
        <TextField
          label="Name"
          required
          maxLength={100}
          placeholder="Portrait in a place"
          value={values.name}
          onChange={(event) => change({ name: event.currentTarget.value }, 'name')}
          error={errors.fields.name}
        />
        <TextArea
          ref={bodyRef}
          label="Text"
          required
          rows={7}
          maxLength={MAX_BODY_LENGTH}
          spellCheck
          className="template-form__body"
          placeholder="A portrait of {{character.name}} in {{place}}, {{style}} style"
          hint={`${values.body.length.toLocaleString()} of ${MAX_BODY_LENGTH.toLocaleString()} characters.`}
          value={values.body}
          onChange={(event) => change({ body: event.currentTarget.value }, 'body')}
          error={errors.fields.body}
        />
        <PlaceholderHint variables={names} traits={traits} onInsert={insert} />
        <VariablesEditor
          rows={values.variables}
          onChange={(variables) => {
            setValues((current) => ({ ...current, variables }));
            setErrors((current) => ({
              ...current,
              fields: Object.fromEntries(
                Object.entries(current.fields).filter(([field]) => !field.startsWith('variables')),
              ),
            }));
          }}
          errors={{ ...live, ...errors.fields }}
          undeclared={undeclaredPlaceholders(values.body, values.variables)}
        />
        <div className="template-form__footer">
          {errors.form && <Alert tone="danger">{errors.form}</Alert>}
          <div className="cluster">
            <Button type="submit" variant="primary" loading={saving}>
              {template ? 'Save changes' : 'Save template'}
            </Button>
            {template && (
              <Button variant="danger" onClick={() => setConfirmDelete(true)}>
                Delete
              </Button>
            )}
            <span className="muted template-form__state" role="status">
              {dirty ? 'Unsaved changes' : template ? 'All changes saved' : ''}
            </span>
          </div>
        </div>
      </form>

      <aside className="template-editor__aside" aria-label="Preview">
        <Card
          title="Preview"
          description="The prompt this template makes, filled in by the server as a run would. Try it with a character, an AI model and sample values; nothing here is saved."
          className="template-preview"
        >
          <div className="template-preview__pickers">
            <Select
              label="Character"
              value={characterId}
              options={[
                { value: '', label: 'No character' },
                ...characters.map((entry) => ({ value: entry.id, label: entry.name })),
              ]}
              hint={
                personas.data && characters.length === 0 ? 'You have no characters yet.' : undefined
              }
              onValueChange={setCharacterId}
              error={live.characterIds}
            />
            <Select
              label="AI model"
              value={aiModelId}
              options={[
                {
                  value: '',
                  label: characterModel
                    ? `The character’s (${characterModel.name})`
                    : 'No AI model',
                },
                ...aiModels.map((entry) => ({ value: entry.id, label: entry.name })),
              ]}
              hint={
                personas.data && aiModels.length === 0 ? 'You have no AI models yet.' : undefined
              }
              onValueChange={setAiModelId}
              error={live.aiModelId}
            />
          </div>
          {unique.length > 0 && (
            <fieldset className="template-preview__values">
              <legend className="field__label">Sample values</legend>
              <VariableInputs
                variables={unique}
                values={samples}
                errors={valueErrors}
                onChange={(name, value) => setSamples((current) => ({ ...current, [name]: value }))}
              />
            </fieldset>
          )}
          <PreviewOutput preview={preview} rows={named} onShowPosition={showPosition} />
        </Card>
      </aside>

      {template && (
        <ConfirmDialog
          open={confirmDelete}
          title={`Delete “${template.name}”?`}
          description="Recipes and generations made with it keep the text they used. This can’t be undone."
          confirmLabel="Delete template"
          onConfirm={confirmDeletion}
          onCancel={() => setConfirmDelete(false)}
        />
      )}
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Leave without saving?"
        description="Your changes to this template are not saved yet."
        confirmLabel="Leave without saving"
        cancelLabel="Keep editing"
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      />
    </div>
  );
}
