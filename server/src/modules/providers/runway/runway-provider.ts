import { abortError, sleep, throwIfAborted } from '../abort';
import { providerFetch, readJson, validateKeyWith } from '../http';
import {
  ProviderError,
  type GenerationProvider,
  type GenerationRequest,
  type ProviderOutput,
  type ReferenceImage,
  type RunContext,
} from '../provider';
import { ROUTES, RUNWAY_API_VERSION, runwayModels } from './runway-models';
import { taskState, type RunwayTask } from './runway-task';

export interface RunwayProviderOptions {
  apiKey?: string;
  /** e.g. https://api.dev.runwayml.com/v1 */
  baseUrl: string;
  /** Between polls of a task; Runway asks for no more than one every 5 seconds. */
  pollIntervalMs?: number;
  requestTimeoutMs?: number;
}

const NAME = 'Runway';
const DEFAULT_POLL_MS = 5_000;
/** Runway takes data URIs up to 5 MB (the encoded string); bigger images must go by URL. */
const MAX_DATA_URI_CHARS = 5 * 1024 * 1024;

export function createRunwayProvider(options: RunwayProviderOptions): GenerationProvider {
  const { apiKey } = options;
  const base = options.baseUrl.replace(/\/+$/, '');
  const pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;
  const catalogue = runwayModels();

  function call<T>(params: {
    key: string;
    method: string;
    path: string;
    body?: unknown;
    signal: AbortSignal;
  }): Promise<T | undefined> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${params.key}`,
      'X-Runway-Version': RUNWAY_API_VERSION,
      Accept: 'application/json',
    };
    if (params.body !== undefined) headers['Content-Type'] = 'application/json';
    return providerFetch({
      provider: NAME,
      url: `${base}${params.path}`,
      method: params.method,
      headers,
      body: params.body === undefined ? undefined : JSON.stringify(params.body),
      signal: params.signal,
      timeoutMs: options.requestTimeoutMs,
      secrets: [params.key],
    }).then((response) =>
      // DELETE answers 204 with no body.
      response.status === 204 ? undefined : readJson<T>(response, NAME),
    );
  }

  async function submit(request: GenerationRequest, key: string, signal: AbortSignal) {
    const route = ROUTES[request.model.id];
    const ratio = route?.ratios[request.aspectRatio];
    if (!route || !ratio) {
      throw new ProviderError(
        'PERMANENT',
        'INVALID_INPUT',
        `Runway's ${request.model.id} does not offer the ${request.aspectRatio} aspect ratio.`,
      );
    }
    const body: Record<string, unknown> = {
      model: request.model.id,
      ratio,
      duration: request.durationSeconds ?? request.model.capabilities.durations?.[0],
      // Runway takes seeds from 0 to 4294967295.
      seed: ((request.seed % 2 ** 32) + 2 ** 32) % 2 ** 32,
    };
    if (request.prompt.trim()) body.promptText = request.prompt;
    if (route.endpoint === 'image_to_video') {
      const [reference] = request.references;
      if (!reference) {
        throw new ProviderError(
          'PERMANENT',
          'INVALID_INPUT',
          `Runway's ${request.model.id} needs a reference image to animate.`,
        );
      }
      body.promptImage = await promptImage(reference);
      throwIfAborted(signal);
    }
    const created = await call<{ id?: unknown }>({
      key,
      method: 'POST',
      path: `/${route.endpoint}`,
      body,
      signal,
    });
    if (typeof created?.id !== 'string' || !created.id) {
      throw new ProviderError(
        'RETRYABLE',
        'PROVIDER_BAD_RESPONSE',
        'Runway accepted the request but sent no task id.',
      );
    }
    return created.id;
  }

  /** Polls a task until it ends; reports each change of status or progress. */
  async function follow(taskId: string, key: string, context: RunContext) {
    let last = '';
    for (;;) {
      const task = await call<RunwayTask>({
        key,
        method: 'GET',
        path: `/tasks/${encodeURIComponent(taskId)}`,
        signal: context.signal,
      });
      const state = taskState(task ?? {});
      if (state.kind !== 'waiting') return state;
      const seen = JSON.stringify(state.update);
      if (seen !== last) {
        last = seen;
        await context.report(state.update);
      }
      await sleep(pollMs, context.signal);
    }
  }

  async function run(request: GenerationRequest, context: RunContext): Promise<ProviderOutput[]> {
    throwIfAborted(context.signal);
    if (!apiKey) {
      throw new ProviderError('PERMANENT', 'PROVIDER_AUTH', 'Runway has no API key configured.');
    }
    if (context.remoteJobId) {
      // A retry or a recovery: follow the task already paid for instead of starting another.
      const resumed = await follow(context.remoteJobId, apiKey, context);
      if (resumed.kind === 'done') return resumed.outputs;
      if (!resumed.freshTaskMayWork) throw resumed.error;
      await context.report({ message: 'The earlier Runway task failed; starting a new one' });
    }
    const taskId = await submit(request, apiKey, context.signal);
    await context.recordRemoteJob(taskId);
    await context.report({ message: `Runway task ${taskId} created` });
    const state = await follow(taskId, apiKey, context);
    if (state.kind === 'done') return state.outputs;
    throw state.error;
  }

  return {
    id: 'runway',
    name: NAME,
    description:
      'Runway’s hosted video models: Gen-4 Turbo animates a reference image, Gen-4.5 works ' +
      'from the prompt alone; billed by the second of video.',
    enabled: Boolean(apiKey),
    models: () => structuredClone(catalogue),
    run: (request, context) =>
      run(request, context).catch((error: unknown) => {
        throw context.signal.aborted ? abortError(context.signal) : error;
      }),
    async cancel({ remoteJobId }) {
      if (!apiKey) return;
      try {
        await call({
          key: apiKey,
          method: 'DELETE',
          path: `/tasks/${encodeURIComponent(remoteJobId)}`,
          signal: new AbortController().signal,
        });
      } catch (error) {
        // A task that is already gone (404) needs no cancel; anything else is worth a log.
        if (error instanceof ProviderError && error.code === 'INVALID_INPUT') return;
        throw error;
      }
    },
    validateKey: ({ key, signal }) =>
      validateKeyWith(() =>
        call({
          key,
          method: 'GET',
          path: '/organization',
          signal: signal ?? new AbortController().signal,
        }),
      ),
  };
}

/**
 * The reference as Runway's `promptImage`: inline as a data URI, because our signed URLs are
 * often not reachable from the internet (a local driver behind a private PUBLIC_URL). Only an
 * image too big to inline goes by URL, and then only an https one, as Runway requires.
 */
async function promptImage(reference: ReferenceImage): Promise<string> {
  const bytes = await reference.bytes();
  const dataUri = `data:${reference.contentType};base64,${bytes.toString('base64')}`;
  if (dataUri.length <= MAX_DATA_URI_CHARS) return dataUri;
  if (reference.url.startsWith('https://')) return reference.url;
  throw new ProviderError(
    'PERMANENT',
    'INVALID_INPUT',
    'The reference image is too large to send to Runway inline (over 5 MB encoded), and its ' +
      'address is not https, so Runway could not fetch it. Use a smaller image.',
  );
}
