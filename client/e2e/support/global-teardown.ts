import { stopServer } from './server';

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__AIOFM_E2E_SERVER__;
  if (!server) return;
  globalThis.__AIOFM_E2E_SERVER__ = undefined;
  await stopServer(server);
}
