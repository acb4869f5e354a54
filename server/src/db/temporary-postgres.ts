import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger';
import { startEmbeddedPostgres, type RunningDatabase } from './embedded-postgres';

/**
 * A throwaway embedded PostgreSQL under the system temp directory, tuned for speed, removed on
 * stop. Used by tests, benchmarks and `npm run check`, never for user data.
 */
export async function startTemporaryPostgres(
  logger: Logger,
  database = 'aiofm',
): Promise<RunningDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aiofm-pg-'));
  // As root the server runs as the postgres user, which must be able to enter this directory.
  chmodSync(dataDir, 0o755);
  try {
    const running = await startEmbeddedPostgres({ dataDir, logger, database, ephemeral: true });
    return {
      ...running,
      stop: async () => {
        await running.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
