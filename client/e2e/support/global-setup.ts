import { BASE_URL_ENV, DATA_DIR_ENV, startServer } from './server';
import type { RunningServer } from './server';

declare global {
  // Handed from global setup to global teardown, which run in the same process.
  var __AIOFM_E2E_SERVER__: RunningServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  const server = await startServer();
  globalThis.__AIOFM_E2E_SERVER__ = server;
  // Test files read the address from the environment, which their workers inherit.
  process.env[BASE_URL_ENV] = server.baseUrl;
  process.env[DATA_DIR_ENV] = server.dataDir;
}
