import { createHash } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { BrowserClient, linkIn, SIGN_UP } from './support/browser-client';
import { startOidcIssuer, type IssuerPerson, type OidcIssuer } from './support/oidc-issuer';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { startTestServer, type TestServer } from './support/test-server';

const PASSWORD = 'correct horse battery staple';
const CLIENT_ID = 'aiofm-test-client';
const CLIENT_SECRET = 'oidc-client-secret-for-tests';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

const ME = `{ me {
  id email name emailVerified avatarUrl ageConfirmedAt hasPassword
  linkedAccounts { id provider providerName email }
} }`;
const UNLINK = 'mutation ($id: ID!) { unlinkAccount(id: $id) { id } }';

interface Me {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  avatarUrl: string | null;
  ageConfirmedAt: string | null;
  hasPassword: boolean;
  linkedAccounts: Array<{
    id: string;
    provider: string;
    providerName: string;
    email: string | null;
  }>;
}

interface Visit {
  status: number;
  location: string | null;
  setCookies: string[];
  body: string;
}

/** A port nobody listens on, so PUBLIC_URL (and with it the redirect URI) can name it up front. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('social sign-in through an OpenID Connect issuer', () => {
  let issuer: OidcIssuer;
  let smtp: SmtpSink;
  let server: TestServer;

  beforeAll(async () => {
    issuer = await startOidcIssuer();
    smtp = await startSmtpSink();
    const port = await freePort();
    server = await startTestServer({
      captureLogs: true,
      env: {
        PORT: String(port),
        PUBLIC_URL: `http://localhost:${port}`,
        SMTP_URL: smtp.url,
        OAUTH_OIDC_ISSUER: issuer.url,
        OAUTH_OIDC_CLIENT_ID: CLIENT_ID,
        OAUTH_OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OAUTH_OIDC_NAME: 'Example SSO',
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
    await issuer?.stop();
  });
  // Every test starts with fresh per-IP limits: they all come from loopback.
  beforeEach(async () => {
    await server.runtime.dataSource.query('DELETE FROM rate_limits');
  });

  /** A GET as the browser makes it: its cookies go to our server only, redirects are not followed. */
  async function visit(browser: BrowserClient, url: string): Promise<Visit> {
    const ours = new URL(url).origin === new URL(server.url).origin;
    const response = await fetch(url, {
      redirect: 'manual',
      headers: {
        'user-agent': USER_AGENT,
        accept: 'text/html',
        ...(ours && browser.cookies.size > 0 ? { cookie: browser.cookieHeader() } : {}),
      },
    });
    const setCookies = response.headers.getSetCookie();
    if (ours) {
      for (const header of setCookies) {
        const [pair, ...attributes] = header.split(';');
        const [name, ...value] = pair!.split('=');
        const removed = attributes.some((part) => part.trim().toLowerCase() === 'max-age=0');
        if (removed) browser.cookies.delete(name!.trim());
        else browser.cookies.set(name!.trim(), value.join('='));
      }
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      setCookies,
      body: await response.text(),
    };
  }

  /** Starts the flow at our server and lets the issuer send the browser back with a code. */
  async function startFlow(browser: BrowserClient, options: { link?: boolean } = {}) {
    const start = await visit(browser, `${server.url}/auth/oidc${options.link ? '?link=1' : ''}`);
    expect(start.status).toBe(302);
    const authorizeUrl = new URL(start.location!);
    const authorize = await visit(browser, authorizeUrl.toString());
    expect(authorize.status).toBe(302);
    return { start, authorizeUrl, callbackUrl: new URL(authorize.location!) };
  }

  /** The whole round trip: our server, the issuer, and back to the callback. */
  async function signInWithIssuer(
    browser: BrowserClient,
    person: IssuerPerson,
    options: { link?: boolean } = {},
  ): Promise<Visit & { code: string }> {
    await issuer.signInAs(person);
    const { callbackUrl } = await startFlow(browser, options);
    const callback = await visit(browser, callbackUrl.toString());
    expect(callback.status).toBe(302);
    return { ...callback, code: callbackUrl.searchParams.get('code')! };
  }

  const sessionSet = (visit: Visit) =>
    visit.setCookies.some(
      (header) => header.startsWith('aiofm_session=') && !/Max-Age=0(;|$)/.test(header),
    );
  const userCount = async (email: string) =>
    (
      (await server.runtime.dataSource.query(
        'SELECT count(*)::int AS n FROM users WHERE email = $1',
        [email],
      )) as Array<{ n: number }>
    )[0]!.n;

  it('sends the browser to the issuer with state and PKCE kept in short-lived cookies', async () => {
    const browser = new BrowserClient(server.url);
    const start = await visit(browser, `${server.url}/auth/oidc?link=1`);
    expect(start.status).toBe(302);
    expect(start.setCookies.join('\n')).not.toMatch(/aiofm_oauth_intent=link/);

    const url = new URL(start.location!);
    expect(`${url.origin}${url.pathname}`).toBe(`${issuer.url}/authorize`);
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${server.url}/auth/oidc/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      state: browser.cookies.get('aiofm_oauth_state'),
    });
    const verifier = browser.cookies.get('aiofm_oauth_verifier')!;
    expect(query.code_challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));

    for (const name of ['aiofm_oauth_state', 'aiofm_oauth_verifier']) {
      const cookie = start.setCookies.find((header) => header.startsWith(`${name}=`))!;
      expect(cookie).toMatch(/; Path=\/auth(;|$)/);
      expect(cookie).toMatch(/; HttpOnly(;|$)/);
      expect(cookie).toMatch(/; SameSite=Lax(;|$)/);
      expect(cookie).toMatch(/; Max-Age=600(;|$)/);
      expect(cookie).not.toMatch(/Secure/);
    }
    expect(start.setCookies.some((header) => header.startsWith('aiofm_session='))).toBe(false);
    expect(start.body).not.toContain(verifier);
  });

  it('creates an account on first sign-in, asks for the age, and reuses the account later', async () => {
    const browser = new BrowserClient(server.url);
    const callback = await signInWithIssuer(browser, {
      sub: 'issuer-ada',
      email: 'Ada@Example.org',
      email_verified: true,
      name: 'Ada Lovelace',
      picture: 'https://images.example.org/ada.png',
    });
    expect(callback.location).toBe('/welcome/age');
    const session = callback.setCookies.find((header) => header.startsWith('aiofm_session='))!;
    expect(session).toMatch(/; HttpOnly(;|$)/);
    expect(session).toMatch(/; SameSite=Lax(;|$)/);
    expect(session).toMatch(/; Path=\/(;|$)/);
    // The flow's cookies are spent.
    for (const name of ['aiofm_oauth_state', 'aiofm_oauth_verifier', 'aiofm_oauth_intent']) {
      expect(callback.setCookies).toContainEqual(
        expect.stringMatching(`^${name}=; Path=/auth;.*Max-Age=0`),
      );
    }
    expect(await issuer.lastTokenRequest()).toEqual({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${server.url}/auth/oidc/callback`,
      codeVerifier: true,
    });

    const { me } = await browser.ok<{ me: Me }>(ME);
    expect(me).toMatchObject({
      email: 'ada@example.org',
      name: 'Ada Lovelace',
      emailVerified: true,
      avatarUrl: 'https://images.example.org/ada.png',
      ageConfirmedAt: null,
      hasPassword: false,
      linkedAccounts: [{ provider: 'oidc', providerName: 'Example SSO', email: 'ada@example.org' }],
    });

    // Until the 18+ question is answered, only `me`, `confirmAge` and `signOut` work.
    expect((await browser.fails('{ sessions { id } }')).code).toBe('AGE_CONFIRMATION_REQUIRED');
    expect(
      (await browser.fails('mutation { updateProfile(input: { name: "Ada" }) { id } }')).code,
    ).toBe('AGE_CONFIRMATION_REQUIRED');
    const confirmed = await browser.ok<{ confirmAge: { ageConfirmedAt: string | null } }>(
      'mutation { confirmAge { ageConfirmedAt } }',
    );
    expect(confirmed.confirmAge.ageConfirmedAt).not.toBeNull();
    expect(
      (await browser.ok<{ sessions: unknown[] }>('{ sessions { id } }')).sessions,
    ).toHaveLength(1);

    // Another device: the same person, the same account, straight to the app.
    const laptop = new BrowserClient(server.url);
    const again = await signInWithIssuer(laptop, {
      sub: 'issuer-ada',
      email: 'ada@example.org',
      email_verified: true,
      name: 'Ada L.',
    });
    expect(again.location).toBe('/');
    expect(sessionSet(again)).toBe(true);
    const second = await laptop.ok<{ me: Me }>(ME);
    expect(second.me.id).toBe(me.id);
    expect(second.me.name).toBe('Ada Lovelace');
    expect(await userCount('ada@example.org')).toBe(1);

    // Signing in again in a browser that has a session replaces that session.
    await signInWithIssuer(laptop, {
      sub: 'issuer-ada',
      email: 'ada@example.org',
      email_verified: true,
    });
    expect((await laptop.ok<{ sessions: unknown[] }>('{ sessions { id } }')).sessions).toHaveLength(
      2,
    );

    // No code, token or secret of the flow reached a log line.
    const logs = server.logs();
    expect(logs).toContain('account created through a provider');
    for (const secret of [CLIENT_SECRET, callback.code, browser.cookies.get('aiofm_session')!]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('names the account after the address and asks to verify it when the issuer has not', async () => {
    smtp.clear();
    const browser = new BrowserClient(server.url);
    const callback = await signInWithIssuer(browser, {
      sub: 'issuer-unverified',
      email: 'Lin.Chen@Example.org',
      email_verified: false,
      picture: 'http://images.example.org/lin.png',
    });
    expect(callback.location).toBe('/welcome/age');
    const { me } = await browser.ok<{ me: Me }>(ME);
    expect(me).toMatchObject({
      email: 'lin.chen@example.org',
      name: 'lin.chen',
      emailVerified: false,
      avatarUrl: null,
    });
    const mail = await smtp.waitFor((message) => message.subject?.includes('Confirm') ?? false);
    expect(mail.to).toMatchObject({ text: 'lin.chen@example.org' });
    expect(linkIn(mail.text, '/verify-email').startsWith(`${server.url}/verify-email?token=`)).toBe(
      true,
    );
  });

  it('refuses a callback whose state is wrong or missing and starts no session', async () => {
    const person = { sub: 'issuer-mallory', email: 'mallory@example.org', email_verified: true };
    await issuer.signInAs(person);

    const browser = new BrowserClient(server.url);
    const { callbackUrl } = await startFlow(browser);
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', `${callbackUrl.searchParams.get('state')!.slice(0, -1)}x`);
    const wrong = await visit(browser, forged.toString());
    expect(wrong.location).toBe('/sign-in?error=oauth_failed');
    expect(sessionSet(wrong)).toBe(false);
    // The flow is spent even though it failed: the real callback cannot be replayed after it.
    expect(browser.cookies.has('aiofm_oauth_state')).toBe(false);
    expect((await visit(browser, callbackUrl.toString())).location).toBe(
      '/sign-in?error=oauth_failed',
    );

    // A callback in a browser that never started the flow (a forged link sent to someone).
    const other = await startFlow(new BrowserClient(server.url));
    const stranger = new BrowserClient(server.url);
    const noState = await visit(stranger, other.callbackUrl.toString());
    expect(noState.location).toBe('/sign-in?error=oauth_failed');
    expect(sessionSet(noState)).toBe(false);

    // The state matches but the PKCE verifier cookie is gone.
    const withoutVerifier = new BrowserClient(server.url);
    const flow = await startFlow(withoutVerifier);
    withoutVerifier.cookies.delete('aiofm_oauth_verifier');
    const noVerifier = await visit(withoutVerifier, flow.callbackUrl.toString());
    expect(noVerifier.location).toBe('/sign-in?error=oauth_failed');

    // A verifier other than the one the challenge was made from: the issuer refuses the code.
    const swapped = new BrowserClient(server.url);
    const swappedFlow = await startFlow(swapped);
    swapped.cookies.set('aiofm_oauth_verifier', 'v'.repeat(64));
    expect((await visit(swapped, swappedFlow.callbackUrl.toString())).location).toBe(
      '/sign-in?error=oauth_failed',
    );
    expect(server.logs()).toContain('code_verifier provided does not match code_challenge');

    // No state in the callback at all.
    const bare = new BrowserClient(server.url);
    const bareFlow = await startFlow(bare);
    bareFlow.callbackUrl.searchParams.delete('state');
    expect((await visit(bare, bareFlow.callbackUrl.toString())).location).toBe(
      '/sign-in?error=oauth_failed',
    );

    expect(await userCount('mallory@example.org')).toBe(0);
  });

  it('fails cleanly when the issuer refuses the code or the userinfo request', async () => {
    const person = { sub: 'issuer-flaky', email: 'flaky@example.org', email_verified: true };
    await issuer.failNext('token');
    const refusedCode = await signInWithIssuer(new BrowserClient(server.url), person);
    expect(refusedCode.location).toBe('/sign-in?error=oauth_failed');
    expect(sessionSet(refusedCode)).toBe(false);

    await issuer.failNext('userinfo');
    const refusedProfile = await signInWithIssuer(new BrowserClient(server.url), person);
    expect(refusedProfile.location).toBe('/sign-in?error=oauth_failed');

    // The person declined at the issuer.
    const declined = new BrowserClient(server.url);
    const { callbackUrl } = await startFlow(declined);
    callbackUrl.searchParams.delete('code');
    callbackUrl.searchParams.set('error', 'access_denied');
    expect((await visit(declined, callbackUrl.toString())).location).toBe(
      '/sign-in?error=oauth_failed',
    );
    expect(await userCount('flaky@example.org')).toBe(0);
    expect(server.logs()).toContain('invalid_grant');
  });

  it('needs an email address from the issuer to create an account', async () => {
    const callback = await signInWithIssuer(new BrowserClient(server.url), {
      sub: 'issuer-no-email',
      name: 'No Email',
    });
    expect(callback.location).toBe('/sign-in?error=email_required');
    expect(sessionSet(callback)).toBe(false);
  });

  it('links a password account with the same address only when both sides verified it', async () => {
    const owner = new BrowserClient(server.url);
    smtp.clear();
    const { signUp } = await owner.ok<{ signUp: { id: string } }>(SIGN_UP, {
      input: {
        name: 'Grace Hopper',
        email: 'grace@example.org',
        password: PASSWORD,
        ageConfirmed: true,
      },
    });
    const person = { sub: 'issuer-grace', email: 'grace@example.org', name: 'Grace H.' };

    // We have not verified the address yet: the issuer's word alone does not open the account.
    const ourSideUnverified = await signInWithIssuer(new BrowserClient(server.url), {
      ...person,
      email_verified: true,
    });
    expect(ourSideUnverified.location).toBe('/sign-in?error=email_in_use');
    expect(sessionSet(ourSideUnverified)).toBe(false);

    const verification = await smtp.waitFor((mail) => mail.subject?.includes('Confirm') ?? false);
    await owner.ok('mutation ($token: String!) { verifyEmail(token: $token) { id } }', {
      token: new URL(linkIn(verification.text, '/verify-email')).searchParams.get('token'),
    });

    // The issuer has not verified it: still no silent takeover.
    const issuerSideUnverified = await signInWithIssuer(new BrowserClient(server.url), {
      ...person,
      email_verified: false,
    });
    expect(issuerSideUnverified.location).toBe('/sign-in?error=email_in_use');

    const browser = new BrowserClient(server.url);
    const linked = await signInWithIssuer(browser, { ...person, email_verified: true });
    expect(linked.location).toBe('/');
    const { me } = await browser.ok<{ me: Me }>(ME);
    expect(me).toMatchObject({
      id: signUp.id,
      name: 'Grace Hopper',
      hasPassword: true,
      linkedAccounts: [{ provider: 'oidc', email: 'grace@example.org' }],
    });
    expect(await userCount('grace@example.org')).toBe(1);

    // With a password left, the login can be unlinked.
    await browser.ok(UNLINK, { id: me.linkedAccounts[0]!.id });
    expect((await browser.ok<{ me: Me }>(ME)).me.linkedAccounts).toEqual([]);
  });

  it('does not link by email to an account protected by two-factor authentication', async () => {
    const owner = new BrowserClient(server.url);
    smtp.clear();
    await owner.ok(SIGN_UP, {
      input: { name: 'Hedy', email: 'hedy@example.org', password: PASSWORD, ageConfirmed: true },
    });
    const verification = await smtp.waitFor((mail) => mail.subject?.includes('Confirm') ?? false);
    await owner.ok('mutation ($token: String!) { verifyEmail(token: $token) { id } }', {
      token: new URL(linkIn(verification.text, '/verify-email')).searchParams.get('token'),
    });
    const { beginMfaSetup } = await owner.ok<{ beginMfaSetup: { secret: string } }>(
      'mutation { beginMfaSetup { secret } }',
    );
    const code = generateHOTP(
      decodeBase32IgnorePadding(beginMfaSetup.secret),
      BigInt(Math.floor(Date.now() / 30_000)),
      6,
    );
    await owner.ok('mutation ($code: String!) { confirmMfaSetup(code: $code) { codes } }', {
      code,
    });

    const callback = await signInWithIssuer(new BrowserClient(server.url), {
      sub: 'issuer-hedy',
      email: 'hedy@example.org',
      email_verified: true,
    });
    expect(callback.location).toBe('/sign-in?error=email_in_use');
    expect(sessionSet(callback)).toBe(false);
    expect((await owner.ok<{ me: Me }>(ME)).me.linkedAccounts).toEqual([]);
  });

  it('asks an account with two-factor authentication for its code after the provider', async () => {
    const browser = new BrowserClient(server.url);
    const person = {
      sub: 'issuer-grace',
      email: 'grace@example.org',
      email_verified: true,
      name: 'Grace',
    };
    await signInWithIssuer(browser, person);
    await browser.ok('mutation { confirmAge { id } }');
    const { beginMfaSetup } = await browser.ok<{ beginMfaSetup: { secret: string } }>(
      'mutation { beginMfaSetup { secret } }',
    );
    const key = decodeBase32IgnorePadding(beginMfaSetup.secret);
    const step = Math.floor(Date.now() / 30_000);
    await browser.ok('mutation ($code: String!) { confirmMfaSetup(code: $code) { codes } }', {
      code: generateHOTP(key, BigInt(step), 6),
    });
    await browser.ok('mutation { signOut }');

    const callback = await signInWithIssuer(browser, person);
    expect(callback.location).toBe('/sign-in/verify?provider=oidc');
    expect(sessionSet(callback)).toBe(false);
    expect(browser.cookies.has('aiofm_pending_sign_in')).toBe(true);
    expect((await browser.ok<{ me: null }>(ME)).me).toBeNull();

    const complete =
      'mutation ($input: CompleteSignInInput!) { completeSignIn(input: $input) { email } }';
    expect((await browser.fails(complete, { input: {} })).code).toBe('MFA_REQUIRED');
    expect((await browser.fails(complete, { input: { totpCode: '000000' } })).code).toBe(
      'INVALID_MFA_CODE',
    );
    const pending = browser.cookies.get('aiofm_pending_sign_in')!;
    expect(
      await browser.ok(complete, { input: { totpCode: generateHOTP(key, BigInt(step + 1), 6) } }),
    ).toEqual({ completeSignIn: { email: 'grace@example.org' } });
    expect(browser.cookies.has('aiofm_pending_sign_in')).toBe(false);
    expect((await browser.ok<{ me: { email: string } }>(ME)).me.email).toBe('grace@example.org');

    // The waiting sign-in was used up: replaying its cookie starts nothing.
    const replay = new BrowserClient(server.url);
    replay.cookies.set('aiofm_pending_sign_in', pending);
    expect(
      (
        await replay.fails(complete, {
          input: { totpCode: generateHOTP(key, BigInt(step + 2), 6) },
        })
      ).code,
    ).toBe('INVALID_TOKEN');
    expect(replay.cookies.has('aiofm_session')).toBe(false);
  });

  it('refuses to unlink the only way to sign in of an account without a password', async () => {
    const browser = new BrowserClient(server.url);
    await signInWithIssuer(browser, {
      sub: 'issuer-solo',
      email: 'solo@example.org',
      email_verified: true,
      name: 'Solo',
    });
    await browser.ok('mutation { confirmAge { id } }');
    const { me } = await browser.ok<{ me: Me }>(ME);
    const refused = await browser.fails(UNLINK, { id: me.linkedAccounts[0]!.id });
    expect(refused.code).toBe('LAST_SIGN_IN_METHOD');
    expect((await browser.ok<{ me: Me }>(ME)).me.linkedAccounts).toHaveLength(1);
  });

  it('links the issuer from settings, and never a login that belongs to someone else', async () => {
    const browser = new BrowserClient(server.url);
    const { signUp } = await browser.ok<{ signUp: { id: string } }>(SIGN_UP, {
      input: {
        name: 'Katherine',
        email: 'katherine@example.org',
        password: PASSWORD,
        ageConfirmed: true,
      },
    });
    const sessionBefore = browser.cookies.get('aiofm_session');
    const person = {
      sub: 'issuer-katherine',
      email: 'kj@work.example.org',
      email_verified: true,
      name: 'K. Johnson',
    };

    await issuer.signInAs(person);
    const { start, callbackUrl } = await startFlow(browser, { link: true });
    const intent = start.setCookies.find((header) => header.startsWith('aiofm_oauth_intent='))!;
    expect(intent).toMatch(
      /^aiofm_oauth_intent=link; Path=\/auth; HttpOnly; SameSite=Lax; Max-Age=600/,
    );
    const linked = await visit(browser, callbackUrl.toString());
    expect(linked.location).toBe('/settings/security?linked=oidc');
    // Linking keeps the session the person already has.
    expect(sessionSet(linked)).toBe(false);
    expect(browser.cookies.get('aiofm_session')).toBe(sessionBefore);
    const { me } = await browser.ok<{ me: Me }>(ME);
    expect(me.linkedAccounts).toMatchObject([
      { provider: 'oidc', providerName: 'Example SSO', email: 'kj@work.example.org' },
    ]);
    expect(await userCount('kj@work.example.org')).toBe(0);

    // Linking again is harmless.
    const twice = await signInWithIssuer(browser, person, { link: true });
    expect(twice.location).toBe('/settings/security?linked=oidc');

    // Someone else, signed in, tries to link the same issuer login to their account.
    const intruder = new BrowserClient(server.url);
    await intruder.ok(SIGN_UP, {
      input: { name: 'Eve', email: 'eve@example.org', password: PASSWORD, ageConfirmed: true },
    });
    const taken = await signInWithIssuer(intruder, person, { link: true });
    expect(taken.location).toBe('/settings/security?error=already_linked');
    expect((await intruder.ok<{ me: Me }>(ME)).me.linkedAccounts).toEqual([]);

    // A second, different login at the same issuer is not added next to the first.
    const secondLogin = await signInWithIssuer(
      browser,
      { sub: 'issuer-katherine-2', email: 'katherine@example.org', email_verified: true },
      { link: true },
    );
    expect(secondLogin.location).toBe('/settings/security?error=provider_already_linked');

    // Without the link intent, the linked login signs in to its account.
    const elsewhere = new BrowserClient(server.url);
    const signedIn = await signInWithIssuer(elsewhere, person);
    expect(signedIn.location).toBe('/');
    expect((await elsewhere.ok<{ me: Me }>(ME)).me.id).toBe(signUp.id);

    // `?link=1` without a session is an ordinary sign-in.
    const anonymous = new BrowserClient(server.url);
    const plain = await signInWithIssuer(anonymous, person, { link: true });
    expect(plain.location).toBe('/');
    expect(sessionSet(plain)).toBe(true);
  });

  it('refuses a disabled account', async () => {
    const person = { sub: 'issuer-banned', email: 'banned@example.org', email_verified: true };
    await signInWithIssuer(new BrowserClient(server.url), person);
    await server.runtime.dataSource.query('UPDATE users SET disabled_at = now() WHERE email = $1', [
      'banned@example.org',
    ]);
    const callback = await signInWithIssuer(new BrowserClient(server.url), person);
    expect(callback.location).toBe('/sign-in?error=account_disabled');
    expect(sessionSet(callback)).toBe(false);
  });

  it('answers 404 for providers that are unknown or not configured', async () => {
    const browser = new BrowserClient(server.url);
    for (const path of ['/auth/google', '/auth/github/callback', '/auth/twitter', '/auth/oidcx']) {
      const response = await visit(browser, `${server.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(JSON.parse(response.body)).toEqual({ error: 'Not found' });
      expect(response.setCookies).toEqual([]);
    }
  });

  it('limits callbacks per address', async () => {
    const genuine = new BrowserClient(server.url);
    const { callbackUrl } = await startFlow(genuine);
    const browser = new BrowserClient(server.url);
    const attempt = () =>
      visit(browser, `${server.url}/auth/oidc/callback?code=x&state=${'y'.repeat(43)}`);
    for (let count = 0; count < 30; count += 1) {
      expect((await attempt()).location).toBe('/sign-in?error=oauth_failed');
    }
    expect((await attempt()).location).toBe('/sign-in?error=rate_limited');
    // Even a genuine callback waits for the window to end.
    expect((await visit(genuine, callbackUrl.toString())).location).toBe(
      '/sign-in?error=rate_limited',
    );
  });
});
