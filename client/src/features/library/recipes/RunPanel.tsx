import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import {
  GenerationDocument,
  PersonaOptionsDocument,
  StartGenerationDocument,
} from '../../../gql/graphql';
import type { RecipeVersionFieldsFragment } from '../../../gql/graphql';
import {
  Alert,
  Button,
  ErrorState,
  LoadingState,
  Select,
  SparkIcon,
  TextField,
  buttonClass,
} from '../../../ui';
import { errorMessage, readApiError } from '../../account/api-errors';
import { CostEstimate } from '../../generate/CostEstimate';
import { findModel, sizeFor } from '../../generate/form-state';
import type { Provider } from '../../generate/form-state';
import { LiveGeneration } from '../../generate/LiveGeneration';
import { PreviewOutput } from '../templates/PreviewOutput';
import { declaredInputs, givenValues } from '../templates/template-form';
import { useTemplatePreview } from '../templates/use-template-preview';
import { VariableInputs, labelsOf } from '../templates/VariableInputs';
import { PersonaPickers } from './PersonaPickers';
import {
  NO_RUN_PROBLEMS,
  estimateRequest,
  initialRunValues,
  recipeCount,
  runProblems,
  runRequest,
} from './run-state';
import type { RunField, RunProblems, RunValues } from './run-state';

/** The largest seed the server takes. */
const MAX_SEED = 2_147_483_647;

/** A fresh idempotency key: one per generation the person means to start. */
function newKey(): string {
  return crypto.randomUUID();
}

function range(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, index) => min + index);
}

/** The generation started last from the panel, followed live to its results. */
function RunResult({ id }: { id: string }) {
  const query = useQuery(GenerationDocument, {
    variables: { id },
    notifyOnNetworkStatusChange: true,
  });
  const generation = query.data?.generation;
  if (!generation) {
    return query.error ? (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t show this generation"
        message={errorMessage(readApiError(query.error))}
        onRetry={() => void query.refetch()}
        retrying={query.loading}
      />
    ) : (
      <LoadingState compact label="Loading the generation…" />
    );
  }
  return (
    <section className="run-result" aria-label="This run">
      <LiveGeneration generation={generation} onFinished={() => void query.refetch()} />
      <div className="cluster">
        <Link className={buttonClass('secondary', 'sm')} to={`/history/${generation.id}`}>
          Generation details
        </Link>
        <Link className={buttonClass('ghost', 'sm')} to="/history">
          All generations
        </Link>
      </div>
    </section>
  );
}

export interface RunPanelProps {
  recipeId: string;
  version: RecipeVersionFieldsFragment;
  /** Whether this is the recipe's latest version. */
  latest: boolean;
  providers: Provider[];
  /** Scrolls to the panel and focuses it (`?run=1`). */
  focus?: boolean;
}

/**
 * "Generate from this recipe": only what a run may change — the template's variables
 * (prefilled with the recipe's values), the characters and AI model, and the count, seed and
 * aspect ratio — the live cost, and Generate, which starts the version with just the
 * differences; then the run's progress and results, live.
 *
 * Every start has an idempotency key of its own, kept while the request stays the same: pressing
 * Generate twice, or again after a lost answer, gives the same generation instead of a second.
 */
export function RunPanel({ recipeId, version, latest, providers, focus = false }: RunPanelProps) {
  const found = findModel(providers, version.provider, version.model);
  const model = found?.model ?? null;
  const [values, setValues] = useState<RunValues>(() => initialRunValues(version, model));
  const [problems, setProblems] = useState<RunProblems>(NO_RUN_PROBLEMS);
  const [current, setCurrent] = useState<string | null>(null);
  const [start, { loading }] = useMutation(StartGenerationDocument);
  const key = useRef<string | null>(null);
  const submitting = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const personas = useQuery(PersonaOptionsDocument, { fetchPolicy: 'cache-and-network' });
  const characters = personas.data?.characters.edges.map((edge) => edge.node) ?? [];
  const aiModels = personas.data?.aiModels.edges.map((edge) => edge.node) ?? [];

  useEffect(() => {
    if (!focus) return;
    const heading = headingRef.current;
    heading?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    heading?.focus({ preventScroll: true });
  }, [focus]);

  const template = version.template;
  const declared = template ? declaredInputs(template.variables) : [];
  const names = declared.map((variable) => variable.name);
  const firstCharacter = characters.find((character) => character.id === values.characterIds[0]);
  const preview = useTemplatePreview({
    body: template?.body ?? '',
    variables: declared,
    values: givenValues(names, values.variables),
    characterId: values.characterIds[0] ?? null,
    aiModelId: values.aiModelId || firstCharacter?.aiModel?.id || null,
  });
  const live = Object.fromEntries(
    (preview.rendered?.fieldErrors ?? []).map((problem) => [problem.field, problem.message]),
  );

  function change(patch: Partial<RunValues>, field: RunField) {
    setValues((current) => ({ ...current, ...patch }));
    setProblems((current) => {
      if (current.fields[field] === undefined && !current.form) return current;
      const fields = { ...current.fields };
      delete fields[field];
      return { ...current, fields, form: null };
    });
    key.current = null;
  }

  const request = runRequest(recipeId, version, model, values);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading || submitting.current || !model) return;
    setProblems(NO_RUN_PROBLEMS);
    key.current ??= newKey();
    submitting.current = true;
    try {
      const result = await start({
        variables: { input: { ...request, idempotencyKey: key.current } },
      });
      const generation = result.data?.startGeneration;
      if (!generation) return;
      key.current = null;
      setCurrent(generation.id);
    } catch (failure) {
      setProblems(runProblems(failure));
    } finally {
      submitting.current = false;
    }
  }

  const caps = model?.capabilities;
  const savedSize =
    version.settings.width !== null && version.settings.height !== null
      ? `${version.settings.width} × ${version.settings.height}`
      : null;
  const savedRatio = version.settings.aspectRatio ?? caps?.aspectRatios[0] ?? null;
  const ratioSize = caps && values.aspectRatio ? sizeFor(caps, values.aspectRatio) : null;
  const noun = version.kind === 'VIDEO' ? 'clips' : 'images';
  const variableErrors: Record<string, string> = {};
  for (const name of names) {
    const message = problems.fields[`variables.${name}`] ?? live[`variables.${name}`];
    if (message) variableErrors[name] = message;
  }

  return (
    <section className="card run-panel" aria-labelledby={headingId} id="run">
      <header className="card__header">
        <div className="card__titles">
          <h2 id={headingId} ref={headingRef} tabIndex={-1}>
            Generate from this recipe
          </h2>
          <p className="card__description">
            {latest
              ? `Runs version ${version.version} as saved. Change only what should differ this time.`
              : `Runs version ${version.version}, an older one, as it was saved.`}
          </p>
        </div>
      </header>

      {!model || !caps ? (
        <Alert tone="warning" title="This model is not offered any more">
          {version.provider} / {version.model} is not in this server’s catalogue, so this version
          can’t run. Save a new version with another model.
        </Alert>
      ) : (
        <form
          className="run-panel__form"
          noValidate
          aria-label="Run the recipe"
          onSubmit={(event) => void submit(event)}
        >
          {declared.length > 0 && (
            <fieldset className="template-preview__values">
              <legend className="field__label">Variables</legend>
              <VariableInputs
                variables={declared}
                values={values.variables}
                errors={variableErrors}
                onChange={(name, value) =>
                  change({ variables: { ...values.variables, [name]: value } }, `variables.${name}`)
                }
              />
            </fieldset>
          )}

          <PersonaPickers
            characters={characters}
            aiModels={aiModels}
            loaded={Boolean(personas.data)}
            characterIds={values.characterIds}
            aiModelId={values.aiModelId}
            onCharactersChange={(characterIds) => change({ characterIds }, 'characters')}
            onAiModelChange={(aiModelId) => change({ aiModelId }, 'aiModel')}
            errors={{
              characters: problems.fields.characters ?? live.characterIds,
              aiModel: problems.fields.aiModel ?? live.aiModelId,
            }}
            noModelLabel={version.aiModel ? null : 'None'}
            withTemplate={Boolean(template)}
            aiModelHint={
              version.aiModel
                ? 'A run can use another AI model instead of the recipe’s, not none.'
                : undefined
            }
          />

          <fieldset className="run-panel__overrides">
            <legend className="field__label">This run only</legend>
            <div className="model-fields__row">
              {caps.count.max > caps.count.min && (
                <Select
                  label={`Number of ${noun}`}
                  value={String(values.count)}
                  options={range(caps.count.min, caps.count.max).map((count) => ({
                    value: String(count),
                    label:
                      count === recipeCount(version, model) ? `${count} (recipe)` : String(count),
                  }))}
                  onValueChange={(value) => change({ count: Number(value) }, 'count')}
                  error={problems.fields.count}
                />
              )}
              {caps.aspectRatios.length > 1 && (
                <Select
                  label="Aspect ratio"
                  value={values.aspectRatio}
                  options={[
                    {
                      value: '',
                      label: savedSize
                        ? `As saved (${savedSize})`
                        : `As saved (${savedRatio ?? 'model default'})`,
                    },
                    ...caps.aspectRatios.map((ratio) => ({ value: ratio, label: ratio })),
                  ]}
                  hint={ratioSize ? `${ratioSize.width} × ${ratioSize.height} pixels` : undefined}
                  onValueChange={(aspectRatio) => change({ aspectRatio }, 'aspectRatio')}
                  error={problems.fields.aspectRatio}
                />
              )}
              {caps.seed && (
                <TextField
                  label="Seed"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={MAX_SEED}
                  step={1}
                  placeholder={
                    version.settings.seed === null ? 'Random' : String(version.settings.seed)
                  }
                  hint={
                    version.settings.seed === null
                      ? 'Empty for a random one.'
                      : `Empty keeps the recipe’s seed, ${version.settings.seed}.`
                  }
                  value={values.seed}
                  onChange={(event) => change({ seed: event.currentTarget.value }, 'seed')}
                  error={problems.fields.seed}
                />
              )}
            </div>
          </fieldset>

          {template && (
            <div className="run-panel__preview">
              <span className="field__label">Prompt</span>
              <PreviewOutput preview={preview} labels={labelsOf(declared)} />
              <p className="field__hint">
                What the text does not say of the characters and AI model is added after it.
              </p>
            </div>
          )}

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
              <CostEstimate input={estimateRequest(request)} />
              <Button
                type="submit"
                variant="primary"
                loading={loading}
                icon={<SparkIcon size={18} />}
              >
                Generate
              </Button>
            </div>
          </div>
        </form>
      )}

      {current && <RunResult key={current} id={current} />}
    </section>
  );
}
