import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { StartGenerationDocument } from '../../gql/graphql';
import type { GenerationDetailFragment, ReferenceAssetFragment } from '../../gql/graphql';
import { Alert, Button, SparkIcon, TextArea, buttonClass } from '../../ui';
import { CostEstimate } from './CostEstimate';
import { findModel, requestInput, valuesForModel } from './form-state';
import type { FormField, FormValues, Provider } from './form-state';
import { NO_PICKS } from './library-picks';
import type { LibraryPicks } from './library-picks';
import { LibraryPicker } from './LibraryPicker';
import { ModelFields, ParamFields } from './ModelFields';
import { ModelPicker } from './ModelPicker';
import { ReferenceUploads } from './ReferenceUploads';
import { NO_START_PROBLEMS, startProblems } from './start-errors';
import type { StartProblems } from './start-errors';
import { missingVariables } from './template-choice';
import type { TemplateChoice } from './template-choice';
import { TemplatePicker } from './TemplatePicker';
import { useReferenceUploads } from './use-upload';

function withoutField(problems: StartProblems, field: FormField): StartProblems {
  if (problems.fields[field] === undefined) return problems;
  const fields = { ...problems.fields };
  delete fields[field];
  return { ...problems, fields };
}

/** A fresh idempotency key: one per generation the person means to start. */
function newKey(): string {
  return crypto.randomUUID();
}

export interface GenerateFormProps {
  providers: Provider[];
  initialValues: FormValues;
  initialReferences?: readonly ReferenceAssetFragment[];
  /** Characters and AI model chosen from the start (the address, an earlier generation). */
  initialPicks?: LibraryPicks;
  initialTemplate?: TemplateChoice | null;
  onStarted: (generation: GenerationDetailFragment) => void;
}

/**
 * What to generate: provider and model from the catalogue, the prompt (or a template that writes
 * it), characters and an AI model from the library, then only the settings the model takes,
 * reference images, its extra parameters, and the live cost.
 *
 * Every generation is started with an idempotency key of its own. The key is kept while the
 * request is the same, so pressing Generate twice, or again after the answer got lost, gives the
 * same generation instead of a second one; a success or any change to the form makes a new one.
 */
export function GenerateForm({
  providers,
  initialValues,
  initialReferences = [],
  initialPicks = NO_PICKS,
  initialTemplate = null,
  onStarted,
}: GenerateFormProps) {
  const [start, { loading }] = useMutation(StartGenerationDocument);
  const [values, setValues] = useState(initialValues);
  const [picks, setPicks] = useState(initialPicks);
  const [template, setTemplate] = useState(initialTemplate);
  const [problems, setProblems] = useState<StartProblems>(NO_START_PROBLEMS);
  const uploads = useReferenceUploads(initialReferences);
  const key = useRef<string | null>(null);
  const submitting = useRef(false);

  const found =
    findModel(providers, values.providerId, values.modelId) ??
    findModel(providers, initialValues.providerId, initialValues.modelId);
  if (!found) return null;
  const { provider, model } = found;
  const caps = model.capabilities;
  const input = requestInput(model, values, uploads.readyIds, { picks, template });

  function change(patch: Partial<FormValues>, field: FormField) {
    setValues((current) => ({ ...current, ...patch }));
    setProblems((current) => withoutField(current, field));
    key.current = null;
  }

  function changePicks(next: LibraryPicks) {
    setPicks(next);
    setProblems((current) => withoutField(withoutField(current, 'characterIds'), 'aiModelId'));
    key.current = null;
  }

  function changeTemplate(next: TemplateChoice | null, field: FormField) {
    setTemplate(next);
    setProblems((current) => withoutField(withoutField(current, field), 'prompt'));
    key.current = null;
  }

  function chooseModel(providerId: string, modelId?: string) {
    const nextProvider = providers.find((candidate) => candidate.id === providerId);
    const nextModel =
      nextProvider?.models.find((candidate) => candidate.id === modelId) ?? nextProvider?.models[0];
    if (!nextProvider || !nextModel) return;
    setValues((current) => valuesForModel(nextProvider, nextModel, current));
    setProblems(NO_START_PROBLEMS);
    key.current = null;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading || submitting.current) return;
    const local: StartProblems = { fields: {}, form: null, aboutCredits: false };
    if (template) Object.assign(local.fields, missingVariables(template));
    else if (!values.prompt.trim()) local.fields.prompt = 'Describe what to generate.';
    const chosen = uploads.items.filter((item) => item.status !== 'failed').length;
    if (caps.referenceImages > 0 && chosen > caps.referenceImages) {
      local.fields.referenceAssetIds = `${model.name} takes up to ${caps.referenceImages} reference images: remove ${chosen - caps.referenceImages}.`;
    }
    if (caps.referenceImages > 0 && uploads.busy) {
      local.form = 'Wait for the reference images to finish uploading.';
    } else if (caps.referenceImages > 0 && uploads.failed) {
      local.form = 'Some reference images did not upload: try them again, or remove them.';
    }
    if (local.form || Object.keys(local.fields).length > 0) {
      setProblems(local);
      return;
    }

    setProblems(NO_START_PROBLEMS);
    key.current ??= newKey();
    submitting.current = true;
    try {
      const result = await start({
        variables: { input: { ...input, idempotencyKey: key.current } },
      });
      const generation = result.data?.startGeneration;
      if (!generation) return;
      key.current = null;
      onStarted(generation);
    } catch (failure) {
      setProblems(
        startProblems(
          failure,
          caps.params.map((spec) => spec.name),
          template?.template.variables.map((variable) => variable.name) ?? [],
        ),
      );
    } finally {
      submitting.current = false;
    }
  }

  return (
    <form
      className="card generate-form"
      noValidate
      aria-label="Generate"
      onSubmit={(event) => void submit(event)}
    >
      <ModelPicker
        providers={providers}
        provider={provider}
        model={model}
        onChoose={chooseModel}
        errors={{ provider: problems.fields.providerId, model: problems.fields.modelId }}
      />

      <TemplatePicker
        choice={template}
        onChange={changeTemplate}
        picks={picks}
        errors={problems.fields}
      />
      {!template && (
        <TextArea
          label="Prompt"
          required
          rows={4}
          maxLength={4000}
          placeholder={
            model.kind === 'VIDEO'
              ? 'A slow drift through violet waves at dusk'
              : 'A lighthouse on a cliff at sunrise, in warm colours'
          }
          value={values.prompt}
          onChange={(event) => change({ prompt: event.currentTarget.value }, 'prompt')}
          error={problems.fields.prompt}
        />
      )}
      {caps.negativePrompt && (
        <TextArea
          label="Negative prompt"
          rows={2}
          maxLength={2000}
          hint="What to keep out of the result."
          value={values.negativePrompt}
          onChange={(event) =>
            change({ negativePrompt: event.currentTarget.value }, 'negativePrompt')
          }
          error={problems.fields.negativePrompt}
        />
      )}

      <LibraryPicker
        picks={picks}
        onChange={changePicks}
        model={model}
        ownReferenceIds={caps.referenceImages > 0 ? uploads.readyIds : []}
        errors={{
          characterIds: problems.fields.characterIds,
          aiModelId: problems.fields.aiModelId,
        }}
      />

      <ModelFields model={model} values={values} errors={problems.fields} onChange={change} />

      {caps.referenceImages > 0 && (
        <ReferenceUploads
          uploads={uploads}
          limit={caps.referenceImages}
          error={problems.fields.referenceAssetIds}
          onChange={() => {
            setProblems((current) => withoutField(current, 'referenceAssetIds'));
            key.current = null;
          }}
        />
      )}

      <ParamFields model={model} values={values} errors={problems.fields} onChange={change} />

      <div className="generate-form__footer">
        {problems.form && (
          <Alert
            tone="danger"
            actions={
              problems.aboutCredits ? (
                <Link className={buttonClass('secondary', 'sm')} to="/credits">
                  Get credits
                </Link>
              ) : undefined
            }
          >
            {problems.form}
          </Alert>
        )}
        <div className="generate-form__submit">
          <CostEstimate input={input} />
          <Button type="submit" variant="primary" loading={loading} icon={<SparkIcon size={18} />}>
            Generate
          </Button>
        </div>
      </div>
    </form>
  );
}
