import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { startEmbeddedPostgres, type RunningDatabase } from './embedded-postgres';

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL under DATA_DIR when it is unset. */
export async function openDatabase(config: Config, logger: Logger): Promise<RunningDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, owned: false, stop: async () => undefined };
  }
  return startEmbeddedPostgres({ dataDir: config.dataDir, logger });
}

// Any fixed number: every process takes the same lock so only one migrates at a time.
const MIGRATION_LOCK_ID = 4_201_337;

/** Runs pending migrations under an advisory lock, so api and worker processes can start together. */
export async function migrate(dataSource: DataSource, logger: Logger): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied)
      logger.info({ migration: migration.name }, 'migration applied');
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}

/** True when every migration the code knows about has been applied. */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
