import { isRejectedRequest, type HttpFailure } from '../http';
import { ProviderError, type GenerationRequest, type ProviderOutput } from '../provider';
import type { FalModel } from './fal-models';

export const FAL = 'fal';

/** One entry of fal's (FastAPI-style) error detail list. */
interface FalErrorDetail {
  loc?: unknown[];
  msg?: string;
  type?: string;
}

interface FalFile {
  url?: string;
  content_type?: string;
}

/** The parts of a finished request's result the adapter reads (images or video models). */
export interface FalResult {
  images?: FalFile[];
  video?: FalFile;
  has_nsfw_concepts?: boolean[];
}

/**
 * The endpoint's JSON input. The reference goes as a data URI of its bytes (fal accepts data
 * URIs wherever it takes a file URL), because our own file URLs are not public on every install.
 */
export async function buildInput(
  model: FalModel,
  request: GenerationRequest,
): Promise<Record<string, unknown>> {
  const map = model.input;
  const input: Record<string, unknown> = { prompt: request.prompt };
  if (map.size === 'image_size') {
    input.image_size = { width: request.width, height: request.height };
  } else if (map.size === 'aspect_ratio') {
    input.aspect_ratio = request.aspectRatio;
  }
  if (map.numImages) input.num_images = request.count;
  if (map.seed) input.seed = request.seed;
  if (map.negativePrompt && request.negativePrompt) input.negative_prompt = request.negativePrompt;
  if (map.duration)
    input.duration = String(request.durationSeconds ?? model.capabilities.durations?.[0]);
  if (map.safetyChecker) input.enable_safety_checker = true;
  if (map.reference) {
    const reference = request.references[0];
    if (reference) {
      const bytes = await reference.bytes();
      input.image_url = `data:${reference.contentType};base64,${bytes.toString('base64')}`;
    } else if (map.reference.required) {
      throw new ProviderError(
        'PERMANENT',
        'INVALID_INPUT',
        `${model.name} needs a reference image to work from.`,
      );
    }
  }
  return { ...input, ...request.params };
}

/** The outputs of a finished request, honouring the safety checker's verdict. */
export function outputsOf(model: FalModel, result: FalResult): ProviderOutput[] {
  if (model.input.output === 'video') {
    const url = result.video?.url;
    if (!url) throw noOutputs();
    return [{ url, contentType: result.video?.content_type ?? 'video/mp4' }];
  }
  const images = (result.images ?? []).filter((image) => image.url);
  const flagged = (result.has_nsfw_concepts ?? []).filter(Boolean).length;
  if (flagged > 0) {
    // fal replaces a flagged image with a black one; none of them is what was asked for.
    throw new ProviderError(
      'BLOCKED',
      'CONTENT_FILTERED',
      `fal's safety checker flagged ${flagged} of ${images.length || flagged} images as not safe for work.`,
    );
  }
  if (images.length === 0) throw noOutputs();
  return images.map((image) => ({
    url: image.url!,
    ...(image.content_type ? { contentType: image.content_type } : {}),
  }));
}

function noOutputs(): ProviderError {
  return new ProviderError(
    'PERMANENT',
    'PROVIDER_ERROR',
    'fal finished the request without an output.',
  );
}

/**
 * fal's validation and content-policy errors are a `detail` list: readable text instead of the
 * raw list, and a content_policy_violation is BLOCKED with fal's own reason. Other errors (auth,
 * rate limits, outages, a plain `detail` string) keep the shared classes.
 */
export function falHttpError({ status, body }: HttpFailure): ProviderError | null {
  if (!isRejectedRequest(status)) return null;
  const details = detailsIn(body);
  if (!details) return null;
  const text = details.map(describe).join('; ');
  if (details.some((detail) => detail.type === 'content_policy_violation')) {
    return new ProviderError('BLOCKED', 'CONTENT_FILTERED', `fal refused the request: ${text}`);
  }
  return new ProviderError('PERMANENT', 'INVALID_INPUT', `fal: ${text}`);
}

/** A failed request's status (COMPLETED with `error`) as a failure: not retried, it would fail again. */
export function failedRunError(error: string, errorType: string | undefined): ProviderError {
  if (errorType === 'content_policy_violation') {
    return new ProviderError('BLOCKED', 'CONTENT_FILTERED', `fal refused the request: ${error}`);
  }
  return new ProviderError(
    'PERMANENT',
    'PROVIDER_ERROR',
    `fal could not run the request: ${error}`,
  );
}

function detailsIn(body: unknown): FalErrorDetail[] | null {
  const list = Array.isArray(body) ? body : (body as { detail?: unknown } | undefined)?.detail;
  if (!Array.isArray(list) || list.length === 0) return null;
  return list.filter(
    (entry): entry is FalErrorDetail => typeof entry === 'object' && entry !== null,
  );
}

function describe(detail: FalErrorDetail): string {
  const field = (detail.loc ?? []).filter((part) => part !== 'body').join('.');
  const msg = detail.msg ?? detail.type ?? 'invalid';
  return field ? `${field}: ${msg}` : msg;
}
