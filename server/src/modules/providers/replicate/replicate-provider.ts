import { abortError, sleep, throwIfAborted } from '../abort';
import { providerFetch, readJson, validateKeyWith } from '../http';
import {
  ProviderError,
  type GenerationProvider,
  type GenerationRequest,
  type ProviderOutput,
  type RunContext,
} from '../provider';
import { replicateModel, replicateModels } from './replicate-models';
import {
  buildInput,
  failureOf,
  outputsOf,
  progressOf,
  type Prediction,
} from './replicate-prediction';

export interface ReplicateProviderOptions {
  apiKey?: string;
  /** e.g. https://api.replicate.com/v1 */
  baseUrl: string;
  /** Time between status polls (default 1 s). */
  pollIntervalMs?: number;
  /** Time one HTTP request may take (default: the shared provider timeout). */
  requestTimeoutMs?: number;
}

/** Replicate's public API (the config's default for REPLICATE_BASE_URL). */
export const REPLICATE_BASE_URL = 'https://api.replicate.com/v1';
const NAME = 'Replicate';
const DONE = new Set(['succeeded', 'failed', 'canceled']);
/** Cancel is best effort and runs outside a run's signal, so it gets its own short limit. */
const CANCEL_TIMEOUT_MS = 15_000;

/**
 * Replicate: official image and video models run as predictions, polled until they end.
 * An aborted run stops polling and rejects with the abort; it does not cancel the prediction
 * itself (a shutdown should resume it) — the pipeline calls `cancel` when a person cancels.
 */
export function createReplicateProvider(options: ReplicateProviderOptions): GenerationProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  const pollIntervalMs = options.pollIntervalMs ?? 1000;

  function call(
    path: string,
    init: { key: string | undefined; signal: AbortSignal; method?: string; body?: unknown },
  ) {
    const headers: Record<string, string> = { Authorization: `Bearer ${init.key ?? ''}` };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    return providerFetch({
      provider: NAME,
      url: `${base}${path}`,
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      timeoutMs: options.requestTimeoutMs,
      secrets: [init.key],
    });
  }

  async function prediction(response: Response): Promise<Prediction> {
    const body = await readJson<Prediction>(response, NAME);
    if (!body || typeof body.id !== 'string' || typeof body.status !== 'string') {
      throw new ProviderError(
        'RETRYABLE',
        'PROVIDER_BAD_RESPONSE',
        'Replicate sent a prediction without an id or status.',
      );
    }
    return body;
  }

  async function poll(id: string, signal: AbortSignal): Promise<Prediction> {
    return prediction(
      await call(`/predictions/${encodeURIComponent(id)}`, { key: options.apiKey, signal }),
    );
  }

  async function start(request: GenerationRequest, context: RunContext): Promise<Prediction> {
    const model = replicateModel(request.model.id);
    if (!model) {
      throw new ProviderError(
        'PERMANENT',
        'INVALID_INPUT',
        `Replicate: unknown model ${request.model.id}.`,
      );
    }
    const created = await prediction(
      await call(`/models/${model.id}/predictions`, {
        key: options.apiKey,
        signal: context.signal,
        method: 'POST',
        body: { input: buildInput(model, request) },
      }),
    );
    // Recorded before any wait, so a retry polls this prediction instead of paying again.
    await context.recordRemoteJob(created.id);
    return created;
  }

  async function follow(first: Prediction, context: RunContext): Promise<ProviderOutput[]> {
    let current = first;
    let last = '';
    if (current.version) {
      await context.report({
        message: `Replicate prediction ${current.id} (version ${current.version})`,
      });
    }
    while (!DONE.has(current.status)) {
      const update = progressOf(current);
      const signature = JSON.stringify(update);
      if (signature !== last) {
        last = signature;
        await context.report(update);
      }
      await sleep(pollIntervalMs, context.signal);
      current = await poll(current.id, context.signal);
    }
    if (current.status !== 'succeeded') throw failureOf(current);
    return outputsOf(current);
  }

  async function run(request: GenerationRequest, context: RunContext): Promise<ProviderOutput[]> {
    throwIfAborted(context.signal);
    if (!options.apiKey) {
      throw new ProviderError('PERMANENT', 'PROVIDER_AUTH', 'Replicate has no API key configured.');
    }
    // Resuming polls the prediction already paid for; it never creates a second one.
    const first = context.remoteJobId
      ? await poll(context.remoteJobId, context.signal)
      : await start(request, context);
    return follow(first, context);
  }

  return {
    id: 'replicate',
    name: NAME,
    description:
      'Runs hosted FLUX image models and MiniMax video on Replicate with your API token; ' +
      'billed by Replicate per image or clip.',
    enabled: Boolean(options.apiKey),
    models: replicateModels,
    run: (request, context) =>
      run(request, context).catch((error: unknown) => {
        throw context.signal.aborted ? abortError(context.signal) : error;
      }),
    async cancel({ remoteJobId }) {
      await call(`/predictions/${encodeURIComponent(remoteJobId)}/cancel`, {
        key: options.apiKey,
        signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS),
        method: 'POST',
      });
    },
    validateKey: ({ key, signal }) =>
      validateKeyWith(() =>
        call('/account', { key, signal: signal ?? new AbortController().signal }),
      ),
  };
}
