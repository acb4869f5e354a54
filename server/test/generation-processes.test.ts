import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TransferKind } from '../src/modules/credits/ledger-transfer.entity';
import { verifyLedger } from '../src/modules/credits/ledger-verifier';
import { signedUp } from './support/billing';
import type { BrowserClient } from './support/browser-client';
import {
  collectEvents,
  imageInput,
  liveClientOf,
  START,
  waitForEnd,
  type Started,
} from './support/generations';
import { startTestServer, type TestServer } from './support/test-server';

const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');
const SECRET = 'test-secret-test-secret-test-secret-0123';

async function fund(server: TestServer, browser: BrowserClient, amount = 50) {
  const { me } = await browser.ok<{ me: { id: string } }>('{ me { id } }');
  await server.runtime.services.ledger.grant({
    userId: me.id,
    amount,
    kind: TransferKind.ADMIN_GRANT,
    key: `fund:${me.id}`,
  });
  return me.id;
}

const start = async (browser: BrowserClient, input: Record<string, unknown>) =>
  (await browser.ok<Started>(START, { input })).startGeneration;

async function captures(server: TestServer, generationId: string) {
  return (await server.runtime.dataSource.query(
    `SELECT kind::text AS kind, count(*)::int AS transfers FROM ledger_transfers
     WHERE reference_type = 'generation' AND reference_id = $1 GROUP BY kind ORDER BY kind::text`,
    [generationId],
  )) as Array<{ kind: string; transfers: number }>;
}

describe('generations across processes', () => {
  it('cancels a queued generation at once and refunds it', async () => {
    // An api without a worker: nothing runs, so the generation stays queued.
    const api = await startTestServer({ role: 'api' });
    try {
      const browser = await signedUp(api);
      await fund(api, browser);
      const started = await start(browser, imageInput());
      const cancelled = await browser.ok<{ cancelGeneration: { status: string } }>(
        'mutation ($id: ID!) { cancelGeneration(id: $id) { status } }',
        { id: started.id },
      );
      expect(cancelled.cancelGeneration.status).toBe('CANCELED');
      const client = liveClientOf(api, browser);
      const events = await collectEvents(client, started.id);
      await client.dispose();
      expect(events.map((event) => event.type)).toEqual(['CREATED', 'CANCELED']);
      expect(
        (
          await browser.ok<{ me: { credits: { available: number; held: number } } }>(
            '{ me { credits { available held } } }',
          )
        ).me.credits,
      ).toEqual({ available: 50, held: 0 });
      expect(await captures(api, started.id)).toEqual([
        { kind: 'HOLD', transfers: 1 },
        { kind: 'RELEASE', transfers: 1 },
      ]);
      expect(await verifyLedger(api.runtime.dataSource)).toEqual([]);
    } finally {
      await api.stop();
    }
  });

  it('gives a queued generation whose job was lost a new one', async () => {
    const api = await startTestServer({ role: 'api', env: { GENERATION_STALE_MS: '1000' } });
    try {
      const browser = await signedUp(api);
      await fund(api, browser);
      const started = await start(browser, imageInput());
      const jobs = () =>
        api.runtime.dataSource.query(
          `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`,
          [`generation:${started.id}`],
        ) as Promise<[{ n: number }]>;
      await api.runtime.dataSource.query(
        `DELETE FROM graphile_worker._private_jobs WHERE key = $1`,
        [`generation:${started.id}`],
      );
      expect((await jobs())[0].n).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await api.runtime.services.recoverStalledGenerations()).toBe(1);
      expect((await jobs())[0].n).toBe(1);
    } finally {
      await api.stop();
    }
  });

  it('streams events to a subscriber of another api process, and my updates only to me', async () => {
    const first = await startTestServer();
    const second = await startTestServer({ role: 'api', databaseUrl: first.runtime.databaseUrl });
    try {
      const browser = await signedUp(first);
      await fund(first, browser);
      const other = await signedUp(first);
      // The same session cookie works on both api processes: sessions live in PostgreSQL.
      const mine: string[] = [];
      const theirs: string[] = [];
      const myClient = liveClientOf(second, browser);
      const theirClient = liveClientOf(second, other);
      const stopMine = myClient.subscribe<{
        myGenerationUpdates: { id: string; status: string };
      }>(
        { query: 'subscription { myGenerationUpdates { id status progress } }' },
        {
          next: (result) => mine.push(result.data!.myGenerationUpdates.status),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      const stopTheirs = theirClient.subscribe<{
        myGenerationUpdates: { id: string };
      }>(
        { query: 'subscription { myGenerationUpdates { id } }' },
        {
          next: (result) => theirs.push(result.data!.myGenerationUpdates.id),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 200));

      const started = await start(browser, imageInput());
      const eventsClient = liveClientOf(second, browser);
      const events = await collectEvents(eventsClient, started.id);
      await eventsClient.dispose();
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events.at(-1)!.type).toBe('SUCCEEDED');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(mine.at(-1)).toBe('SUCCEEDED');
      expect(mine).toContain('RUNNING');
      expect(theirs).toEqual([]);
      stopMine();
      stopTheirs();
      await myClient.dispose();
      await theirClient.dispose();
    } finally {
      await second.stop();
      await first.stop();
    }
  });

  it('recovers a generation whose worker process was killed mid-run, and charges it once', async () => {
    const env = { GENERATION_STALE_MS: '1500', SESSION_SECRET: SECRET };
    const api = await startTestServer({ role: 'api', env });
    let worker: ChildProcess | undefined;
    let rescuer: TestServer | undefined;
    try {
      const browser = await signedUp(api);
      await fund(api, browser);
      // A real worker process on the same database and files, slow enough to be killed mid-run.
      worker = spawn(process.execPath, [MAIN, 'worker'], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          DATABASE_URL: api.runtime.databaseUrl,
          DATA_DIR: api.config.dataDir,
          PUBLIC_URL: api.url,
          LOCAL_STEP_MS: '400',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      worker.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      worker.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

      const started = await start(browser, imageInput());
      const live = liveClientOf(api, browser);
      const events: string[] = [];
      const running = collectEvents(live, started.id, {
        timeoutMs: 30_000,
        onEvent: (event) => {
          events.push(event.type);
          // Killed after its first step: no chance to clean up or say goodbye.
          if (event.type === 'PROGRESS' || event.type === 'PREVIEW') worker?.kill('SIGKILL');
        },
      });
      await new Promise<void>((resolve, reject) => {
        const check = setInterval(() => {
          if (worker?.signalCode === 'SIGKILL') {
            clearInterval(check);
            resolve();
          }
        }, 50);
        setTimeout(() => {
          clearInterval(check);
          reject(new Error(`the worker never ran the generation:\n${output}`));
        }, 20_000);
      });

      // Another worker notices the silence, queues it again and runs it to the end.
      rescuer = await startTestServer({
        role: 'worker',
        databaseUrl: api.runtime.databaseUrl,
        env: { ...env, DATA_DIR: api.config.dataDir, LOCAL_STEP_MS: '10' },
      });
      const seen = await running;
      expect(seen.at(-1)!.type).toBe('SUCCEEDED');
      expect(seen.map((event) => event.type)).toContain('RETRYING');
      const ended = await waitForEnd(browser, started.id);
      expect(ended).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
      expect(ended.outputs).toHaveLength(1);
      expect(await captures(api, started.id)).toEqual([
        { kind: 'CAPTURE', transfers: 1 },
        { kind: 'HOLD', transfers: 1 },
      ]);
      expect(await verifyLedger(api.runtime.dataSource)).toEqual([]);
      await live.dispose();
    } finally {
      worker?.kill('SIGKILL');
      await rescuer?.stop();
      await api.stop();
    }
  });
});
