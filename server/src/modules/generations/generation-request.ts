import { randomInt } from 'node:crypto';
import { resolveSize } from '../providers/dimensions';
import { validateParams, type FieldError } from '../providers/params';
import type { GenerationProvider, ProviderModel } from '../providers/provider';
import { invalidRequest } from './generation.errors';
import type { GenerationFields } from './generation-composer';
import { MAX_PROMPT_LENGTH, MAX_SEED } from './generation.inputs';
import type { ProviderRegistry } from './provider-registry';

/** A request checked against its model, with every default resolved and its price. */
export interface PreparedGeneration {
  provider: GenerationProvider;
  model: ProviderModel;
  prompt: string;
  negativePrompt: string | null;
  count: number;
  width: number;
  height: number;
  aspectRatio: string;
  durationSeconds: number | null;
  seed: number;
  referenceAssetIds: string[];
  params: Record<string, unknown>;
  costCredits: number;
}

/** Credits for a request: per output, or per started second of video per output. */
export function priceOf(model: ProviderModel, count: number, durationSeconds: number | null) {
  const seconds = model.price.per === 'second' ? Math.ceil(durationSeconds ?? 0) : 1;
  return model.price.credits * seconds * count;
}

/**
 * Checks everything a request asks for against what its model supports, before anything is
 * charged; every problem (with the `earlier` ones of composing it) is reported at once, per field.
 */
export function prepareGeneration(
  registry: ProviderRegistry,
  input: GenerationFields,
  earlier: FieldError[] = [],
): PreparedGeneration {
  const provider = registry.usable(input.provider);
  const model = registry.model(provider, input.model);
  const caps = model.capabilities;
  const errors: FieldError[] = [...earlier];

  const prompt = input.prompt.trim();
  const promptSaid = earlier.some((error) => error.field === 'prompt');
  if (!promptSaid && (prompt.length === 0 || prompt.length > MAX_PROMPT_LENGTH)) {
    errors.push({
      field: 'prompt',
      message: 'Describe what to generate in 1 to 4,000 characters.',
    });
  }
  if (input.kind !== model.kind) {
    errors.push({ field: 'kind', message: `${model.name} makes ${model.kind.toLowerCase()}s.` });
  }
  const count = input.count ?? caps.count.min;
  if (count < caps.count.min || count > caps.count.max) {
    errors.push({
      field: 'count',
      message: `${model.name} makes ${caps.count.min} to ${caps.count.max} at a time.`,
    });
  }
  const size = resolveSize(caps, {
    aspectRatio: input.aspectRatio ?? undefined,
    width: input.width ?? undefined,
    height: input.height ?? undefined,
  });
  errors.push(...size.errors);

  let durationSeconds: number | null = null;
  if (model.kind === 'VIDEO') {
    const offered = caps.durations ?? [];
    durationSeconds = input.durationSeconds ?? offered[0] ?? null;
    if (durationSeconds === null || !offered.includes(durationSeconds)) {
      errors.push({
        field: 'durationSeconds',
        message: `Choose a length of ${offered.join(', ')} seconds.`,
      });
    }
  } else if (input.durationSeconds != null) {
    errors.push({ field: 'durationSeconds', message: 'Only videos have a length.' });
  }

  const negativePrompt = input.negativePrompt?.trim() || null;
  if (negativePrompt && !caps.negativePrompt) {
    errors.push({ field: 'negativePrompt', message: `${model.name} takes no negative prompt.` });
  }
  if (input.seed != null && !caps.seed) {
    errors.push({ field: 'seed', message: `${model.name} does not take a seed.` });
  }
  const referenceAssetIds = [...new Set(input.referenceAssetIds ?? [])];
  if (referenceAssetIds.length > caps.referenceImages) {
    errors.push({
      field: 'referenceAssetIds',
      message:
        caps.referenceImages === 0
          ? `${model.name} takes no reference images.`
          : `${model.name} takes up to ${caps.referenceImages} reference image${caps.referenceImages === 1 ? '' : 's'}.`,
    });
  }
  const params = validateParams(model, input.params ?? {});
  errors.push(...params.errors);

  if (errors.length > 0 || !size.value) throw invalidRequest(errors);
  return {
    provider,
    model,
    prompt,
    negativePrompt,
    count,
    ...size.value,
    durationSeconds,
    seed: input.seed ?? randomInt(0, MAX_SEED),
    referenceAssetIds,
    params: params.value,
    costCredits: priceOf(model, count, durationSeconds),
  };
}
