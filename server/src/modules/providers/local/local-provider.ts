import { abortError, sleep, throwIfAborted, waitForAbort } from '../abort';
import {
  ProviderError,
  type GenerationProvider,
  type GenerationRequest,
  type ProviderOutput,
  type RunContext,
} from '../provider';
import { buildScene } from './drawing';
import { prepare, referenceTint } from './local-job';
import { DEFAULT_STEPS, MAX_STEPS, localModels, type Simulation } from './local-models';
import { seededRandom } from './random';
import { renderAnimation, renderPng, renderPreview } from './render';

export interface LocalProviderOptions {
  /** How long each step waits (LOCAL_STEP_MS); 0 sets no timers at all. */
  stepMs: number;
  /** Steps per generation unless the request's `steps` param says otherwise (default 8). */
  steps?: number;
  /** Offers the `simulate` param (tests of the pipeline only). */
  allowSimulation?: boolean;
}

/** How many generation ids `transient-once` remembers before forgetting the oldest. */
const REMEMBERED_FAILURES = 10_000;

/**
 * The built-in provider: draws deterministic abstract pictures on this server, with no AI model
 * and no remote job. An aborted run rejects with `abortError(signal)` (the signal's own reason
 * when it is an Error), not a ProviderError; every other failure is a ProviderError.
 */
export function createLocalProvider(options: LocalProviderOptions): GenerationProvider {
  const { stepMs } = options;
  const steps = options.steps ?? DEFAULT_STEPS;
  if (!Number.isFinite(stepMs) || stepMs < 0) throw new Error('stepMs must be 0 or more');
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
    throw new Error(`steps must be a whole number from 1 to ${MAX_STEPS}`);
  }
  const catalogue = localModels({ steps, allowSimulation: options.allowSimulation ?? false });
  // Generation ids that already had their simulated transient failure, in memory only: a
  // restarted server fails each of them once more, which is fine for tests.
  const failedOnce = new Set<string>();

  async function simulate(simulation: Simulation, generationId: string, signal: AbortSignal) {
    switch (simulation) {
      case 'transient-once':
        if (failedOnce.has(generationId)) return;
        failedOnce.add(generationId);
        if (failedOnce.size > REMEMBERED_FAILURES) {
          failedOnce.delete(failedOnce.values().next().value as string);
        }
        throw new ProviderError(
          'RETRYABLE',
          'PROVIDER_UNAVAILABLE',
          'The built-in generator is briefly unavailable (simulated); it works on the next try.',
        );
      case 'permanent':
        throw new ProviderError(
          'PERMANENT',
          'INVALID_INPUT',
          'The built-in generator was asked to fail.',
        );
      case 'blocked':
        throw new ProviderError(
          'BLOCKED',
          'CONTENT_FILTERED',
          'The built-in generator refused this prompt (simulated content filter).',
        );
      case 'hang':
        await waitForAbort(signal);
    }
  }

  async function run(request: GenerationRequest, context: RunContext): Promise<ProviderOutput[]> {
    const { signal } = context;
    throwIfAborted(signal);
    const job = prepare(catalogue, request);
    const tint = await referenceTint(request.references);
    // Output i is drawn from seed + i, so asking for it alone with that seed draws it again.
    const scenes = Array.from({ length: request.count }, (_, index) =>
      buildScene({
        random: seededRandom(job.model.version, job.words, request.seed + index, job.style),
        tint,
        style: job.style,
        width: request.width,
        height: request.height,
      }),
    );
    const first = scenes[0]!;
    for (let step = 1; step <= job.steps; step++) {
      await sleep(stepMs, signal);
      const preview = await drawing(() => renderPreview(first, step / job.steps));
      throwIfAborted(signal);
      await context.report({
        progress: step / job.steps,
        message: `Step ${step} of ${job.steps}`,
        preview: { data: preview, contentType: 'image/webp' },
      });
      if (step === 1 && job.simulate) await simulate(job.simulate, request.generationId, signal);
      throwIfAborted(signal);
    }
    const video = job.model.kind === 'VIDEO';
    const outputs = await drawing(() =>
      Promise.all(
        scenes.map((scene) => (video ? renderAnimation(scene, job.seconds) : renderPng(scene))),
      ),
    );
    throwIfAborted(signal);
    return outputs.map((data) => ({ data, contentType: video ? 'image/webp' : 'image/png' }));
  }

  return {
    id: 'local',
    name: 'Built-in generator',
    description:
      'Draws deterministic abstract pictures and short clips on this server, with no AI model: ' +
      'for trying the product and for tests. The same prompt and seed always give the same result.',
    enabled: true,
    models: () => structuredClone(catalogue),
    run: (request, context) =>
      run(request, context).catch((error: unknown) => {
        // Whatever failed after an abort (a report, a drawing), the abort is what happened.
        throw context.signal.aborted ? abortError(context.signal) : error;
      }),
    // There is no remote job: remoteJobId is ignored and recordRemoteJob never called.
    cancel: async () => {},
    validateKey: async () => true,
  };
}

/** Drawing failures are bugs or resource limits here, not something a retry would fix. */
async function drawing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProviderError(
      'PERMANENT',
      'PROVIDER_ERROR',
      `The built-in generator could not draw: ${reason}`,
    );
  }
}
