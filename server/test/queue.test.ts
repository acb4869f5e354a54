import type { JobHelpers } from 'graphile-worker';
import { addJob } from '../src/queue/queue';
import { startTestServer, type TestServer } from './support/test-server';

describe('the job queue', () => {
  let server: TestServer;
  const ran: unknown[] = [];
  let onRun: (() => void) | undefined;

  beforeAll(async () => {
    server = await startTestServer({
      tasks: {
        'test.record': async (payload: unknown, _helpers: JobHelpers) => {
          ran.push(payload);
          onRun?.();
        },
      },
    });
  });
  afterAll(() => server.stop());

  it('runs a job added in a committed transaction, within moments', async () => {
    const done = new Promise<void>((resolve) => (onRun = resolve));
    const started = Date.now();
    await server.runtime.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO notices (level, message) VALUES ('INFO', 'with a job')`);
      await addJob(manager, { task: 'test.record', payload: { n: 1 } });
    });
    await done;
    expect(ran).toContainEqual({ n: 1 });
    // Picked up by LISTEN/NOTIFY, not by the 2 s poll.
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('never runs a job whose transaction rolled back', async () => {
    await expect(
      server.runtime.dataSource.transaction(async (manager) => {
        await addJob(manager, { task: 'test.record', payload: { n: 'rolled back' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const done = new Promise<void>((resolve) => (onRun = resolve));
    await server.runtime.dataSource.transaction((manager) =>
      addJob(manager, { task: 'test.record', payload: { n: 2 } }),
    );
    await done;
    expect(ran).not.toContainEqual({ n: 'rolled back' });
    const [{ count }] = await server.runtime.dataSource.query(
      `SELECT count(*)::int AS count FROM graphile_worker._private_jobs WHERE payload->>'n' = 'rolled back'`,
    );
    expect(count).toBe(0);
  });
});
