import { Client } from 'pg';
import WebSocket from 'ws';
import { EVENTS_CHANNEL } from '../src/graphql/events';
import { NoticeLevel } from '../src/modules/system/notice.entity';
import { startTestServer, subscribeOnce, type TestServer } from './support/test-server';

const NOTICES = 'subscription { notices { id level message createdAt } }';
type NoticeData = { notices: { id: string; level: string; message: string; createdAt: string } };

describe('live events over WebSocket', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('runs queries over the graphql-ws protocol on /graphql', async () => {
    const client = server.ws();
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: '{ serverInfo { name } }' },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    expect(result).toEqual({ data: { serverInfo: { name: 'aiofm' } } });
  });

  it('delivers an event NOTIFYed from another database connection to a subscriber', async () => {
    const { value } = await subscribeOnce<NoticeData>(server.ws(), NOTICES);

    // A different process (here: a bare connection) stores a notice and announces it.
    const other = new Client({ connectionString: server.runtime.databaseUrl });
    await other.connect();
    try {
      const { rows } = await other.query<{ id: string }>(
        `INSERT INTO notices (level, message) VALUES ('WARNING', 'Maintenance at 22:00 UTC') RETURNING id`,
      );
      await other.query('SELECT pg_notify($1, $2)', [
        EVENTS_CHANNEL,
        JSON.stringify({ topic: 'notices', payload: { id: rows[0]!.id } }),
      ]);
      const event = await value;
      expect(event.notices).toMatchObject({
        id: rows[0]!.id,
        level: 'WARNING',
        message: 'Maintenance at 22:00 UTC',
      });
    } finally {
      await other.end();
    }
  });

  it('fans a published notice out to every subscriber', async () => {
    const first = await subscribeOnce<NoticeData>(server.ws(), NOTICES);
    const second = await subscribeOnce<NoticeData>(server.ws(), NOTICES);
    const notice = await server.runtime.services.notices.publish({
      level: NoticeLevel.INFO,
      message: 'New models are available',
    });
    expect((await first.value).notices.id).toBe(notice.id);
    expect((await second.value).notices.id).toBe(notice.id);
  });

  it('refuses a browser connection from a foreign origin', async () => {
    const socket = new WebSocket(
      `${server.url.replace('http', 'ws')}/graphql`,
      'graphql-transport-ws',
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
  });

  it('accepts the app origin', async () => {
    const socket = new WebSocket(
      `${server.url.replace('http', 'ws')}/graphql`,
      'graphql-transport-ws',
      {
        headers: { origin: server.config.publicUrl.origin },
      },
    );
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => resolve());
      socket.on('unexpected-response', () => reject(new Error('refused')));
    });
    socket.close();
  });

  it('reports subscription validation errors with a code', async () => {
    const client = server.ws();
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { nope }' },
        { next: () => undefined, error: resolve, complete: () => undefined },
      );
    });
    expect(error).toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
  });
});

describe('notices', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('refuses an empty or overlong message and stores nothing', async () => {
    const { notices } = server.runtime.services;
    await expect(
      notices.publish({ level: NoticeLevel.INFO, message: '   ' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      notices.publish({ level: NoticeLevel.INFO, message: 'x'.repeat(501) }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await server.runtime.dataSource.query('SELECT count(*)::int AS n FROM notices')).toEqual(
      [{ n: 0 }],
    );
  });
});
