import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DATA_DIR_ENV, REPO_ROOT } from './server';

const run = promisify(execFile);

/**
 * Publishes an operator notice the way operators do (`npm run notice`), against the data
 * directory of the server that global setup started.
 */
export async function publishNotice(level: 'info' | 'warning' | 'critical', message: string) {
  const dataDir = process.env[DATA_DIR_ENV];
  if (!dataDir)
    throw new Error(`${DATA_DIR_ENV} is not set: run these tests through e2e/jest.config.cjs`);
  await run(
    process.execPath,
    [path.join('server', 'dist', 'cli', 'notice.js'), '--level', level, message],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' },
      timeout: 30_000,
    },
  );
}
