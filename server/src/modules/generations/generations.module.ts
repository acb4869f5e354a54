import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { DataSource } from 'typeorm';
import type { EventBus } from '../../graphql/events';
import type { Logger } from '../../logger';
import type { TaskList } from '../../queue/queue';
import type { LedgerService } from '../credits/ledger.service';
import type { RateLimiter } from '../security/rate-limiter';
import { GenerationFeed } from './generation-feed';
import { recoverStalled } from './generation-recovery';
import {
  createRunTask,
  RunningGenerations,
  StopReason,
  type RunnerDeps,
  type RunnerTimings,
} from './generation-runner';
import type { GenerationComposer } from './generation-composer';
import type { GenerationStorage } from './generation-storage';
import {
  GENERATION_FEED,
  GenerationEventResolver,
  GenerationResolver,
} from './generation.resolver';
import {
  CANCEL_TOPIC,
  GenerationService,
  RUN_TASK,
  type CancelNotice,
  type GenerationLimits,
} from './generation.service';
import type { ProviderRegistry } from './provider-registry';

export interface GenerationSettings {
  timings: RunnerTimings;
  limits: GenerationLimits;
  /** How often each worker looks for generations whose worker stopped. */
  sweepMs: number;
}

/** The generations domain, wired: the service, the worker task, recovery and the live feeds. */
export function createGenerationsModule(params: {
  dataSource: DataSource;
  events: EventBus;
  ledger: LedgerService;
  limiter: RateLimiter;
  storage: GenerationStorage;
  registry: ProviderRegistry;
  logger: Logger;
  settings: GenerationSettings;
  /** Builds requests from plain settings, recipes, templates and characters (the library). */
  composer: GenerationComposer;
}) {
  const { dataSource, events, ledger, storage, logger, settings } = params;
  const { registry } = params;
  const service = new GenerationService(
    dataSource,
    events,
    ledger,
    registry,
    storage,
    params.limiter,
    settings.limits,
    params.composer,
  );
  const running = new RunningGenerations();
  const deps: RunnerDeps = {
    dataSource,
    events,
    ledger,
    registry,
    storage,
    logger: logger.child({ component: 'generations' }),
    workerId: `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    timings: settings.timings,
  };
  const tasks: TaskList = { [RUN_TASK]: createRunTask(deps, running) };

  return {
    services: { generations: service, providerRegistry: registry },
    resolvers: [
      new GenerationResolver(service, registry, dataSource),
      new GenerationEventResolver(dataSource),
    ],
    liveSources: { [GENERATION_FEED]: new GenerationFeed(dataSource, events) },
    tasks,
    /** Sweeps for work of stopped workers, for tests and the worker's timer. */
    recoverStalled: () => recoverStalled(deps),

    /**
     * The worker side: aborts the runs that a cancel names, and sweeps for generations whose
     * worker stopped. Returns the function that stops both.
     */
    startWorkerSide(): () => Promise<void> {
      const cancels = events.pubSub.subscribe(CANCEL_TOPIC)[Symbol.asyncIterator]();
      void (async () => {
        for (;;) {
          const next = await cancels.next();
          if (next.done) return;
          running.stop((next.value as CancelNotice).generationId, new StopReason('cancel'));
        }
      })();
      const sweep = setInterval(() => {
        recoverStalled(deps).catch((error: unknown) =>
          deps.logger.warn({ err: error }, 'recovery sweep failed'),
        );
      }, settings.sweepMs);
      sweep.unref();
      return async () => {
        clearInterval(sweep);
        await cancels.return?.();
      };
    },
  };
}
