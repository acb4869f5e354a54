import { resolveSize } from '../dimensions';
import { validateParams, type FieldError } from '../params';
import {
  ProviderError,
  type GenerationRequest,
  type ProviderModel,
  type ReferenceImage,
} from '../provider';
import type { Style } from './drawing';
import type { Simulation } from './local-models';
import { averageColour, averageOf, type Rgb } from './palette';

/** What a local run draws, from a request checked against the catalogue. */
export interface Job {
  model: ProviderModel;
  words: string[];
  style: Style;
  steps: number;
  seconds: number;
  simulate: Simulation | undefined;
}

/** Checks the request against the catalogue (the pipeline should have already). */
export function prepare(catalogue: ProviderModel[], request: GenerationRequest): Job {
  const model = catalogue.find((candidate) => candidate.id === request.model.id);
  if (!model || model.kind !== request.kind) {
    throw invalid([
      {
        field: 'model',
        message: `The built-in generator has no ${request.kind} model "${request.model.id}"`,
      },
    ]);
  }
  const { capabilities } = model;
  const params = validateParams(model, request.params);
  const errors = [...params.errors, ...resolveSize(capabilities, request).errors];
  const { min, max } = capabilities.count;
  if (!Number.isInteger(request.count) || request.count < min || request.count > max) {
    errors.push({
      field: 'count',
      message: `count must be from ${min} to ${max} (got ${request.count})`,
    });
  }
  if (request.references.length > capabilities.referenceImages) {
    const message = `This model takes at most ${capabilities.referenceImages} reference images`;
    errors.push({ field: 'references', message });
  }
  const durations = capabilities.durations ?? [];
  const seconds = request.durationSeconds ?? durations[0] ?? 0;
  if (model.kind === 'VIDEO' && !durations.includes(seconds)) {
    errors.push({
      field: 'durationSeconds',
      message: `durationSeconds must be one of ${durations.join(', ')}`,
    });
  }
  if (!Number.isFinite(request.seed)) {
    errors.push({ field: 'seed', message: 'seed must be a number' });
  }
  if (errors.length) throw invalid(errors);
  // The negative prompt's words are left out of the words that seed the picture.
  const excluded = new Set(
    capabilities.negativePrompt ? wordsOf(request.negativePrompt ?? '') : [],
  );
  return {
    model,
    words: wordsOf(request.prompt).filter((word) => !excluded.has(word)),
    style: params.value.style as Style,
    steps: params.value.steps as number,
    seconds,
    simulate: params.value.simulate as Simulation | undefined,
  };
}

/** Lower-case words, so case and punctuation do not change the picture. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The references' average colour, or null without references. */
export async function referenceTint(references: ReferenceImage[]): Promise<Rgb | null> {
  if (!references.length) return null;
  const colours: Rgb[] = [];
  for (const [i, reference] of references.entries()) {
    const bytes = await reference.bytes().catch(() => {
      const message = `Reference image ${i + 1} could not be fetched.`;
      throw new ProviderError('RETRYABLE', 'REFERENCE_UNAVAILABLE', message);
    });
    colours.push(
      await averageColour(bytes).catch(() => {
        const message = `Reference image ${i + 1} is not an image the built-in generator can read.`;
        throw new ProviderError('PERMANENT', 'INVALID_INPUT', message);
      }),
    );
  }
  return averageOf(colours);
}

function invalid(errors: FieldError[]): ProviderError {
  return new ProviderError('PERMANENT', 'INVALID_INPUT', errors.map((e) => e.message).join('; '));
}
