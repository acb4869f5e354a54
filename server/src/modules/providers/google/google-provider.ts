import { abortError, throwIfAborted } from '../abort';
import { validateKeyWith } from '../http';
import {
  ProviderError,
  type GenerationProvider,
  type GenerationRequest,
  type ProviderOutput,
  type RunContext,
} from '../provider';
import { PROVIDER, googleApi, type GoogleApi } from './google-api';
import { GOOGLE_MODELS } from './google-models';
import { runVeo } from './google-veo';

export interface GoogleProviderOptions {
  apiKey?: string;
  /** e.g. https://generativelanguage.googleapis.com/v1beta */
  baseUrl: string;
  /** How often a Veo operation is polled (default 10 s, as Google's examples do). */
  pollIntervalMs?: number;
  requestTimeoutMs?: number;
}

interface ImagenAnswer {
  predictions?: Array<{
    bytesBase64Encoded?: string;
    mimeType?: string;
    raiFilteredReason?: string;
  }>;
}

/**
 * Google's Gemini API: Imagen 4 stills (synchronous `:predict`) and Veo 3 clips (a long-running
 * operation, recorded as the remote job and polled until done).
 */
export function createGoogleProvider(options: GoogleProviderOptions): GenerationProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const pollIntervalMs = options.pollIntervalMs ?? 10_000;
  const catalogue = GOOGLE_MODELS;

  function api(): GoogleApi {
    if (!options.apiKey) {
      throw new ProviderError(
        'PERMANENT',
        'PROVIDER_NOT_CONFIGURED',
        `${PROVIDER} has no API key configured.`,
      );
    }
    return googleApi({ base, key: options.apiKey, requestTimeoutMs: options.requestTimeoutMs });
  }

  async function runImagen(
    client: GoogleApi,
    request: GenerationRequest,
    context: RunContext,
  ): Promise<ProviderOutput[]> {
    const plural = request.count === 1 ? 'image' : 'images';
    await context.report({
      message: `Generating ${request.count} ${plural} with ${request.model.name}`,
    });
    const answer = await client.json<ImagenAnswer>(
      `models/${request.model.id}:predict`,
      context.signal,
      {
        instances: [{ prompt: request.prompt }],
        parameters: {
          sampleCount: request.count,
          aspectRatio: request.aspectRatio,
          personGeneration: request.params.personGeneration ?? 'allow_adult',
          // Filtered images then come back as entries with a reason instead of vanishing.
          includeRaiReason: true,
        },
      },
    );
    const predictions = answer.predictions ?? [];
    const reasons = predictions.flatMap((p) => (p.raiFilteredReason ? [p.raiFilteredReason] : []));
    const outputs = predictions.flatMap((p) => {
      const data = p.bytesBase64Encoded ? Buffer.from(p.bytesBase64Encoded, 'base64') : null;
      return data?.length ? [{ data, contentType: p.mimeType ?? 'image/png' }] : [];
    });
    if (outputs.length === 0) {
      // Imagen answers a fully filtered request with no images, with or without a reason.
      const reason = reasons.join(' ') || 'no image was returned and no reason given';
      throw new ProviderError(
        'BLOCKED',
        'CONTENT_FILTERED',
        `${PROVIDER} filtered the image: ${reason}`,
      );
    }
    const missing = request.count - outputs.length;
    await context.report({
      progress: 1,
      message:
        missing > 0
          ? `${outputs.length} of ${request.count} images returned; ${missing} filtered` +
            (reasons.length ? `: ${reasons.join(' ')}` : '')
          : `${outputs.length} ${plural} generated`,
    });
    return outputs;
  }

  async function run(request: GenerationRequest, context: RunContext): Promise<ProviderOutput[]> {
    throwIfAborted(context.signal);
    if (!catalogue.some((model) => model.id === request.model.id)) {
      throw new ProviderError(
        'PERMANENT',
        'INVALID_INPUT',
        `${PROVIDER} has no model ${request.model.id}.`,
      );
    }
    const client = api();
    return request.model.kind === 'VIDEO'
      ? runVeo(client, request, context, pollIntervalMs)
      : runImagen(client, request, context);
  }

  function validateKey(params: { key: string; signal?: AbortSignal }): Promise<boolean> {
    const client = googleApi({ base, key: params.key, requestTimeoutMs: options.requestTimeoutMs });
    return validateKeyWith(() =>
      client.json('models?pageSize=1', params.signal ?? new AbortController().signal),
    );
  }

  return {
    id: 'google',
    name: PROVIDER,
    description:
      'Google’s Imagen 4 text-to-image and Veo 3 video models (8-second clips with sound, from ' +
      'text or a first frame), through the Gemini API.',
    enabled: Boolean(options.apiKey),
    models: () => structuredClone(catalogue),
    run: (request, context) =>
      run(request, context).catch((error: unknown) => {
        throw context.signal.aborted ? abortError(context.signal) : error;
      }),
    // The Gemini API offers no cancel for Veo operations: aborting stops the polling, and the
    // operation finishes (and is billed) at Google regardless.
    cancel: async () => {},
    validateKey,
  };
}
