import { abortError, throwIfAborted } from '../abort';
import { providerFetch, readJson, scrub, validateKeyWith } from '../http';
import {
  ProviderError,
  type GenerationProvider,
  type GenerationRequest,
  type ProviderOutput,
  type RunContext,
} from '../provider';
import { PROVIDER, badResponse, openaiError, openaiRequest, sseEvents } from './openai-http';
import {
  OPENAI_IMAGE_MODEL,
  OPENAI_SIZES,
  PARTIAL_IMAGES,
  openaiModels,
  qualityOf,
  type OpenAIQuality,
} from './openai-models';

export interface OpenAIProviderOptions {
  apiKey?: string;
  /** e.g. https://api.openai.com/v1 (from config). */
  baseUrl: string;
  /** Unused: the Images API answers synchronously (or streams), there is nothing to poll. */
  pollIntervalMs?: number;
  /** Bounds each whole request, stream included. */
  requestTimeoutMs?: number;
}

interface StreamEvent {
  type?: string;
  b64_json?: string;
  partial_image_index?: number;
  error?: { message?: string; code?: string | null; type?: string };
}

interface Job {
  prompt: string;
  size: string;
  quality: OpenAIQuality;
  references: Array<{ data: Buffer; contentType: string }>;
}

/**
 * OpenAI's Images API (gpt-image-1). Synchronous: there is no remote job id, so a retry pays
 * again and cancelling means closing the request. Each output is its own streamed request with
 * n=1: the stream's events do not say which of several images a partial belongs to.
 */
export function createOpenAIProvider(options: OpenAIProviderOptions): GenerationProvider {
  const { apiKey, requestTimeoutMs } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const catalogue = openaiModels();

  async function run(request: GenerationRequest, context: RunContext): Promise<ProviderOutput[]> {
    throwIfAborted(context.signal);
    if (!apiKey) {
      throw new ProviderError('PERMANENT', 'PROVIDER_AUTH', `${PROVIDER} has no API key set.`);
    }
    const quality = qualityOf(request.model.id);
    const size = OPENAI_SIZES[request.aspectRatio];
    if (!quality || !size) {
      throw new ProviderError(
        'PERMANENT',
        'INVALID_INPUT',
        `${PROVIDER} does not offer ${request.model.id} at ${request.aspectRatio}.`,
      );
    }
    const references = await Promise.all(
      request.references.map(async (ref) => ({
        data: await ref.bytes(),
        contentType: ref.contentType,
      })),
    );
    const job: Job = { prompt: request.prompt, size, quality, references };
    const steps = PARTIAL_IMAGES + 1;
    const done = Array.from({ length: request.count }, () => 0);
    const progress = () => done.reduce((a, b) => a + b, 0) / (request.count * steps);
    const label = (index: number) =>
      request.count > 1 ? ` (image ${index + 1} of ${request.count})` : '';

    await context.report({ message: `Sent to ${PROVIDER}; waiting for the first preview` });
    // One failed output stops its siblings: the run is retried as a whole.
    const siblings = new AbortController();
    const signal = AbortSignal.any([context.signal, siblings.signal]);
    try {
      return await Promise.all(
        done.map((_, index) =>
          generate(job, signal, {
            partial: async (partialIndex, data) => {
              done[index] = Math.max(done[index]!, Math.min(partialIndex + 1, PARTIAL_IMAGES));
              await context.report({
                progress: progress(),
                message: `Preview ${partialIndex + 1} of ${PARTIAL_IMAGES}${label(index)}`,
                preview: { data, contentType: 'image/png' },
              });
            },
            completed: async () => {
              done[index] = steps;
              await context.report({ progress: progress(), message: `Finished${label(index)}` });
            },
          }),
        ),
      );
    } finally {
      siblings.abort();
    }
  }

  /** One output: an edit when there are references, a generation otherwise. */
  async function generate(
    job: Job,
    signal: AbortSignal,
    on: {
      partial(index: number, data: Buffer): Promise<void>;
      completed(): Promise<void>;
    },
  ): Promise<ProviderOutput> {
    const editing = job.references.length > 0;
    const fields = {
      model: OPENAI_IMAGE_MODEL,
      prompt: job.prompt,
      n: 1,
      size: job.size,
      quality: job.quality,
      output_format: 'png',
      stream: true,
      partial_images: PARTIAL_IMAGES,
    };
    let body: RequestInit['body'];
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    if (editing) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
      job.references.forEach((ref, i) => {
        const extension = ref.contentType.split('/')[1] ?? 'png';
        form.append(
          'image[]',
          new Blob([ref.data], { type: ref.contentType }),
          `ref-${i}.${extension}`,
        );
      });
      body = form;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(fields);
    }
    const { response, read } = await openaiRequest({
      url: `${baseUrl}/images/${editing ? 'edits' : 'generations'}`,
      method: 'POST',
      headers,
      body,
      signal,
      timeoutMs: requestTimeoutMs,
      apiKey,
    });
    const decode = (b64: unknown): Buffer => {
      if (typeof b64 !== 'string' || !b64) throw badResponse('sent no image.');
      return Buffer.from(b64, 'base64');
    };
    const image = (b64: unknown): ProviderOutput => ({
      data: decode(b64),
      contentType: 'image/png',
    });

    // A proxy or an older API may ignore `stream` and answer with the whole JSON at once.
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      const json = await read(() =>
        readJson<{ data?: Array<{ b64_json?: string }> }>(response, PROVIDER),
      );
      const output = image(json.data?.[0]?.b64_json);
      await on.completed();
      return output;
    }
    if (!response.body) throw badResponse('sent an empty stream.');
    const stream = response.body;
    return read(async () => {
      for await (const raw of sseEvents(stream)) {
        const event = raw as StreamEvent;
        const type = event.type ?? '';
        if (type.endsWith('.partial_image')) {
          await on.partial(event.partial_image_index ?? 0, decode(event.b64_json));
        } else if (type.endsWith('.completed')) {
          const output = image(event.b64_json);
          await on.completed();
          return output;
        } else if (type === 'error' || event.error) {
          throw streamError(event.error);
        }
      }
      throw badResponse('ended the stream before the image was finished.');
    });
  }

  function streamError(error: StreamEvent['error']): ProviderError {
    const blocked = openaiError(error, apiKey);
    if (blocked) return blocked;
    const message = `${PROVIDER}: ${scrub(error?.message ?? 'the image failed', [apiKey])}`;
    // A mistake in the request fails again when retried; anything else may pass next time.
    return /invalid_request|user_error/.test(error?.type ?? '')
      ? new ProviderError('PERMANENT', 'INVALID_INPUT', message)
      : new ProviderError('RETRYABLE', 'PROVIDER_UNAVAILABLE', message);
  }

  function validateKey(params: { key: string; signal?: AbortSignal }): Promise<boolean> {
    return validateKeyWith(() =>
      providerFetch({
        provider: PROVIDER,
        url: `${baseUrl}/models`,
        headers: { authorization: `Bearer ${params.key}` },
        signal: params.signal ?? new AbortController().signal,
        timeoutMs: requestTimeoutMs,
        secrets: [params.key],
      }),
    );
  }

  return {
    id: 'openai',
    name: 'OpenAI',
    description:
      'OpenAI’s GPT Image model (gpt-image-1): images from a prompt, or edits of your reference ' +
      'images, with live previews while it draws. Needs an OpenAI API key.',
    enabled: Boolean(apiKey),
    models: () => structuredClone(catalogue),
    run: (request, context) =>
      run(request, context).catch((error: unknown) => {
        throw context.signal.aborted ? abortError(context.signal) : error;
      }),
    // Nothing to cancel remotely: aborting the run's signal closes the request.
    cancel: async () => {},
    validateKey,
  };
}
