import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { BrowserClient, linkIn, SIGN_UP, tokenOf } from './support/browser-client';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { startTestServer, subscribeOnce, type TestServer } from './support/test-server';

const PASSWORD = 'correct horse battery staple';
const CREDITS = '{ me { credits { available held subscription purchased } } }';
const HISTORY = `query ($first: Int!, $after: String) {
  creditTransactions(first: $first, after: $after) {
    edges { cursor node { kind amount balanceAfter description } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type History = {
  creditTransactions: {
    edges: Array<{
      node: { kind: string; amount: number; balanceAfter: number; description: string };
    }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('credits over GraphQL', () => {
  let server: TestServer;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer({
      env: { SMTP_URL: smtp.url, ADMIN_EMAILS: 'Boss@Example.com', SIGNUP_CREDITS: '50' },
    });
  });
  afterAll(async () => {
    await server.stop();
    await smtp.stop();
  });

  /** Signs up and opens the verification link; returns the signed-in browser. */
  async function verifiedUser(email: string): Promise<BrowserClient> {
    const browser = new BrowserClient(server.url);
    await browser.ok(SIGN_UP, {
      input: { name: 'Credit User', email, password: PASSWORD, ageConfirmed: true },
    });
    const mail = await smtp.waitFor(
      (message) =>
        (message.to as { text: string }).text === email && /Confirm/.test(message.subject ?? ''),
    );
    await browser.ok('mutation ($token: String!) { verifyEmail(token: $token) { id } }', {
      token: tokenOf(linkIn(mail.text, '/verify-email')),
    });
    return browser;
  }

  it('grants the welcome credits once, when the email is verified, and pushes the new balance live', async () => {
    const browser = new BrowserClient(server.url);
    await browser.ok(SIGN_UP, {
      input: { name: 'Newcomer', email: 'new@example.com', password: PASSWORD, ageConfirmed: true },
    });
    expect(await browser.ok(CREDITS)).toEqual({
      me: { credits: { available: 0, held: 0, subscription: 0, purchased: 0 } },
    });

    class CookieSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie: browser.cookieHeader() } });
      }
    }
    const live = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: CookieSocket,
      retryAttempts: 0,
    });
    const pushed = await subscribeOnce<{ creditsChanged: { available: number } }>(
      live,
      'subscription { creditsChanged { available held } }',
    );

    const mail = await smtp.waitFor(
      (message) => (message.to as { text: string }).text === 'new@example.com',
    );
    const token = tokenOf(linkIn(mail.text, '/verify-email'));
    await browser.ok('mutation ($token: String!) { verifyEmail(token: $token) { id } }', { token });
    expect(await pushed.value).toEqual({ creditsChanged: { available: 50, held: 0 } });
    await live.dispose();

    // A second verification (a resent link) grants nothing more.
    await browser.ok('mutation { resendVerificationEmail }').catch(() => undefined);
    expect(await browser.ok(CREDITS)).toEqual({
      me: { credits: { available: 50, held: 0, subscription: 0, purchased: 50 } },
    });
    const history = await browser.ok<History>(HISTORY, { first: 10 });
    expect(history.creditTransactions.edges.map((edge) => edge.node)).toEqual([
      {
        kind: 'SIGNUP_GRANT',
        amount: 50,
        balanceAfter: 50,
        description: 'Welcome credits for confirming your email',
      },
    ]);
  });

  it('lets only admins grant credits, with a reason the user sees', async () => {
    const admin = await verifiedUser('boss@example.com');
    expect(await admin.ok('{ me { role } }')).toEqual({ me: { role: 'ADMIN' } });
    const user = await verifiedUser('worker@example.com');
    const { me } = await user.ok<{ me: { id: string; role: string } }>('{ me { id role } }');
    expect(me.role).toBe('USER');

    const grant =
      'mutation ($input: AdminGrantCreditsInput!) { adminGrantCredits(input: $input) { amount balanceAfter description } }';
    const input = {
      userId: me.id,
      amount: 25,
      reason: 'Sorry about the outage',
      idempotencyKey: 'outage-2026-11-29',
    };
    expect((await user.fails(grant, { input })).code).toBe('FORBIDDEN');
    expect(await admin.ok(grant, { input })).toEqual({
      adminGrantCredits: {
        amount: 25,
        balanceAfter: 75,
        description: 'Granted by the operators: Sorry about the outage',
      },
    });
    // Retrying with the same key grants nothing more.
    await admin.ok(grant, { input });
    expect(await user.ok(CREDITS)).toEqual({
      me: { credits: { available: 75, held: 0, subscription: 0, purchased: 75 } },
    });
    expect(
      (await admin.fails(grant, { input: { ...input, amount: 0, idempotencyKey: 'zero-credits' } }))
        .code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (
        await admin.fails(grant, {
          input: {
            ...input,
            userId: '00000000-0000-4000-8000-000000000000',
            idempotencyKey: 'nobody-here',
          },
        })
      ).code,
    ).toBe('NOT_FOUND');
  });

  it('pages through the history newest first', async () => {
    const user = await verifiedUser('pages@example.com');
    const { me } = await user.ok<{ me: { id: string } }>('{ me { id } }');
    for (let i = 1; i <= 5; i++) {
      await server.runtime.services.ledger.grant({
        userId: me.id,
        amount: i,
        kind: 'ADMIN_GRANT' as never,
        key: `page-${me.id}-${i}`,
        metadata: { reason: `gift ${i}` },
      });
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: History = await user.ok<History>(HISTORY, { first: 2, after });
      seen.push(...page.creditTransactions.edges.map((edge) => edge.node.description));
      after = page.creditTransactions.pageInfo.hasNextPage
        ? page.creditTransactions.pageInfo.endCursor
        : null;
    } while (after);
    expect(seen).toEqual([
      'Granted by the operators: gift 5',
      'Granted by the operators: gift 4',
      'Granted by the operators: gift 3',
      'Granted by the operators: gift 2',
      'Granted by the operators: gift 1',
      'Welcome credits for confirming your email',
    ]);
    expect((await user.fails(HISTORY, { first: 101 })).code).toBe('BAD_USER_INPUT');
    expect((await user.fails(HISTORY, { first: 2, after: 'garbage' })).code).toBe('BAD_USER_INPUT');
  });
});
