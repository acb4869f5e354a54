import type {
  GenerationCatalogQuery,
  GenerationDetailFragment,
  GenerationRequestInput,
} from '../../gql/graphql';
import type { LibraryPicks } from './library-picks';
import { variablesInput } from './template-choice';
import type { TemplateChoice } from './template-choice';

export type Provider = GenerationCatalogQuery['providers'][number];
export type Model = Provider['models'][number];
export type Capabilities = Model['capabilities'];
export type ParamSpec = Capabilities['params'][number];

/** What an extra parameter's control holds: text for inputs and selects, a flag for checkboxes. */
export type ParamValue = string | boolean;

/** Everything the form shows, as its controls hold it (numbers being typed are text). */
export interface FormValues {
  providerId: string;
  modelId: string;
  prompt: string;
  negativePrompt: string;
  count: number;
  aspectRatio: string;
  /** Width and height instead of an aspect ratio (models with a size range only). */
  customSize: boolean;
  width: string;
  height: string;
  durationSeconds: number | null;
  /** Empty for a random seed. */
  seed: string;
  params: Record<string, ParamValue>;
}

/** The form fields a message can sit under; extra parameters are `params.<name>`. */
export type FormField =
  | 'providerId'
  | 'modelId'
  | 'prompt'
  | 'negativePrompt'
  | 'count'
  | 'aspectRatio'
  | 'width'
  | 'height'
  | 'durationSeconds'
  | 'seed'
  | 'referenceAssetIds'
  | 'characterIds'
  | 'aiModelId'
  | 'templateId'
  | `params.${string}`
  | `variables.${string}`;

/** The long side the server draws at when only an aspect ratio is given. */
const DEFAULT_LONG_SIDE = 1024;
/** Models without a size range still get dimensions in multiples of this. */
const DEFAULT_STEP = 8;

/**
 * The pixel size an aspect ratio gives on this model, as the server decides it: the size the
 * model renders for that ratio when it has a fixed one, else its long side 1024 within the
 * model's range, both sides rounded to the step; null for a ratio it cannot read. Shown as a
 * hint, and used to tell a chosen size from a ratio's own.
 */
export function sizeFor(
  capabilities: Pick<Capabilities, 'size'> & { fixedSizes?: Capabilities['fixedSizes'] },
  aspectRatio: string,
): { width: number; height: number } | null {
  const fixed = capabilities.fixedSizes?.find((size) => size.aspectRatio === aspectRatio);
  if (fixed) return { width: fixed.width, height: fixed.height };
  const match = /^([1-9]\d{0,3}):([1-9]\d{0,3})$/.exec(aspectRatio);
  if (!match) return null;
  const a = Number(match[1]);
  const b = Number(match[2]);
  const { min, max, step } = capabilities.size ?? {
    min: 1,
    max: Number.POSITIVE_INFINITY,
    step: DEFAULT_STEP,
  };
  const lowest = Math.ceil(min / step) * step;
  const highest = Math.floor(max / step) * step;
  const fit = (side: number) => Math.min(highest, Math.max(lowest, Math.round(side / step) * step));
  const long = fit(DEFAULT_LONG_SIDE);
  return a >= b
    ? { width: long, height: fit((long * b) / a) }
    : { width: fit((long * a) / b), height: long };
}

/** The control value of a parameter's default (or empty when it has none). */
export function paramDefault(spec: ParamSpec): ParamValue {
  if (spec.type === 'boolean') return spec.default === true;
  if (typeof spec.default === 'number' || typeof spec.default === 'string') {
    return String(spec.default);
  }
  return '';
}

/** A stored value (from a generation or an earlier model) as this parameter's control holds it. */
function paramControlValue(spec: ParamSpec, value: unknown): ParamValue | undefined {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'choice':
      return typeof value === 'string' && (spec.choices ?? []).includes(value) ? value : undefined;
    case 'number':
    case 'integer':
      return typeof value === 'number' || (typeof value === 'string' && value !== '')
        ? String(value)
        : undefined;
    default:
      return typeof value === 'string' ? value : undefined;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The first model of the first provider that is set up, or null when there is none. */
export function firstUsableModel(
  providers: Provider[],
): { provider: Provider; model: Model } | null {
  for (const provider of providers) {
    const model = provider.models[0];
    if (provider.enabled && model) return { provider, model };
  }
  return null;
}

export function findModel(
  providers: Provider[],
  providerId: string,
  modelId: string,
): { provider: Provider; model: Model } | null {
  const provider = providers.find((candidate) => candidate.id === providerId);
  const model = provider?.models.find((candidate) => candidate.id === modelId);
  return provider && model ? { provider, model } : null;
}

/**
 * The form for `model`: its own defaults, keeping from `previous` (the model chosen before) what
 * still fits (the prompt, the count within range, an aspect ratio it offers, parameters of the
 * same name).
 */
export function valuesForModel(
  provider: Provider,
  model: Model,
  previous?: FormValues,
): FormValues {
  const caps = model.capabilities;
  const aspectRatio =
    previous && caps.aspectRatios.includes(previous.aspectRatio)
      ? previous.aspectRatio
      : (caps.aspectRatios[0] ?? '1:1');
  const size = sizeFor(caps, aspectRatio);
  const durations = caps.durations ?? [];
  const params: Record<string, ParamValue> = {};
  for (const spec of caps.params) {
    params[spec.name] = paramControlValue(spec, previous?.params[spec.name]) ?? paramDefault(spec);
  }
  return {
    providerId: provider.id,
    modelId: model.id,
    prompt: previous?.prompt ?? '',
    negativePrompt: caps.negativePrompt ? (previous?.negativePrompt ?? '') : '',
    count: clamp(previous?.count ?? caps.count.min, caps.count.min, caps.count.max),
    aspectRatio,
    customSize: false,
    width: size ? String(size.width) : '',
    height: size ? String(size.height) : '',
    durationSeconds:
      model.kind === 'VIDEO'
        ? previous?.durationSeconds != null && durations.includes(previous.durationSeconds)
          ? previous.durationSeconds
          : (durations[0] ?? null)
        : null,
    seed: caps.seed ? (previous?.seed ?? '') : '',
    params,
  };
}

/**
 * The settings of an earlier generation, for "Use these settings again": the same model, prompt,
 * size (as its aspect ratio when that is what gave it, else as a custom size), length, seed and
 * parameters. Null when its model is no longer offered here. The prompt is the one written (or
 * the template's text), without the character and AI model descriptions the server added to it:
 * those come back with the characters and model.
 */
export function valuesFromGeneration(
  providers: Provider[],
  generation: GenerationDetailFragment,
): FormValues | null {
  const found = findModel(providers, generation.provider, generation.model);
  if (!found) return null;
  const { provider, model } = found;
  const caps = model.capabilities;
  const base = valuesForModel(provider, model);
  const offered = caps.aspectRatios.includes(generation.aspectRatio);
  const ratioSize = offered ? sizeFor(caps, generation.aspectRatio) : null;
  const custom =
    Boolean(caps.size) &&
    (!ratioSize || ratioSize.width !== generation.width || ratioSize.height !== generation.height);
  const params: Record<string, ParamValue> = {};
  for (const spec of caps.params) {
    params[spec.name] = paramControlValue(spec, generation.params[spec.name]) ?? paramDefault(spec);
  }
  const durations = caps.durations ?? [];
  return {
    ...base,
    prompt: generation.provenance?.basePrompt ?? generation.prompt,
    negativePrompt: caps.negativePrompt ? (generation.negativePrompt ?? '') : '',
    count: clamp(generation.count, caps.count.min, caps.count.max),
    aspectRatio: offered ? generation.aspectRatio : base.aspectRatio,
    customSize: custom,
    width: custom ? String(generation.width) : base.width,
    height: custom ? String(generation.height) : base.height,
    durationSeconds:
      generation.durationSeconds != null && durations.includes(generation.durationSeconds)
        ? generation.durationSeconds
        : base.durationSeconds,
    seed: caps.seed ? String(generation.seed) : '',
    params,
  };
}

/** A number typed into a control, or null when the control is empty or holds no number. */
function typedNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The extra parameters to send: typed from their controls, empty ones left to the model. */
export function paramsInput(
  specs: ParamSpec[],
  values: Record<string, ParamValue>,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = values[spec.name];
    if (value === undefined) continue;
    if (spec.type === 'boolean') {
      params[spec.name] = value === true;
    } else if (typeof value === 'string' && value !== '') {
      if (spec.type === 'number' || spec.type === 'integer') {
        const number = typedNumber(value);
        if (number !== null) params[spec.name] = number;
      } else {
        params[spec.name] = value;
      }
    }
  }
  return params;
}

/** What the form takes from the library: characters, an AI model and a template. */
export interface LibraryInput {
  picks?: LibraryPicks;
  template?: TemplateChoice | null;
}

/**
 * The request for the server: only what the model takes (a size only with "custom size", a
 * length only for video, a negative prompt and seed only where supported), the characters and AI
 * model chosen, and a template with its variables instead of the prompt.
 */
export function requestInput(
  model: Model,
  values: FormValues,
  referenceAssetIds: string[],
  library: LibraryInput = {},
): GenerationRequestInput {
  const caps = model.capabilities;
  const input: GenerationRequestInput = {
    kind: model.kind,
    provider: values.providerId,
    model: model.id,
    prompt: values.prompt.trim(),
    count: values.count,
  };
  const { picks, template } = library;
  if (template) {
    delete input.prompt;
    input.templateId = template.template.id;
    const variables = variablesInput(template);
    if (Object.keys(variables).length > 0) input.variables = variables;
  }
  if (picks && picks.characters.length > 0) {
    input.characterIds = picks.characters.map((character) => character.id);
  }
  if (picks?.aiModel) input.aiModelId = picks.aiModel.id;
  if (caps.size && values.customSize) {
    input.width = typedNumber(values.width);
    input.height = typedNumber(values.height);
  } else {
    input.aspectRatio = values.aspectRatio;
  }
  if (model.kind === 'VIDEO' && values.durationSeconds !== null) {
    input.durationSeconds = values.durationSeconds;
  }
  const negativePrompt = values.negativePrompt.trim();
  if (caps.negativePrompt && negativePrompt) input.negativePrompt = negativePrompt;
  const seed = typedNumber(values.seed);
  if (caps.seed && seed !== null) input.seed = seed;
  if (caps.referenceImages > 0 && referenceAssetIds.length > 0) {
    input.referenceAssetIds = referenceAssetIds;
  }
  const params = paramsInput(caps.params, values.params);
  if (Object.keys(params).length > 0) input.params = params;
  return input;
}

/** "1 credit per image", "1 credit per second of video". */
export function priceText(model: Model): string {
  const unit = model.price.credits === 1 ? 'credit' : 'credits';
  if (model.price.per === 'second') return `${model.price.credits} ${unit} per second of video`;
  return `${model.price.credits} ${unit} per ${model.kind === 'VIDEO' ? 'clip' : 'image'}`;
}
