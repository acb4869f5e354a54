export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __database__?: { stop(): Promise<void> } }).__database__?.stop();
}
