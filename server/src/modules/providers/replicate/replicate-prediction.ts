import {
  ProviderError,
  type GenerationRequest,
  type ProgressUpdate,
  type ProviderOutput,
} from '../provider';
import type { ReplicateModel } from './replicate-models';

/** A prediction as Replicate returns it (the fields this adapter reads). */
export interface Prediction {
  id: string;
  status: 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled' | string;
  version?: string;
  logs?: string | null;
  output?: unknown;
  error?: unknown;
}

/** Params of ours that shape other inputs instead of being sent as they are. */
const LOCAL_PARAMS = new Set(['match_input_image']);

/** The `input` object of a prediction, with the field names the model documents. */
export function buildInput(model: ReplicateModel, request: GenerationRequest) {
  const input: Record<string, unknown> = { prompt: request.prompt };
  const reference = request.references[0];
  if (model.input.aspectRatio) {
    const matchInput = request.params.match_input_image === true && reference !== undefined;
    input.aspect_ratio = matchInput ? 'match_input_image' : request.aspectRatio;
  }
  if (model.input.numOutputs) input.num_outputs = request.count;
  if (model.input.seed) input.seed = request.seed;
  if (model.input.referenceField && reference) input[model.input.referenceField] = reference.url;
  for (const [name, value] of Object.entries(request.params)) {
    if (!LOCAL_PARAMS.has(name) && value !== undefined) input[name] = value;
  }
  return input;
}

/** The last non-empty line of the logs (tqdm redraws with \r, so that splits lines too). */
export function lastLogLine(logs: string | null | undefined): string | undefined {
  const lines = (logs ?? '')
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.at(-1);
}

/** How far the logs say the model is: a tqdm "45%|" or "step 12/28", the latest one; else none. */
export function progressFromLogs(logs: string | null | undefined): number | undefined {
  const text = logs ?? '';
  let found: number | undefined;
  let latest = -1;
  for (const match of text.matchAll(/(\d{1,3})%\|/g)) {
    if (match.index > latest) [latest, found] = [match.index, Number(match[1]) / 100];
  }
  for (const match of text.matchAll(/step\s+(\d+)\s*(?:\/|of)\s*(\d+)/gi)) {
    const total = Number(match[2]);
    if (total > 0 && match.index > latest) {
      [latest, found] = [match.index, Number(match[1]) / total];
    }
  }
  return found === undefined ? undefined : Math.min(1, Math.max(0, found));
}

/** What to report for a prediction still running. */
export function progressOf(prediction: Prediction): ProgressUpdate {
  if (prediction.status === 'starting') {
    return { message: lastLogLine(prediction.logs) ?? 'Starting (Replicate is booting the model)' };
  }
  const message = lastLogLine(prediction.logs) ?? 'Processing';
  const progress = progressFromLogs(prediction.logs);
  // No progress key at all when the logs do not say: the run is honestly indeterminate.
  return progress === undefined ? { message } : { progress, message };
}

const SAFETY = /nsfw|flagged as sensitive|safety (filter|checker)|content (policy|moderation)/i;

/** The error of a prediction that ended without outputs. */
export function failureOf(prediction: Prediction): ProviderError {
  if (prediction.status === 'canceled') {
    return new ProviderError(
      'PERMANENT',
      'PROVIDER_CANCELED',
      'Replicate: the prediction was canceled.',
    );
  }
  const reason =
    typeof prediction.error === 'string' && prediction.error.trim()
      ? prediction.error.trim()
      : 'the prediction failed without a reason';
  if (SAFETY.test(reason)) {
    return new ProviderError('BLOCKED', 'CONTENT_FILTERED', `Replicate: ${reason}`);
  }
  return new ProviderError('PERMANENT', 'PROVIDER_ERROR', `Replicate: ${reason}`);
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** `output` is a URL or a list of URLs; they expire, so the pipeline copies them at once. */
export function outputsOf(prediction: Prediction): ProviderOutput[] {
  const raw = prediction.output;
  const urls = (Array.isArray(raw) ? raw : [raw]).filter(
    (value): value is string => typeof value === 'string' && /^https?:\/\//.test(value),
  );
  if (urls.length === 0) {
    throw new ProviderError(
      'RETRYABLE',
      'PROVIDER_BAD_RESPONSE',
      'Replicate reported success but sent no output URL.',
    );
  }
  return urls.map((url) => {
    const extension = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
    const contentType = CONTENT_TYPES[extension];
    return contentType ? { url, contentType } : { url };
  });
}
