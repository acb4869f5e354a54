import type { Task } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import { returnedRows } from '../../db/returned-rows';
import type { EventBus } from '../../graphql/events';
import type { Logger } from '../../logger';
import type { LedgerService } from '../credits/ledger.service';
import { ProviderError, type GenerationRequest, type ProviderOutput } from '../providers/provider';
import { GenerationEventType } from './generation-event.entity';
import { finishGeneration } from './generation-finish';
import { announce, appendEvent } from './generation-events';
import { ProgressRecorder } from './generation-progress';
import { scheduleRetry } from './generation-retry';
import type { GenerationStorage } from './generation-storage';
import { Generation, GenerationStatus } from './generation.entity';
import type { ProviderRegistry } from './provider-registry';

/** Why a run's signal was aborted. */
export class StopReason {
  constructor(readonly kind: 'cancel' | 'timeout' | 'lost') {}
}

/** Timing of the pipeline; tests shorten them. */
export interface RunnerTimings {
  /** The longest one generation may run, all attempts together. */
  timeoutMs: number;
  heartbeatMs: number;
  /** A RUNNING generation whose heartbeat is older than this has lost its worker. */
  staleMs: number;
  maxAttempts: number;
}

export interface RunnerDeps {
  dataSource: DataSource;
  events: EventBus;
  ledger: LedgerService;
  registry: ProviderRegistry;
  storage: GenerationStorage;
  logger: Logger;
  workerId: string;
  timings: RunnerTimings;
}

/** Largest output fetched from a provider URL. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** The generations this process is running, so a cancel notice can abort the right one. */
export class RunningGenerations {
  private readonly controllers = new Map<string, AbortController>();

  add(id: string, controller: AbortController) {
    this.controllers.set(id, controller);
  }

  remove(id: string) {
    this.controllers.delete(id);
  }

  stop(id: string, reason: StopReason) {
    this.controllers.get(id)?.abort(reason);
  }
}

/** Takes a generation for this worker: QUEUED ones, or RUNNING ones whose worker went silent. */
async function claim(deps: RunnerDeps, generationId: string) {
  return deps.dataSource.transaction(async (manager) => {
    const [row] = returnedRows<{ id: string }>(
      (await manager.query(
        `UPDATE generations SET status = 'RUNNING', started_at = coalesce(started_at, now()),
           worker_id = $2, heartbeat_at = now(), attempts = attempts + 1
         WHERE id = $1 AND (status = 'QUEUED' OR
           (status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $3)))
         RETURNING id`,
        [generationId, deps.workerId, deps.timings.staleMs / 1000],
      )) as unknown[],
    );
    if (!row) return null;
    const generation = await manager
      .getRepository(Generation)
      .findOneByOrFail({ id: generationId });
    const notice = await appendEvent(manager, generationId, {
      type: GenerationEventType.STARTED,
      status: GenerationStatus.RUNNING,
      message:
        generation.attempts === 1
          ? 'Started'
          : `Started again (attempt ${generation.attempts} of ${deps.timings.maxAttempts})`,
    });
    return { generation, notice };
  });
}

/** Outputs stored by an attempt that did not finish are removed before trying again. */
async function discardEarlierOutputs(deps: RunnerDeps, generation: Generation) {
  const rows = returnedRows<{ asset_id: string }>(
    (await deps.dataSource.query(
      'DELETE FROM generation_outputs WHERE generation_id = $1 AND attempt < $2 RETURNING asset_id',
      [generation.id, generation.attempts],
    )) as unknown[],
  );
  if (rows.length > 0) {
    await deps.storage.deleteAssets({
      userId: generation.ownerId,
      assetIds: rows.map((row) => row.asset_id),
    });
  }
}

async function download(output: ProviderOutput, signal: AbortSignal) {
  if ('data' in output) return { data: output.data, contentType: output.contentType };
  const response = await fetch(output.url, { headers: output.headers, signal });
  if (!response.ok) {
    throw new ProviderError(
      'RETRYABLE',
      'OUTPUT_UNAVAILABLE',
      `The provider's output could not be downloaded (HTTP ${response.status}).`,
    );
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_OUTPUT_BYTES) {
    throw new ProviderError(
      'PERMANENT',
      'OUTPUT_TOO_LARGE',
      'The provider returned an output larger than 512 MB.',
    );
  }
  const data = Buffer.from(await response.arrayBuffer());
  const contentType =
    output.contentType ?? response.headers.get('content-type') ?? 'application/octet-stream';
  return { data, contentType };
}

/** Copies every output into our storage (provider URLs expire), recording each as it lands. */
async function storeOutputs(
  deps: RunnerDeps,
  generation: Generation,
  outputs: ProviderOutput[],
  signal: AbortSignal,
) {
  for (const [position, output] of outputs.entries()) {
    const { data, contentType } = await download(output, signal);
    const assetId = await deps.storage.storeGenerated({
      userId: generation.ownerId,
      kind: 'OUTPUT',
      data,
      contentType,
    });
    const notice = await deps.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO generation_outputs (generation_id, position, asset_id, attempt) VALUES ($1, $2, $3, $4)`,
        [generation.id, position, assetId, generation.attempts],
      );
      return appendEvent(manager, generation.id, {
        type: GenerationEventType.OUTPUT,
        message: `Output ${position + 1} of ${outputs.length} saved`,
        assetId,
      });
    });
    await announce(deps.events, [notice]);
  }
}

/**
 * The worker task: claims the generation, runs its provider with an AbortSignal (cancel,
 * timeout, lost worker), records progress, stores the outputs, and ends it exactly once.
 * Retryable failures are scheduled again with backoff; the task itself never throws for a
 * provider's failure, so the queue's own retries never pay a provider twice.
 */
export function createRunTask(deps: RunnerDeps, running: RunningGenerations): Task {
  return async (payload) => {
    const { generationId } = payload as { generationId: string };
    const claimed = await claim(deps, generationId);
    if (!claimed) return;
    await announce(deps.events, [claimed.notice]);
    const { generation } = claimed;
    const log = deps.logger.child({ generationId, attempt: generation.attempts });
    if (generation.cancelRequestedAt) {
      await finishGeneration(deps, generationId, {
        status: GenerationStatus.CANCELED,
        message: 'Canceled',
      });
      return;
    }
    const provider = deps.registry.find(generation.provider);
    const model = provider?.models().find((candidate) => candidate.id === generation.model);
    if (!provider || !model) {
      await finishGeneration(deps, generationId, {
        status: GenerationStatus.FAILED,
        errorCode: 'PROVIDER_UNAVAILABLE',
        message: `${generation.provider} / ${generation.model} is no longer offered on this server`,
      });
      return;
    }

    const controller = new AbortController();
    running.add(generationId, controller);
    const elapsed = Date.now() - (generation.startedAt ?? new Date()).getTime();
    const timeout = setTimeout(
      () => controller.abort(new StopReason('timeout')),
      Math.max(0, deps.timings.timeoutMs - elapsed),
    );
    const heartbeat = setInterval(() => {
      deps.dataSource
        .query(
          `UPDATE generations SET heartbeat_at = now()
           WHERE id = $1 AND worker_id = $2 AND status = 'RUNNING' RETURNING cancel_requested_at`,
          [generationId, deps.workerId],
        )
        .then((result: unknown[]) => {
          const [row] = returnedRows<{ cancel_requested_at: Date | null }>(result);
          if (!row) controller.abort(new StopReason('lost'));
          else if (row.cancel_requested_at) controller.abort(new StopReason('cancel'));
        })
        .catch((error: unknown) => log.warn({ err: error }, 'heartbeat failed'));
    }, deps.timings.heartbeatMs);
    const recorder = new ProgressRecorder(
      deps,
      generationId,
      generation.ownerId,
      generation.previewAssetId,
    );

    try {
      await discardEarlierOutputs(deps, generation);
      const request: GenerationRequest = {
        generationId,
        kind: generation.kind,
        model,
        prompt: generation.prompt,
        negativePrompt: generation.negativePrompt,
        count: generation.count,
        width: generation.width,
        height: generation.height,
        aspectRatio: generation.aspectRatio,
        durationSeconds: generation.durationSeconds,
        seed: generation.seed,
        references: await deps.storage.references({
          userId: generation.ownerId,
          assetIds: generation.referenceAssetIds,
        }),
        params: generation.params,
      };
      const outputs = await provider.run(request, {
        signal: controller.signal,
        remoteJobId: generation.remoteJobId,
        recordRemoteJob: async (remoteJobId) => {
          await deps.dataSource.query('UPDATE generations SET remote_job_id = $2 WHERE id = $1', [
            generationId,
            remoteJobId,
          ]);
          generation.remoteJobId = remoteJobId;
        },
        report: (update) => recorder.report(update),
      });
      controller.signal.throwIfAborted();
      if (outputs.length === 0) {
        throw new ProviderError(
          'PERMANENT',
          'NO_OUTPUT',
          'The provider finished without any output.',
        );
      }
      await storeOutputs(deps, generation, outputs, controller.signal);
      await finishGeneration(deps, generationId, {
        status: GenerationStatus.SUCCEEDED,
        message: `Done: ${outputs.length} output${outputs.length === 1 ? '' : 's'}`,
      });
    } catch (error) {
      await endAfterError(deps, generation, controller.signal, error, log);
    } finally {
      clearTimeout(timeout);
      clearInterval(heartbeat);
      running.remove(generationId);
    }
  };
}

/** Decides how a failed run ends: canceled, timed out, blocked, failed, or tried again. */
async function endAfterError(
  deps: RunnerDeps,
  generation: Generation,
  signal: AbortSignal,
  error: unknown,
  log: Logger,
): Promise<void> {
  const reason: unknown = signal.aborted ? signal.reason : undefined;
  const provider = deps.registry.find(generation.provider);
  if (reason instanceof StopReason) {
    if (reason.kind === 'lost') return; // Another worker took over; it ends the generation.
    if (generation.remoteJobId) {
      await provider
        ?.cancel({ remoteJobId: generation.remoteJobId })
        .catch((cancelError: unknown) =>
          log.warn({ err: cancelError }, 'the provider did not confirm the cancel'),
        );
    }
    await finishGeneration(
      deps,
      generation.id,
      reason.kind === 'cancel'
        ? { status: GenerationStatus.CANCELED, message: 'Canceled' }
        : {
            status: GenerationStatus.FAILED,
            errorCode: 'TIMEOUT',
            message: `Timed out after ${Math.round(deps.timings.timeoutMs / 1000)} s`,
          },
    );
    return;
  }
  if (error instanceof ProviderError && error.failure === 'BLOCKED') {
    await finishGeneration(deps, generation.id, {
      status: GenerationStatus.BLOCKED,
      errorCode: error.code,
      message: error.message,
    });
    return;
  }
  if (error instanceof ProviderError && error.failure === 'PERMANENT') {
    await finishGeneration(deps, generation.id, {
      status: GenerationStatus.FAILED,
      errorCode: error.code,
      message: error.message,
    });
    return;
  }
  // Retryable provider failures, and anything unexpected (network errors, our own bugs).
  if (!(error instanceof ProviderError)) log.error({ err: error }, 'generation run failed');
  const retried = await scheduleRetry(deps, generation, {
    code: error instanceof ProviderError ? error.code : 'INTERNAL',
    message:
      error instanceof ProviderError ? error.message : 'Something went wrong while generating.',
    retryAfterMs: error instanceof ProviderError ? error.retryAfterMs : undefined,
  });
  if (!retried) {
    await finishGeneration(deps, generation.id, {
      status: GenerationStatus.FAILED,
      errorCode: error instanceof ProviderError ? error.code : 'INTERNAL',
      message:
        error instanceof ProviderError
          ? `${error.message} (gave up after ${generation.attempts} attempts)`
          : `Something went wrong while generating (gave up after ${generation.attempts} attempts)`,
    });
  }
}
