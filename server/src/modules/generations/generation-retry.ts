import { returnedRows } from '../../db/returned-rows';
import { addJob } from '../../queue/queue';
import { GenerationEventType } from './generation-event.entity';
import { announce, appendEvent } from './generation-events';
import type { RunnerDeps } from './generation-runner';
import { GenerationStatus, type Generation } from './generation.entity';
import { RUN_TASK } from './generation.service';

/** Backoff between attempts: 1 s, 2 s, 4 s … up to 30 s, unless the provider said when. */
export function retryDelayMs(attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(retryAfterMs, 0), 5 * 60_000);
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Puts a generation back in the queue for a later attempt (its remote job id is kept, so the
 * next attempt resumes the provider's job). False when it has used all its attempts.
 */
export async function scheduleRetry(
  deps: Pick<RunnerDeps, 'dataSource' | 'events' | 'timings'>,
  generation: Generation,
  failure: { code: string; message: string; retryAfterMs?: number },
): Promise<boolean> {
  if (generation.attempts >= deps.timings.maxAttempts) return false;
  const delay = retryDelayMs(generation.attempts, failure.retryAfterMs);
  const notice = await deps.dataSource.transaction(async (manager) => {
    const [row] = returnedRows<{ id: string }>(
      (await manager.query(
        `UPDATE generations SET status = 'QUEUED', worker_id = NULL, heartbeat_at = NULL
         WHERE id = $1 AND status = 'RUNNING' RETURNING id`,
        [generation.id],
      )) as unknown[],
    );
    if (!row) return null;
    await addJob(manager, {
      task: RUN_TASK,
      payload: { generationId: generation.id },
      options: {
        jobKey: `generation:${generation.id}`,
        runAt: new Date(Date.now() + delay),
        maxAttempts: 1,
      },
    });
    return appendEvent(manager, generation.id, {
      type: GenerationEventType.RETRYING,
      status: GenerationStatus.QUEUED,
      message: `${failure.message} Trying again in ${Math.ceil(delay / 1000)} s.`,
    });
  });
  if (notice) await announce(deps.events, [notice]);
  return true;
}
