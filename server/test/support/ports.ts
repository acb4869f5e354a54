import { createServer, type AddressInfo } from 'node:net';

/** A port free right now on loopback (for a server whose PUBLIC_URL must name its port). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
