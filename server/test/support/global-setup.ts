import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { migrate } from '../../src/db/database';
import { startTemporaryPostgres } from '../../src/db/temporary-postgres';
import { createLogger } from '../../src/logger';
import { createQueuePool, installQueueSchema } from '../../src/queue/queue';
import { TEMPLATE_DATABASE, withDatabase } from './database';

/**
 * One PostgreSQL for the whole run (DATABASE_URL if set, else a temporary embedded one), with a
 * migrated template database that each test file clones for isolated data.
 */
export default async function globalSetup(): Promise<void> {
  const logger = createLogger('warn');
  // Tests that start the real process need the compiled server (swc: under a second).
  execFileSync('npm', ['run', 'build:server', '--silent'], {
    cwd: path.resolve(__dirname, '..', '..', '..'),
    stdio: 'inherit',
  });

  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const database = await startTemporaryPostgres(logger, 'postgres');
    (globalThis as { __database__?: { stop(): Promise<void> } }).__database__ = database;
    adminUrl = database.url;
  }
  process.env.AIOFM_TEST_ADMIN_URL = adminUrl;

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, TEMPLATE_DATABASE);
  const dataSource = createDataSource(templateUrl, { poolSize: 2 });
  await dataSource.initialize();
  await migrate(dataSource, logger);
  await dataSource.destroy();
  const pool = createQueuePool({ url: templateUrl, max: 2, logger });
  await installQueueSchema(pool, logger);
  await pool.end();
}
