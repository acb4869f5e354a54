import 'reflect-metadata';
import { runScript } from './cli/run-script';
import { startRuntime, type Role } from './runtime';
import { VERSION } from './version';

const ROLES: readonly Role[] = ['all', 'api', 'worker'];

runScript(async (config, logger) => {
  const role = (process.argv[2] ?? 'all') as Role;
  if (!ROLES.includes(role)) {
    process.stderr.write(`aiofm: unknown role "${role}"; use one of ${ROLES.join(', ')}\n`);
    return 64;
  }

  const runtime = await startRuntime({ config, logger, role });
  logger.info({ role, version: VERSION, url: runtime.url }, 'aiofm is ready');
  if (runtime.url) {
    process.stdout.write(
      `\naiofm ${VERSION} is ready at ${runtime.url}  (playground: ${runtime.url}/graphiql)\n\n`,
    );
  } else {
    process.stdout.write(`\naiofm ${VERSION} worker is running\n\n`);
  }

  await new Promise<void>((resolve) => {
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down: draining connections and running jobs');
      const force = setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs + 15_000);
      force.unref();
      runtime.stop().then(() => {
        logger.info('stopped cleanly');
        resolve();
      });
    };
    process.on('SIGTERM', shutdown);
    process.on('SIGINT', shutdown);
  });
});
