import { returnedRows } from '../../db/returned-rows';
import { addJob } from '../../queue/queue';
import { GenerationEventType } from './generation-event.entity';
import { finishGeneration } from './generation-finish';
import { announce, appendEvent } from './generation-events';
import type { RunnerDeps } from './generation-runner';
import { GenerationStatus } from './generation.entity';
import { RUN_TASK } from './generation.service';

/**
 * Finds running generations whose worker stopped sending heartbeats (it crashed or was killed)
 * and queues them again; the next attempt resumes the provider's job when there is one. One
 * that has used all its attempts fails, and its credits are released. Safe to run from every
 * worker at once: each generation is taken by one sweep (SKIP LOCKED).
 */
export async function recoverStalled(
  deps: Pick<RunnerDeps, 'dataSource' | 'events' | 'ledger' | 'timings' | 'logger'>,
): Promise<number> {
  const stalled = returnedRows<{ id: string; attempts: number }>(
    (await deps.dataSource.query(
      `SELECT id, attempts FROM generations
       WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $1)
       ORDER BY heartbeat_at LIMIT 100`,
      [deps.timings.staleMs / 1000],
    )) as unknown[],
  );
  let recovered = 0;
  for (const { id, attempts } of stalled) {
    if (attempts >= deps.timings.maxAttempts) {
      await finishGeneration(deps, id, {
        status: GenerationStatus.FAILED,
        errorCode: 'WORKER_LOST',
        message: `The worker running it stopped ${attempts} times`,
      });
      continue;
    }
    const notice = await deps.dataSource.transaction(async (manager) => {
      const [row] = returnedRows<{ id: string }>(
        (await manager.query(
          `UPDATE generations SET status = 'QUEUED', worker_id = NULL, heartbeat_at = NULL
           WHERE id = $1 AND status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $2)
           RETURNING id`,
          [id, deps.timings.staleMs / 1000],
        )) as unknown[],
      );
      if (!row) return null;
      await addJob(manager, {
        task: RUN_TASK,
        payload: { generationId: id },
        options: { jobKey: `generation:${id}`, maxAttempts: 1 },
      });
      return appendEvent(manager, id, {
        type: GenerationEventType.RETRYING,
        status: GenerationStatus.QUEUED,
        message: 'The worker running it stopped; starting it again.',
      });
    });
    if (notice) {
      recovered += 1;
      await announce(deps.events, [notice]);
    }
  }
  recovered += await requeueOrphans(deps);
  if (recovered > 0) deps.logger.warn({ recovered }, 'recovered generations of a stopped worker');
  return recovered;
}

/**
 * Queued generations whose job is gone (it failed outside the pipeline's own handling, e.g. the
 * database went away mid-claim) get a new job, so none waits forever.
 */
async function requeueOrphans(deps: Pick<RunnerDeps, 'dataSource' | 'timings'>): Promise<number> {
  const rows = returnedRows<{ id: string }>(
    (await deps.dataSource.query(
      `SELECT g.id FROM generations g
       WHERE g.status = 'QUEUED' AND g.created_at < now() - make_interval(secs => $1)
         AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j
           WHERE j.key = 'generation:' || g.id AND j.attempts < j.max_attempts)
       LIMIT 100`,
      [deps.timings.staleMs / 1000],
    )) as unknown[],
  );
  for (const { id } of rows) {
    await deps.dataSource.transaction(async (manager) => {
      const [still] = returnedRows(
        (await manager.query(
          `SELECT id FROM generations WHERE id = $1 AND status = 'QUEUED' FOR UPDATE`,
          [id],
        )) as unknown[],
      );
      if (!still) return;
      await addJob(manager, {
        task: RUN_TASK,
        payload: { generationId: id },
        options: { jobKey: `generation:${id}`, maxAttempts: 1 },
      });
    });
  }
  return rows.length;
}
