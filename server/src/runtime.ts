import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Runner } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { Logger } from './logger';
import { createDataSource } from './db/data-source';
import { migrate, migrationsApplied, openDatabase } from './db/database';
import type { RunningDatabase } from './db/embedded-postgres';
import { PostgresEventBus } from './graphql/events';
import { attachLiveSources } from './graphql/live-sources';
import { buildAppSchema } from './graphql/schema';
import { createHttpApi, type HttpApi } from './http/app';
import { mailTasks } from './modules/accounts/account-mail';
import { createAccountsModule } from './modules/accounts/accounts.module';
import { createOAuthRouter } from './modules/accounts/oauth/oauth.router';
import { createBillingModule } from './modules/billing/billing.module';
import { createCreditsModule } from './modules/credits/credits.module';
import { createMailer } from './modules/mail/mailer';
import { generationStorageFrom } from './modules/generations/generation-storage';
import { createGenerationsModule } from './modules/generations/generations.module';
import { ProviderRegistry } from './modules/generations/provider-registry';
import { createLibraryModule } from './modules/library/library.module';
import { createProviders } from './modules/providers/catalog';
import type { GenerationProvider } from './modules/providers/provider';
import { createStorageModule } from './modules/storage/storage.module';
import { NoticeResolver } from './modules/system/notice.resolver';
import { NoticeService } from './modules/system/notice.service';
import { ServerInfo, ServerInfoResolver } from './modules/system/server-info';
import { createQueuePool, installQueueSchema, startWorker, type TaskList } from './queue/queue';
import { StartupError } from './startup-error';
import { VERSION } from './version';

/** Which parts this process runs: `all` (the default `npm start`), or one role for scaling out. */
export type Role = 'all' | 'api' | 'worker';

export interface Runtime {
  config: Config;
  databaseUrl: string;
  dataSource: DataSource;
  events: PostgresEventBus;
  services: { notices: NoticeService } & ReturnType<typeof createAccountsModule>['services'] &
    ReturnType<typeof createCreditsModule>['services'] &
    ReturnType<typeof createBillingModule>['services'] &
    ReturnType<typeof createStorageModule>['services'] &
    ReturnType<typeof createGenerationsModule>['services'] &
    ReturnType<typeof createLibraryModule>['services'] & {
      /** Re-queues generations whose worker stopped (the worker also runs it on a timer). */
      recoverStalledGenerations(): Promise<number>;
    };
  /** The api's address, when this process serves HTTP. */
  url: string | undefined;
  /** Drains HTTP and WebSocket, lets running jobs finish, closes the database. */
  stop(): Promise<void>;
}

/**
 * The composition root: database, migrations, queue, events, services, then the api and/or the
 * worker. Used by `main.ts` and by the integration tests, so both run the same wiring.
 */
export async function startRuntime(params: {
  config: Config;
  logger: Logger;
  role: Role;
  /** Extra worker tasks (tests); merged over the modules' own. */
  tasks?: TaskList;
  /** An already running database (tests); otherwise DATABASE_URL or the embedded one. */
  database?: RunningDatabase;
  /** How often live connections are checked for expired sessions (tests shorten it). */
  liveSessionSweepMs?: number;
  /** The generation providers (tests); otherwise the built-in generator and the configured ones. */
  providers?: GenerationProvider[];
}): Promise<Runtime> {
  const { config, logger, role } = params;
  const stack: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stack.reverse()) {
      await step().catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'));
    }
    stack.length = 0;
  };

  try {
    const database = params.database ?? (await openDatabase(config, logger));
    stack.push(() => database.stop());

    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    stack.push(() => dataSource.destroy());
    await migrate(dataSource, logger);

    const queuePool = createQueuePool({
      url: database.url,
      max: config.workerConcurrency + 2,
      logger,
    });
    stack.push(() => queuePool.end());
    await installQueueSchema(queuePool, logger);

    const events = new PostgresEventBus(
      database.url,
      (sql, args) => dataSource.query(sql, args),
      logger,
    );
    await events.start();
    stack.push(() => events.stop());

    const notices = new NoticeService(dataSource, events);
    const accounts = createAccountsModule({ config, dataSource, events, logger });
    const credits = createCreditsModule({
      dataSource,
      events,
      accounts: accounts.services.accounts,
      signupCredits: config.signupCredits,
    });
    await credits.start();
    const billing = createBillingModule({
      config,
      dataSource,
      ledger: credits.services.ledger,
      limiter: accounts.services.limiter,
      logger,
    });
    const storage = createStorageModule({
      config,
      dataSource,
      limiter: accounts.services.limiter,
      logger,
    });
    const { generation } = config;
    const registry = new ProviderRegistry(params.providers ?? createProviders(config));
    const library = createLibraryModule({
      dataSource,
      registry,
      assets: storage.services.assets,
    });
    const generations = createGenerationsModule({
      dataSource,
      events,
      ledger: credits.services.ledger,
      limiter: accounts.services.limiter,
      storage: generationStorageFrom(storage.services.assets),
      registry,
      composer: library.composer,
      logger,
      settings: {
        timings: {
          timeoutMs: generation.timeoutMs,
          staleMs: generation.staleMs,
          heartbeatMs: Math.max(250, Math.floor(generation.staleMs / 6)),
          maxAttempts: generation.maxAttempts,
        },
        limits: { maxActive: generation.maxActive, startsPerMinute: generation.startsPerMinute },
        sweepMs: Math.max(500, Math.floor(generation.staleMs / 2)),
      },
    });
    const mailer = createMailer({
      driver: config.mail.smtpUrl ? 'smtp' : 'file',
      dataDir: config.dataDir,
      smtpUrl: config.mail.smtpUrl,
      from: config.mail.from,
      logger,
    });
    stack.push(() => mailer.close());
    const serverInfo = Object.assign(new ServerInfo(), {
      name: 'aiofm',
      version: VERSION,
      environment: config.nodeEnv,
      startedAt: new Date(),
    });

    let worker: Runner | undefined;
    if (role === 'all' || role === 'worker') {
      worker = await startWorker({
        pool: queuePool,
        tasks: {
          ...accounts.tasks,
          ...storage.tasks,
          ...generations.tasks,
          ...mailTasks(mailer, logger),
          ...params.tasks,
        },
        cron: [...accounts.cron, ...storage.cron],
        concurrency: config.workerConcurrency,
        logger,
      });
      const running = worker;
      stack.push(() => running.stop());
      stack.push(generations.startWorkerSide());
    }

    let api: HttpApi | undefined;
    let url: string | undefined;
    if (role === 'all' || role === 'api') {
      const schema = await buildAppSchema({
        resolvers: [
          new ServerInfoResolver(serverInfo),
          new NoticeResolver(notices),
          ...accounts.resolvers,
          ...credits.resolvers,
          ...billing.resolvers,
          ...storage.resolvers,
          ...generations.resolvers,
          ...library.resolvers(generations.services.generations),
        ],
        pubSub: events.pubSub,
      });
      attachLiveSources(schema, generations.liveSources);
      api = await createHttpApi({
        config,
        logger,
        schema,
        authenticate: accounts.authenticate,
        routes: [
          createOAuthRouter({
            config,
            dataSource,
            accounts: accounts.services.accounts,
            sessions: accounts.services.sessions,
            limiter: accounts.services.limiter,
            authenticate: accounts.authenticate,
            logger,
          }),
          ...billing.routes,
          ...storage.routes,
        ],
        isReady: async () => {
          const checks = {
            database: await dataSource.query('SELECT 1').then(
              () => true,
              () => false,
            ),
            migrations: await migrationsApplied(dataSource).catch(() => false),
          };
          return { ready: Object.values(checks).every(Boolean), checks };
        },
      });
      const server = api.server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) =>
          reject(
            error.code === 'EADDRINUSE' || error.code === 'EACCES'
              ? new StartupError(
                  `Port ${config.port} on ${config.host} is ${error.code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}: ` +
                    'stop the other process or choose another with PORT=<number>.',
                )
              : error,
          ),
        );
        server.listen(config.port, config.host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      const local = ['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost'].includes(config.host);
      url = `http://${local ? 'localhost' : config.host}:${port}`;
      const running = api;
      stack.push(() => running.close());
      stack.push(accounts.guardLiveConnections(api.connections, params.liveSessionSweepMs));
    }

    return {
      config,
      databaseUrl: database.url,
      dataSource,
      events,
      services: {
        notices,
        ...accounts.services,
        ...credits.services,
        ...billing.services,
        ...storage.services,
        ...generations.services,
        ...library.services,
        recoverStalledGenerations: generations.recoverStalled,
      },
      url,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
