import {
  Logger as WorkerLogger,
  parseCronItems,
  run,
  runMigrations,
  type Runner,
  type TaskList,
} from 'graphile-worker';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import type { Logger } from '../logger';

export type { TaskList };

/** Options for one job; see graphile_worker.add_job. */
export interface JobOptions {
  /** Jobs with the same key are deduplicated (the later one replaces the earlier, unless it is running). */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  queueName?: string;
  priority?: number;
}

/**
 * Adds a job inside the caller's transaction: if the transaction rolls back the job never
 * existed, and once it commits a worker picks it up within milliseconds (LISTEN/NOTIFY).
 */
export async function addJob(
  manager: EntityManager,
  params: { task: string; payload: unknown; options?: JobOptions },
): Promise<void> {
  const { task, payload, options = {} } = params;
  await manager.query(
    `SELECT graphile_worker.add_job(
       identifier => $1, payload => $2::json, queue_name => $3, run_at => $4,
       max_attempts => $5, job_key => $6, priority => $7)`,
    [
      task,
      JSON.stringify(payload ?? {}),
      options.queueName ?? null,
      options.runAt ?? null,
      options.maxAttempts ?? null,
      options.jobKey ?? null,
      options.priority ?? null,
    ],
  );
}

function workerLogger(logger: Logger): WorkerLogger {
  const log = logger.child({ component: 'worker' });
  return new WorkerLogger(() => (level, message, meta) => {
    const method =
      level === 'error'
        ? 'error'
        : level === 'warning'
          ? 'warn'
          : level === 'info'
            ? 'info'
            : 'debug';
    log[method](meta ?? {}, message);
  });
}

/** A connection pool for the queue, with the error handlers an idle connection needs. */
export function createQueuePool(params: { url: string; max: number; logger: Logger }): Pool {
  const pool = new Pool({
    connectionString: params.url,
    max: params.max,
    application_name: 'aiofm-queue',
  });
  const onError = (error: Error) => params.logger.warn({ err: error }, 'queue connection failed');
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/** Installs or upgrades graphile-worker's own schema; safe to call from every process. */
export async function installQueueSchema(pool: Pool, logger: Logger): Promise<void> {
  await runMigrations({ pgPool: pool, logger: workerLogger(logger) });
}

/** Starts a worker that runs the given tasks until `stop()`, which lets running jobs finish. */
export async function startWorker(params: {
  pool: Pool;
  tasks: TaskList;
  concurrency: number;
  logger: Logger;
  /** Recurring tasks, crontab syntax, e.g. `{ task: 'accounts.prune', match: '17 * * * *' }`. */
  cron?: Array<{ task: string; match: string }>;
}): Promise<Runner> {
  return run({
    pgPool: params.pool,
    taskList: params.tasks,
    concurrency: params.concurrency,
    logger: workerLogger(params.logger),
    noHandleSignals: true,
    pollInterval: 2000,
    // Schedules come from the modules, not a crontab file in the working directory.
    parsedCronItems: parseCronItems(
      (params.cron ?? []).map(({ task, match }) => ({ task, match, identifier: task })),
    ),
  });
}
