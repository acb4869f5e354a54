import { abortError, sleep, throwIfAborted } from '../abort';
import { providerFetch, readJson, validateKeyWith } from '../http';
import {
  ProviderError,
  type GenerationProvider,
  type GenerationRequest,
  type ProviderOutput,
  type RunContext,
} from '../provider';
import {
  FAL,
  buildInput,
  failedRunError,
  outputsOf,
  falHttpError,
  type FalResult,
} from './fal-input';
import { FAL_MODELS, falModels, type FalModel } from './fal-models';

export interface FalProviderOptions {
  apiKey?: string;
  /** The queue API, `https://queue.fal.run` in production. */
  baseUrl: string;
  pollIntervalMs?: number;
  requestTimeoutMs?: number;
}

interface Submitted {
  request_id?: string;
  status_url?: string;
  response_url?: string;
  cancel_url?: string;
}

interface FalStatus {
  status?: string;
  queue_position?: number;
  logs?: Array<{ message?: string; timestamp?: string }> | null;
  error?: string;
  error_type?: string;
}

interface Urls {
  status: string;
  response: string;
  cancel: string;
}

const SEPARATOR = '::';
/** A cancel sent while the run is being aborted gets its own short deadline. */
const CANCEL_TIMEOUT_MS = 10_000;

/**
 * fal's queue API: submit to `{base}/{model id}`, poll the request's status, read its result.
 * The remote job id is `<model id>::<request id>`, so a resume or a cancel (which is given only
 * the id) can rebuild the request's URLs.
 */
export function createFalProvider(options: FalProviderOptions): GenerationProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const { apiKey } = options;

  async function call<T>(
    url: string,
    signal: AbortSignal,
    init: { method?: string; body?: unknown; key?: string } = {},
  ): Promise<T> {
    const key = init.key ?? apiKey;
    const response = await providerFetch({
      provider: FAL,
      url,
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Key ${key}`,
        Accept: 'application/json',
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal,
      timeoutMs: options.requestTimeoutMs,
      secrets: [key],
      classifyError: falHttpError,
    });
    return readJson<T>(response, FAL);
  }

  /** The request's URLs built from its model id: status and result paths drop the sub-path. */
  function urlsFor(modelId: string, requestId: string): Urls {
    const app = modelId.split('/').slice(0, 2).join('/');
    const request = `${base}/${app}/requests/${encodeURIComponent(requestId)}`;
    return { status: `${request}/status`, response: request, cancel: `${request}/cancel` };
  }

  /** The URLs fal returned, when they point at the configured API (the key is sent to them). */
  function trusted(url: string | undefined, fallback: string): string {
    if (!url) return fallback;
    try {
      return new URL(url).origin === new URL(base).origin ? url : fallback;
    } catch {
      return fallback;
    }
  }

  function modelOf(request: GenerationRequest): FalModel {
    const model = FAL_MODELS.find((candidate) => candidate.id === request.model.id);
    if (!model) {
      throw new ProviderError(
        'PERMANENT',
        'INVALID_INPUT',
        `fal has no model ${request.model.id}.`,
      );
    }
    return model;
  }

  async function submit(model: FalModel, request: GenerationRequest, context: RunContext) {
    const input = await buildInput(model, request);
    throwIfAborted(context.signal);
    const submitted = await call<Submitted>(`${base}/${model.id}`, context.signal, {
      method: 'POST',
      body: input,
    });
    if (typeof submitted.request_id !== 'string' || !submitted.request_id) {
      throw new ProviderError(
        'RETRYABLE',
        'PROVIDER_BAD_RESPONSE',
        'fal did not return a request id.',
      );
    }
    const built = urlsFor(model.id, submitted.request_id);
    const urls: Urls = {
      status: trusted(submitted.status_url, built.status),
      response: trusted(submitted.response_url, built.response),
      cancel: trusted(submitted.cancel_url, built.cancel),
    };
    await context.recordRemoteJob(`${model.id}${SEPARATOR}${submitted.request_id}`);
    return urls;
  }

  /** Polls until the request completes, reporting the queue position and new log lines. */
  async function follow(urls: Urls, context: RunContext): Promise<void> {
    const statusUrl = `${urls.status}${urls.status.includes('?') ? '&' : '?'}logs=1`;
    let lastState = '';
    let logsSeen = 0;
    for (;;) {
      const status = await call<FalStatus>(statusUrl, context.signal);
      if (status.status === 'COMPLETED') {
        if (status.error) throw failedRunError(status.error, status.error_type);
        return;
      }
      if (status.status === 'IN_QUEUE') {
        const position = status.queue_position;
        const state = `queue:${position}`;
        if (state !== lastState && typeof position === 'number') {
          await context.report({ queuePosition: position });
        }
        lastState = state;
      } else if (status.status === 'IN_PROGRESS') {
        const logs = (status.logs ?? []).filter((log) => typeof log.message === 'string');
        if (logs.length < logsSeen) logsSeen = 0;
        const fresh = logs
          .slice(logsSeen)
          .map((log) => log.message!.trim())
          .filter(Boolean);
        logsSeen = logs.length;
        // fal gives no numeric progress: only what is happening, never a made-up fraction.
        if (lastState !== 'running' && fresh.length === 0) {
          await context.report({ message: 'fal is generating' });
        }
        for (const message of fresh) await context.report({ message });
        lastState = 'running';
      } else {
        throw new ProviderError(
          'RETRYABLE',
          'PROVIDER_BAD_RESPONSE',
          `fal reported an unknown status ${JSON.stringify(status.status)}.`,
        );
      }
      await sleep(pollIntervalMs, context.signal);
    }
  }

  /** Best effort: fal only cancels requests that have not started; errors are not the caller's. */
  async function sendCancel(url: string): Promise<void> {
    await call(url, AbortSignal.timeout(CANCEL_TIMEOUT_MS), { method: 'PUT' }).catch(() => {});
  }

  async function run(request: GenerationRequest, context: RunContext): Promise<ProviderOutput[]> {
    const { signal } = context;
    throwIfAborted(signal);
    if (!apiKey) {
      throw new ProviderError('PERMANENT', 'PROVIDER_AUTH', 'fal has no API key configured.');
    }
    const model = modelOf(request);
    let urls: Urls;
    if (context.remoteJobId) {
      const { modelId, requestId } = parseJobId(context.remoteJobId);
      urls = urlsFor(modelId, requestId);
    } else {
      urls = await submit(model, request, context);
    }
    try {
      await follow(urls, context);
      const result = await call<FalResult>(urls.response, signal);
      return outputsOf(model, result);
    } catch (error) {
      if (signal.aborted) {
        void sendCancel(urls.cancel);
        throw abortError(signal);
      }
      throw error;
    }
  }

  return {
    id: FAL,
    name: 'fal',
    description:
      'FLUX images (text to image, and Kontext editing) and Kling image-to-video clips, run on ' +
      'fal’s hosted queue.',
    enabled: Boolean(apiKey),
    models: falModels,
    run: (request, context) =>
      run(request, context).catch((error: unknown) => {
        throw context.signal.aborted ? abortError(context.signal) : error;
      }),
    async cancel({ remoteJobId }) {
      if (!apiKey) return;
      const { modelId, requestId } = parseJobId(remoteJobId);
      await sendCancel(urlsFor(modelId, requestId).cancel);
    },
    /**
     * The status of a request id that cannot exist, on the cheapest endpoint: fal checks the key
     * first (401/403), then answers 404 for the unknown id. Nothing runs and nothing is charged.
     */
    validateKey({ key, signal }) {
      const probe = urlsFor('fal-ai/flux', '00000000-0000-0000-0000-000000000000').status;
      return validateKeyWith(() => call(probe, signal ?? new AbortController().signal, { key }), {
        // The 404 for the unknown id comes only after the key has passed.
        accepts: (error) => error.failure === 'PERMANENT',
      });
    },
  };
}

function parseJobId(remoteJobId: string): { modelId: string; requestId: string } {
  const at = remoteJobId.lastIndexOf(SEPARATOR);
  if (at <= 0) {
    throw new ProviderError(
      'PERMANENT',
      'PROVIDER_ERROR',
      'The stored fal request id is malformed.',
    );
  }
  return { modelId: remoteJobId.slice(0, at), requestId: remoteJobId.slice(at + SEPARATOR.length) };
}
