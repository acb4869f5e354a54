import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SESSION_COOKIE } from '../src/modules/accounts/session-cookie';
import { BrowserClient, ME, SIGN_IN, SIGN_UP } from './support/browser-client';
import { startTestServer, subscribeOnce, type TestServer } from './support/test-server';

const PASSWORD = 'correct horse battery staple';
const SESSIONS = '{ sessions { id device current ipAddress createdAt lastSeenAt expiresAt } }';
type SessionRow = { id: string; device: string; current: boolean };

/** A graphql-ws client that sends the browser's cookies (and Origin) on the upgrade request. */
function liveClient(
  server: TestServer,
  browser: BrowserClient,
  options: { authorization?: string } = {},
): WsClient {
  const cookie = browser.cookieHeader();
  const origin = server.config.publicUrl.origin;
  class BrowserWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { origin, ...(cookie ? { cookie } : {}) } });
    }
  }
  return createClient({
    url: `${server.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: BrowserWebSocket,
    retryAttempts: 0,
    lazy: false,
    // Closing is what some tests expect; graphql-ws would print it to the console.
    onNonLazyError: () => undefined,
    connectionParams: options.authorization ? { authorization: options.authorization } : undefined,
  });
}

function closeCode(client: WsClient): Promise<number> {
  return new Promise((resolve) =>
    client.on('closed', (event) => resolve((event as { code: number }).code)),
  );
}

function execute<T>(
  client: WsClient,
  query: string,
): Promise<{ data?: T; errors?: Array<{ extensions?: { code?: string } }> }> {
  return new Promise((resolve, reject) => {
    client.subscribe<T>(
      { query },
      { next: (value) => resolve(value as never), error: reject, complete: () => undefined },
    );
  });
}

async function signedUp(
  server: TestServer,
  email: string,
  userAgent?: string,
): Promise<BrowserClient> {
  const browser = new BrowserClient(server.url, userAgent);
  await browser.ok(SIGN_UP, {
    input: { name: email.split('@')[0], email, password: PASSWORD, ageConfirmed: true },
  });
  return browser;
}

async function signedIn(
  server: TestServer,
  email: string,
  userAgent?: string,
): Promise<BrowserClient> {
  const browser = new BrowserClient(server.url, userAgent);
  await browser.ok(SIGN_IN, { input: { email, password: PASSWORD } });
  return browser;
}

describe('sessions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ liveSessionSweepMs: 200 });
  });
  afterAll(() => server.stop());

  it('lists my sessions only, and never lets me end someone else’s', async () => {
    const laptop = await signedUp(server, 'amy@example.com');
    const phone = await signedIn(
      server,
      'amy@example.com',
      'Mozilla/5.0 (Linux; Android 15) Chrome/140.0 Mobile Safari/537.36',
    );
    const other = await signedUp(server, 'bob@example.com');

    const mine = (await laptop.ok<{ sessions: SessionRow[] }>(SESSIONS)).sessions;
    expect(mine).toHaveLength(2);
    expect(mine.filter((session) => session.current)).toHaveLength(1);
    expect(mine.map((session) => session.device).sort()).toEqual([
      'Chrome on Android',
      'Firefox on Linux',
    ]);

    const bobs = (await other.ok<{ sessions: SessionRow[] }>(SESSIONS)).sessions;
    const denied = await laptop.fails('mutation ($id: ID!) { revokeSession(id: $id) }', {
      id: bobs[0]!.id,
    });
    expect(denied.code).toBe('NOT_FOUND');
    expect((await other.ok<{ me: { email: string } }>(ME)).me.email).toBe('bob@example.com');

    const phoneSession = mine.find((session) => !session.current)!;
    await laptop.ok('mutation ($id: ID!) { revokeSession(id: $id) }', { id: phoneSession.id });
    expect((await phone.ok<{ me: null }>(ME)).me).toBeNull();
    expect((await phone.fails(SESSIONS)).code).toBe('UNAUTHENTICATED');
  });

  it('signs out every other session at once', async () => {
    const laptop = await signedUp(server, 'cy@example.com');
    const others = [
      await signedIn(server, 'cy@example.com'),
      await signedIn(server, 'cy@example.com'),
    ];
    expect(await laptop.ok('mutation { revokeOtherSessions }')).toEqual({ revokeOtherSessions: 2 });
    for (const browser of others) expect((await browser.ok<{ me: null }>(ME)).me).toBeNull();
    expect((await laptop.ok<{ me: { email: string } }>(ME)).me.email).toBe('cy@example.com');
  });

  it('ignores forged or unknown session cookies', async () => {
    const forged = new BrowserClient(server.url);
    forged.cookies.set(SESSION_COOKIE, 'forged-token-value-1234567890');
    expect((await forged.ok<{ me: null }>(ME)).me).toBeNull();
    expect((await forged.fails(SESSIONS)).code).toBe('UNAUTHENTICATED');
  });

  it('accepts the session token as a bearer token for scripts', async () => {
    const browser = await signedUp(server, 'dee@example.com');
    const token = browser.cookies.get(SESSION_COOKIE)!;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: ME }),
    });
    expect(((await response.json()) as { data: { me: { email: string } } }).data.me.email).toBe(
      'dee@example.com',
    );

    const script = liveClient(server, new BrowserClient(server.url), {
      authorization: `Bearer ${token}`,
    });
    expect((await execute<{ me: { email: string } }>(script, ME)).data?.me.email).toBe(
      'dee@example.com',
    );
    await script.dispose();
  });

  it('slides the expiry forward when half of it is used', async () => {
    const browser = await signedUp(server, 'eve@example.com');
    await server.runtime.dataSource.query(
      `UPDATE sessions SET expires_at = now() + interval '10 days' WHERE user_id = (SELECT id FROM users WHERE email = 'eve@example.com')`,
    );
    await browser.ok(ME);
    expect(
      browser.lastSetCookies.find((header) => header.startsWith(`${SESSION_COOKIE}=`)),
    ).toMatch(/Max-Age=259\d{4}/);
    const [{ days }] = await server.runtime.dataSource.query(
      `SELECT round(extract(epoch FROM expires_at - now()) / 86400) AS days FROM sessions
       WHERE user_id = (SELECT id FROM users WHERE email = 'eve@example.com')`,
    );
    expect(Number(days)).toBe(30);
  });

  describe('live connections', () => {
    it('know who is signed in, and refuse closed fields to anonymous ones', async () => {
      const browser = await signedUp(server, 'fay@example.com');
      const live = liveClient(server, browser);
      expect((await execute<{ me: { email: string } }>(live, ME)).data?.me.email).toBe(
        'fay@example.com',
      );
      const anonymous = liveClient(server, new BrowserClient(server.url));
      expect((await execute(anonymous, SESSIONS)).errors?.[0]?.extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      await Promise.all([live.dispose(), anonymous.dispose()]);
    });

    it('close when their session is revoked elsewhere', async () => {
      const laptop = await signedUp(server, 'gus@example.com');
      const phone = await signedIn(server, 'gus@example.com');
      const live = liveClient(server, phone);
      const closed = closeCode(live);
      await subscribeOnce(live, 'subscription { notices { id } }');
      const laptopLive = liveClient(server, laptop);
      await execute(laptopLive, ME);

      expect(await laptop.ok('mutation { revokeOtherSessions }')).toEqual({
        revokeOtherSessions: 1,
      });
      expect(await closed).toBe(4401);
      // The laptop's own connection stays open.
      expect((await execute<{ me: { email: string } }>(laptopLive, ME)).data?.me.email).toBe(
        'gus@example.com',
      );
      await laptopLive.dispose();
    });

    it('close when their session expires', async () => {
      const browser = await signedUp(server, 'hal@example.com');
      const live = liveClient(server, browser);
      const closed = closeCode(live);
      await execute(live, ME);
      await server.runtime.dataSource.query(
        `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE email = 'hal@example.com')`,
      );
      expect(await closed).toBe(4401);
    });
  });
});

describe('rate limits', () => {
  it('stop repeated sign-in attempts across api processes, and say when to retry', async () => {
    const first = await startTestServer();
    const second = await startTestServer({ databaseUrl: first.runtime.databaseUrl, role: 'api' });
    try {
      await signedUp(first, 'ivy@example.com');
      const attempt = (server: TestServer) =>
        new BrowserClient(server.url).graphql(SIGN_IN, {
          input: { email: 'ivy@example.com', password: 'wrong password!' },
        });
      for (let i = 0; i < 5; i++) {
        expect((await attempt(first)).body.errors?.[0]?.extensions?.code).toBe(
          'INVALID_CREDENTIALS',
        );
        expect((await attempt(second)).body.errors?.[0]?.extensions?.code).toBe(
          'INVALID_CREDENTIALS',
        );
      }
      const limited = (await attempt(second)).body.errors?.[0];
      expect(limited?.extensions?.code).toBe('RATE_LIMITED');
      expect(limited?.message).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
      expect(limited?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      // Even the right password waits for the window to pass.
      const right = await new BrowserClient(first.url).graphql(SIGN_IN, {
        input: { email: 'ivy@example.com', password: PASSWORD },
      });
      expect(right.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
