import { abortError, throwIfAborted } from '../abort';
import { providerFetch, validateKeyWith, type HttpFailure } from '../http';
import {
  ProviderError,
  type GenerationProvider,
  type GenerationRequest,
  type ProviderOutput,
  type RunContext,
} from '../provider';
import {
  STABILITY_MAX_SEED,
  STABILITY_MODELS,
  STABILITY_ROUTES,
  type StabilityRoute,
} from './stability-models';

export interface StabilityProviderOptions {
  apiKey?: string;
  /** e.g. https://api.stability.ai (no trailing /v2beta). */
  baseUrl: string;
  /** Unused: Stable Image answers synchronously. Accepted so every adapter takes the same options. */
  pollIntervalMs?: number;
  requestTimeoutMs?: number;
}

const PROVIDER = 'Stability AI';
const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/**
 * On the generate endpoints a 403 is Stability's content moderation (a bad key is 401): BLOCKED,
 * with Stability's own reason (`errors[0]`, e.g. "Your request was flagged by our content
 * moderation system…").
 */
function moderated({ status, message }: HttpFailure): ProviderError | null {
  if (status !== 403) return null;
  const reason = message || 'its content moderation flagged this request';
  return new ProviderError('BLOCKED', 'CONTENT_FILTERED', `${PROVIDER}: ${reason}`);
}

/**
 * Stability AI's Stable Image generate endpoints. Each request makes one image and answers with
 * it, so `count` images are requested one after another; there is no remote job to record,
 * resume or cancel: aborting the run's signal closes the open request.
 */
export function createStabilityProvider(options: StabilityProviderOptions): GenerationProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const apiKey = options.apiKey;
  const catalogue = STABILITY_MODELS;

  function keyOrFail(): string {
    if (!apiKey) {
      throw new ProviderError(
        'PERMANENT',
        'PROVIDER_NOT_CONFIGURED',
        `${PROVIDER} has no API key configured.`,
      );
    }
    return apiKey;
  }

  function form(
    request: GenerationRequest,
    route: StabilityRoute,
    index: number,
    reference: { data: Buffer; contentType: string } | null,
  ): FormData {
    const body = new FormData();
    body.append('prompt', request.prompt);
    if (request.negativePrompt && request.model.capabilities.negativePrompt) {
      body.append('negative_prompt', request.negativePrompt);
    }
    // Image i uses seed + i, so asking for it alone with that seed makes it again.
    body.append('seed', String((request.seed + index) % (STABILITY_MAX_SEED + 1)));
    body.append('output_format', 'png');
    if (route.model) body.append('model', route.model);
    if (reference) {
      // Image-to-image: the output follows the reference's shape, so no aspect_ratio is sent.
      if (route.endpoint === 'sd3') body.append('mode', 'image-to-image');
      const extension = EXTENSIONS[reference.contentType] ?? 'png';
      body.append(
        'image',
        new Blob([new Uint8Array(reference.data)], { type: reference.contentType }),
        `reference.${extension}`,
      );
      body.append('strength', String(request.params.strength ?? 0.6));
    } else {
      if (route.endpoint === 'sd3') body.append('mode', 'text-to-image');
      body.append('aspect_ratio', request.aspectRatio);
    }
    if (typeof request.params.style_preset === 'string') {
      body.append('style_preset', request.params.style_preset);
    }
    return body;
  }

  async function generateOne(
    request: GenerationRequest,
    route: StabilityRoute,
    index: number,
    reference: { data: Buffer; contentType: string } | null,
    signal: AbortSignal,
  ): Promise<{ data: Buffer; seed: string | null }> {
    const key = keyOrFail();
    const response = await providerFetch({
      provider: PROVIDER,
      url: `${base}/v2beta/stable-image/generate/${route.endpoint}`,
      method: 'POST',
      // image/* brings the PNG's bytes with finish-reason and seed as headers: no base64
      // to decode and a third less to transfer than the JSON answer.
      headers: { authorization: `Bearer ${key}`, accept: 'image/*' },
      body: form(request, route, index, reference),
      signal,
      timeoutMs: options.requestTimeoutMs,
      secrets: [key],
      classifyError: moderated,
    });
    const finish = response.headers.get('finish-reason');
    if (finish === 'CONTENT_FILTERED') {
      await response.body?.cancel();
      throw new ProviderError(
        'BLOCKED',
        'CONTENT_FILTERED',
        `${PROVIDER} filtered the generated image (finish-reason CONTENT_FILTERED).`,
      );
    }
    if (finish && finish !== 'SUCCESS') {
      await response.body?.cancel();
      throw new ProviderError(
        'RETRYABLE',
        'PROVIDER_ERROR',
        `${PROVIDER} did not finish the image (finish-reason ${finish}).`,
      );
    }
    const contentType = response.headers.get('content-type') ?? '';
    let data: Buffer;
    try {
      data = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      throw new ProviderError(
        'RETRYABLE',
        'PROVIDER_TIMEOUT',
        `${PROVIDER} stopped sending the image (${(error as Error).name}).`,
      );
    }
    if (!contentType.startsWith('image/') || data.length === 0) {
      throw new ProviderError(
        'RETRYABLE',
        'PROVIDER_BAD_RESPONSE',
        `${PROVIDER} answered without an image.`,
      );
    }
    return { data, seed: response.headers.get('seed') };
  }

  async function run(request: GenerationRequest, context: RunContext): Promise<ProviderOutput[]> {
    const { signal } = context;
    throwIfAborted(signal);
    const route = STABILITY_ROUTES[request.model.id];
    if (!route) {
      throw new ProviderError(
        'PERMANENT',
        'INVALID_INPUT',
        `${PROVIDER} has no model ${request.model.id}.`,
      );
    }
    keyOrFail();
    const first = request.model.capabilities.referenceImages > 0 ? request.references[0] : null;
    const reference = first ? { data: await first.bytes(), contentType: first.contentType } : null;
    const outputs: ProviderOutput[] = [];
    const total = request.count;
    for (let index = 0; index < total; index++) {
      throwIfAborted(signal);
      await context.report({
        ...(index > 0 ? { progress: index / total } : {}),
        message: `Generating image ${index + 1} of ${total}`,
      });
      const image = await generateOne(request, route, index, reference, signal);
      outputs.push({ data: image.data, contentType: 'image/png' });
      await context.report({
        progress: (index + 1) / total,
        message: `Image ${index + 1} of ${total} done${image.seed ? ` (seed ${image.seed})` : ''}`,
      });
    }
    return outputs;
  }

  function validateKey(params: { key: string; signal?: AbortSignal }): Promise<boolean> {
    return validateKeyWith(() =>
      providerFetch({
        provider: PROVIDER,
        url: `${base}/v1/user/account`,
        headers: { authorization: `Bearer ${params.key}`, accept: 'application/json' },
        signal: params.signal ?? new AbortController().signal,
        timeoutMs: options.requestTimeoutMs,
        secrets: [params.key],
      }).then((response) => response.body?.cancel()),
    );
  }

  return {
    id: 'stability',
    name: PROVIDER,
    description:
      'Stability AI’s Stable Image Ultra, Core and Stable Diffusion 3.5 text-to-image models, ' +
      'with image-to-image from a reference where the model takes one.',
    enabled: Boolean(apiKey),
    models: () => structuredClone(catalogue),
    run: (request, context) =>
      run(request, context).catch((error: unknown) => {
        throw context.signal.aborted ? abortError(context.signal) : error;
      }),
    // Synchronous API: nothing runs remotely once the run's signal has closed the request.
    cancel: async () => {},
    validateKey,
  };
}
