import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import {
  BrowserClient,
  linkIn,
  ME,
  SIGN_IN,
  SIGN_OUT,
  SIGN_UP,
  tokenOf,
} from './support/browser-client';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { startTestServer, type TestServer } from './support/test-server';

/** The TOTP code for a time step, as an authenticator app would show it. */
function totp(secret: string, step = Math.floor(Date.now() / 30_000)): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

const PASSWORD = 'correct horse battery staple';

describe('accounts: sign-up, email, sign-in and MFA', () => {
  let server: TestServer;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer({
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://localhost:4000' },
      captureLogs: true,
    });
  });
  afterAll(async () => {
    await server.stop();
    await smtp.stop();
  });

  it('takes a person from sign-up through verification, sign-in and two-factor authentication', async () => {
    const browser = new BrowserClient(server.url);
    const { signUp } = await browser.ok<{ signUp: Record<string, unknown> }>(SIGN_UP, {
      input: {
        name: 'Ada Lovelace',
        email: 'Ada@Example.com',
        password: PASSWORD,
        ageConfirmed: true,
      },
    });
    expect(signUp).toMatchObject({
      email: 'ada@example.com',
      emailVerified: false,
      mfaEnabled: false,
      hasPassword: true,
    });
    const cookie = browser.lastSetCookies.find((header) => header.startsWith('aiofm_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).toMatch(/Max-Age=2592000/);

    const verification = await smtp.waitFor((mail) => mail.subject?.includes('Confirm') ?? false);
    expect(verification.to).toMatchObject({ text: 'ada@example.com' });
    const link = linkIn(verification.text, '/verify-email');
    expect(link.startsWith('http://localhost:4000/verify-email?token=')).toBe(true);

    const verified = await new BrowserClient(server.url).ok<{
      verifyEmail: { emailVerified: boolean };
    }>('mutation ($token: String!) { verifyEmail(token: $token) { emailVerified } }', {
      token: tokenOf(link),
    });
    expect(verified.verifyEmail.emailVerified).toBe(true);
    const reused = await browser.fails(
      'mutation ($token: String!) { verifyEmail(token: $token) { id } }',
      {
        token: tokenOf(link),
      },
    );
    expect(reused.code).toBe('INVALID_TOKEN');

    await browser.ok(SIGN_OUT);
    expect((await browser.ok<{ me: null }>(ME)).me).toBeNull();

    const wrong = await browser.fails(SIGN_IN, {
      input: { email: 'ada@example.com', password: 'not the password' },
    });
    expect(wrong).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'Email or password is incorrect.',
    });
    const unknown = await browser.fails(SIGN_IN, {
      input: { email: 'nobody@example.com', password: PASSWORD },
    });
    expect(unknown).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'Email or password is incorrect.',
    });

    await browser.ok(SIGN_IN, { input: { email: 'ADA@example.com', password: PASSWORD } });
    const setup = await browser.ok<{ beginMfaSetup: { otpauthUri: string; secret: string } }>(
      'mutation { beginMfaSetup { otpauthUri secret } }',
    );
    expect(setup.beginMfaSetup.otpauthUri).toMatch(/^otpauth:\/\/totp\/aiofm:ada%40example\.com\?/);
    const secret = setup.beginMfaSetup.secret;
    expect(
      (await browser.fails('mutation { confirmMfaSetup(code: "000000") { codes } }')).code,
    ).toBe('INVALID_MFA_CODE');
    const step = Math.floor(Date.now() / 30_000);
    const { confirmMfaSetup } = await browser.ok<{ confirmMfaSetup: { codes: string[] } }>(
      'mutation ($code: String!) { confirmMfaSetup(code: $code) { codes } }',
      { code: totp(secret, step) },
    );
    expect(confirmMfaSetup.codes).toHaveLength(10);
    expect(new Set(confirmMfaSetup.codes).size).toBe(10);
    await smtp.waitFor((mail) => /two-factor/i.test(mail.subject ?? ''));

    await browser.ok(SIGN_OUT);
    const needsCode = await browser.graphql(SIGN_IN, {
      input: { email: 'ada@example.com', password: PASSWORD },
    });
    expect(needsCode.body.errors?.[0]?.extensions?.code).toBe('MFA_REQUIRED');
    expect(
      needsCode.headers
        .getSetCookie()
        .some((header) => header.startsWith('aiofm_session=') && !header.includes('Max-Age=0')),
    ).toBe(false);

    // The code used for setup cannot be replayed; the next time step's code works once.
    const replay = await browser.fails(SIGN_IN, {
      input: { email: 'ada@example.com', password: PASSWORD, totpCode: totp(secret, step) },
    });
    expect(replay.code).toBe('INVALID_MFA_CODE');
    await browser.ok(SIGN_IN, {
      input: { email: 'ada@example.com', password: PASSWORD, totpCode: totp(secret, step + 1) },
    });
    expect((await browser.ok<{ me: { mfaEnabled: boolean } }>(ME)).me.mfaEnabled).toBe(true);

    const phone = new BrowserClient(
      server.url,
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile Safari/604.1',
    );
    const recovery = confirmMfaSetup.codes[0]!;
    await phone.ok(SIGN_IN, {
      input: { email: 'ada@example.com', password: PASSWORD, recoveryCode: recovery.toUpperCase() },
    });
    const again = await new BrowserClient(server.url).fails(SIGN_IN, {
      input: { email: 'ada@example.com', password: PASSWORD, recoveryCode: recovery },
    });
    expect(again.code).toBe('INVALID_MFA_CODE');
    const notice = await smtp.waitFor((mail) => /new sign-in/i.test(mail.subject ?? ''));
    expect(notice.text).toContain('Safari on iOS');

    // Nothing secret reached a log line, even at trace level.
    const logs = server.logs();
    expect(logs).toContain('account created');
    for (const value of [
      PASSWORD,
      tokenOf(link),
      browser.cookies.get('aiofm_session')!,
      secret,
      recovery,
    ]) {
      expect(logs).not.toContain(value);
    }
  });

  it('refuses bad sign-ups with field errors and changes nothing', async () => {
    const browser = new BrowserClient(server.url);
    const count = async () =>
      (await server.runtime.dataSource.query('SELECT count(*)::int AS n FROM users'))[0]
        .n as number;
    const before = await count();
    const attempt = (input: Record<string, unknown>) =>
      browser.fails(SIGN_UP, {
        input: {
          name: 'Grace',
          email: 'grace@example.com',
          password: PASSWORD,
          ageConfirmed: true,
          ...input,
        },
      });

    const badEmail = await attempt({ email: 'not-an-email' });
    expect(badEmail.code).toBe('BAD_USER_INPUT');
    expect(badEmail.extensions.fieldErrors).toEqual([
      { field: 'email', messages: ['Enter a valid email address.'] },
    ]);
    expect(await attempt({ password: 'short' })).toMatchObject({
      code: 'WEAK_PASSWORD',
      message: 'Use at least 10 characters.',
    });
    expect((await attempt({ password: 'password1234' })).code).toBe('WEAK_PASSWORD');
    expect((await attempt({ ageConfirmed: false })).code).toBe('BAD_USER_INPUT');
    const noAge = await browser.graphql(
      'mutation { signUp(input: { name: "G", email: "g@example.com", password: "x" }) { id } }',
    );
    expect(noAge.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await count()).toBe(before);
    expect(browser.cookies.size).toBe(0);

    await browser.ok(SIGN_UP, {
      input: { name: 'Grace', email: 'grace@example.com', password: PASSWORD, ageConfirmed: true },
    });
    const taken = await new BrowserClient(server.url).fails(SIGN_UP, {
      input: {
        name: 'Grace 2',
        email: 'GRACE@example.com',
        password: PASSWORD,
        ageConfirmed: true,
      },
    });
    expect(taken.code).toBe('EMAIL_TAKEN');
    expect(await count()).toBe(before + 1);
  });

  it('resets a forgotten password by email, once, and signs out every session', async () => {
    const laptop = new BrowserClient(server.url);
    await laptop.ok(SIGN_UP, {
      input: { name: 'Alan', email: 'alan@example.com', password: PASSWORD, ageConfirmed: true },
    });
    smtp.clear();

    const anonymous = new BrowserClient(server.url);
    expect(
      await anonymous.ok('mutation { requestPasswordReset(email: "nobody@example.com") }'),
    ).toEqual({ requestPasswordReset: true });
    expect(
      await anonymous.ok('mutation { requestPasswordReset(email: "alan@example.com") }'),
    ).toEqual({ requestPasswordReset: true });
    const mail = await smtp.waitFor((message) => /reset/i.test(message.subject ?? ''));
    expect(mail.to).toMatchObject({ text: 'alan@example.com' });
    expect(smtp.messages.filter((message) => /reset/i.test(message.subject ?? ''))).toHaveLength(1);

    const token = tokenOf(linkIn(mail.text, '/reset-password'));
    const reset = 'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) }';
    expect((await anonymous.fails(reset, { input: { token, password: '1234567890' } })).code).toBe(
      'WEAK_PASSWORD',
    );
    await anonymous.ok(reset, { input: { token, password: 'a brand new passphrase' } });
    expect(
      (await anonymous.fails(reset, { input: { token, password: 'another new passphrase' } })).code,
    ).toBe('INVALID_TOKEN');

    expect((await laptop.ok<{ me: null }>(ME)).me).toBeNull();
    expect(
      (await anonymous.fails(SIGN_IN, { input: { email: 'alan@example.com', password: PASSWORD } }))
        .code,
    ).toBe('INVALID_CREDENTIALS');
    await anonymous.ok(SIGN_IN, {
      input: { email: 'alan@example.com', password: 'a brand new passphrase' },
    });
  });

  it('changes the password only with the current one, keeping this session and ending the others', async () => {
    const laptop = new BrowserClient(server.url);
    const phone = new BrowserClient(server.url);
    await laptop.ok(SIGN_UP, {
      input: {
        name: 'Barbara',
        email: 'barbara@example.com',
        password: PASSWORD,
        ageConfirmed: true,
      },
    });
    await phone.ok(SIGN_IN, { input: { email: 'barbara@example.com', password: PASSWORD } });
    const change = 'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) }';
    const wrong = await laptop.fails(change, {
      input: { currentPassword: 'wrong wrong wrong', newPassword: 'fresh passphrase here' },
    });
    expect(wrong.code).toBe('INVALID_CREDENTIALS');
    await laptop.ok(change, {
      input: { currentPassword: PASSWORD, newPassword: 'fresh passphrase here' },
    });
    expect((await laptop.ok<{ me: { email: string } }>(ME)).me.email).toBe('barbara@example.com');
    expect((await phone.ok<{ me: null }>(ME)).me).toBeNull();
  });

  it('changes the email address only once the new address confirms it', async () => {
    const browser = new BrowserClient(server.url);
    await browser.ok(SIGN_UP, {
      input: {
        name: 'Edsger',
        email: 'edsger@example.com',
        password: PASSWORD,
        ageConfirmed: true,
      },
    });
    const request =
      'mutation ($input: ChangeEmailInput!) { requestEmailChange(input: $input) { email pendingEmail } }';
    expect(
      (
        await browser.fails(request, {
          input: { newEmail: 'ed@example.org', currentPassword: 'nope nope nope' },
        })
      ).code,
    ).toBe('INVALID_CREDENTIALS');
    const pending = await browser.ok<{
      requestEmailChange: { email: string; pendingEmail: string };
    }>(request, {
      input: { newEmail: 'ed@example.org', currentPassword: PASSWORD },
    });
    expect(pending.requestEmailChange).toEqual({
      email: 'edsger@example.com',
      pendingEmail: 'ed@example.org',
    });
    const mail = await smtp.waitFor(
      (message) => (message.to as { text: string }).text === 'ed@example.org',
    );
    const confirm =
      'mutation ($token: String!) { confirmEmailChange(token: $token) { email emailVerified pendingEmail } }';
    const done = await browser.ok<{ confirmEmailChange: Record<string, unknown> }>(confirm, {
      token: tokenOf(linkIn(mail.text, '/confirm-email')),
    });
    expect(done.confirmEmailChange).toEqual({
      email: 'ed@example.org',
      emailVerified: true,
      pendingEmail: null,
    });
    await smtp.waitFor(
      (message) =>
        (message.to as { text: string }).text === 'edsger@example.com' &&
        /email/i.test(message.subject ?? ''),
    );
  });

  it('updates the name and avatar with validation', async () => {
    const browser = new BrowserClient(server.url);
    await browser.ok(SIGN_UP, {
      input: {
        name: 'Kathleen',
        email: 'kathleen@example.com',
        password: PASSWORD,
        ageConfirmed: true,
      },
    });
    const update =
      'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { name avatarUrl } }';
    // The smallest valid PNG: a 1x1 transparent pixel.
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    for (const avatarUrl of [
      'javascript:alert(1)',
      'https://images.example.com/k.png',
      'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
      'data:image/png;base64,' + Buffer.from('not really a png').toString('base64'),
    ]) {
      expect((await browser.fails(update, { input: { avatarUrl } })).code).toBe('BAD_USER_INPUT');
    }
    expect((await browser.fails(update, { input: { name: '' } })).code).toBe('BAD_USER_INPUT');
    expect(await browser.ok(update, { input: { name: 'Kathleen Booth', avatarUrl: png } })).toEqual(
      {
        updateProfile: { name: 'Kathleen Booth', avatarUrl: png },
      },
    );
    expect(await browser.ok(update, { input: { avatarUrl: null } })).toEqual({
      updateProfile: { name: 'Kathleen Booth', avatarUrl: null },
    });
  });
});
