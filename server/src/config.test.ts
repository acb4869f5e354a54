import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aiofm-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({}, dir);
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 4000,
      host: '127.0.0.1',
      dataDir: path.join(dir, '.data'),
      databaseUrl: undefined,
      logLevel: 'info',
    });
    expect(config.publicUrl.toString()).toBe('http://localhost:4000/');
    expect(config.allowedOrigins).toEqual(['http://localhost:4000', 'http://localhost:5173']);
  });

  it('generates the development secret once and keeps it under DATA_DIR', () => {
    const first = loadConfig({}, dir).appSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}, dir).appSecret).toBe(first);
    expect(JSON.parse(readFileSync(path.join(dir, '.data', 'secrets.json'), 'utf8'))).toEqual({
      appSecret: first,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535 (got "70000")'],
    [
      { NODE_ENV: 'staging' },
      'NODE_ENV must be one of development, test, production (got "staging")',
    ],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ],
    [
      { DATABASE_URL: 'mysql://x' },
      'DATABASE_URL must start with postgres: or postgresql: (got "mysql:")',
    ],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL must be a URL such as http://host (got "not a url")'],
    [
      { ALLOWED_ORIGINS: 'https://a.example/path' },
      'ALLOWED_ORIGINS must list origins only, like https://app.example.com (got "https://a.example/path")',
    ],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32 characters long'],
  ])('rejects %j with a message naming the variable', (env, message) => {
    const attempt = () => loadConfig(env, dir);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    expect(() => attempt()).toThrow(expect.objectContaining({ variable: message.split(' ')[0] }));
  });

  it('checks sign-in providers, mail and credits settings', () => {
    expect(() => loadConfig({ OAUTH_GOOGLE_CLIENT_ID: 'id' }, dir)).toThrow(
      'OAUTH_GOOGLE_CLIENT_SECRET must be set together with OAUTH_GOOGLE_CLIENT_ID',
    );
    expect(() =>
      loadConfig({ OAUTH_OIDC_CLIENT_ID: 'id', OAUTH_OIDC_CLIENT_SECRET: 's' }, dir),
    ).toThrow(/^OAUTH_OIDC_ISSUER must be set/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' }, dir)).toThrow(
      'SMTP_URL must start with smtp: or smtps: (got "http:")',
    );
    expect(() => loadConfig({ SIGNUP_CREDITS: '-5' }, dir)).toThrow(
      /^SIGNUP_CREDITS must be a whole number/,
    );
    const config = loadConfig(
      {
        OAUTH_OIDC_ISSUER: 'https://sso.example.com',
        OAUTH_OIDC_CLIENT_ID: 'aiofm',
        OAUTH_OIDC_CLIENT_SECRET: 'shh',
        ADMIN_EMAILS: ' Boss@Example.com, ops@example.com ',
        PUBLIC_URL: 'https://studio.example.com',
      },
      dir,
    );
    expect(config.oauth.oidc).toMatchObject({ clientId: 'aiofm', name: 'Single sign-on' });
    expect(config.oauth.google).toBeUndefined();
    expect(config.adminEmails).toEqual(['boss@example.com', 'ops@example.com']);
    expect(config.mail.from).toBe('aiofm <no-reply@studio.example.com>');
    expect(config.signupCredits).toBe(50);
  });

  it('turns billing on only with a Stripe key and its webhook secret, and checks the Prices', () => {
    expect(loadConfig({}, dir).billing).toBeUndefined();
    const key = 'sk_test_51AbCdEf';
    expect(() => loadConfig({ STRIPE_SECRET_KEY: key }, dir)).toThrow(
      /^STRIPE_WEBHOOK_SECRET must be set with STRIPE_SECRET_KEY/,
    );
    expect(() =>
      loadConfig({ STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: 'secret' }, dir),
    ).toThrow('STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)');
    const badKey = () =>
      loadConfig(
        { STRIPE_SECRET_KEY: 'pk_live_publishable', STRIPE_WEBHOOK_SECRET: 'whsec_1' },
        dir,
      );
    expect(badKey).toThrow('STRIPE_SECRET_KEY must be a Stripe secret or restricted key');
    // The key itself is never repeated in the message.
    expect(badKey).not.toThrow(/pk_live_publishable/);
    const base = { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: 'whsec_abc' };
    expect(() => loadConfig({ ...base, STRIPE_PRICE_PACK_100: 'prod_123' }, dir)).toThrow(
      'STRIPE_PRICE_PACK_100 must be a Stripe Price id such as price_1Abc (got "prod_123")',
    );
    const config = loadConfig(
      { ...base, STRIPE_PRICE_PACK_100: 'price_1A', STRIPE_API_URL: 'http://127.0.0.1:12111' },
      dir,
    );
    expect(config.billing).toMatchObject({
      secretKey: key,
      webhookSecret: 'whsec_abc',
      priceIds: { STRIPE_PRICE_PACK_100: 'price_1A' },
    });
    expect(config.billing?.apiUrl.toString()).toBe('http://127.0.0.1:12111/');
    expect(loadConfig(base, dir).billing?.apiUrl.toString()).toBe('https://api.stripe.com/');
  });

  it('stores blobs locally under DATA_DIR by default and on Cloud Storage when asked', () => {
    expect(loadConfig({}, dir).storage).toEqual({
      driver: 'local',
      localDir: path.join(dir, '.data', 'blobs'),
      gcs: undefined,
      uploadMaxBytes: 20 * 1024 * 1024,
    });
    expect(() => loadConfig({ STORAGE_DRIVER: 's3' }, dir)).toThrow(
      'STORAGE_DRIVER must be one of local, gcs (got "s3")',
    );
    expect(() => loadConfig({ STORAGE_DRIVER: 'gcs' }, dir)).toThrow(
      'GCS_BUCKET must be set to a bucket name when STORAGE_DRIVER=gcs',
    );
    expect(() => loadConfig({ STORAGE_DRIVER: 'gcs', GCS_BUCKET: 'My Bucket' }, dir)).toThrow(
      /^GCS_BUCKET must be a Cloud Storage bucket name/,
    );
    const gcs = { STORAGE_DRIVER: 'gcs', GCS_BUCKET: 'aiofm-media' };
    expect(() => loadConfig({ ...gcs, GCS_PREFIX: 'a/../b' }, dir)).toThrow(
      /^GCS_PREFIX must be a path/,
    );
    expect(() => loadConfig({ ...gcs, GCS_API_ENDPOINT: 'ftp://x' }, dir)).toThrow(
      'GCS_API_ENDPOINT must start with https: or http: (got "ftp:")',
    );
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: '10' }, dir)).toThrow(
      /^UPLOAD_MAX_BYTES must be a whole number from 1024/,
    );
    const config = loadConfig(
      {
        ...gcs,
        GCS_PREFIX: '/studio/prod',
        GCS_API_ENDPOINT: 'http://127.0.0.1:9199',
        UPLOAD_MAX_BYTES: '1048576',
      },
      dir,
    );
    expect(config.storage).toMatchObject({
      driver: 'gcs',
      gcs: { bucket: 'aiofm-media', prefix: 'studio/prod/' },
      uploadMaxBytes: 1048576,
    });
    expect(config.storage.gcs?.apiEndpoint?.toString()).toBe('http://127.0.0.1:9199/');
    expect(loadConfig(gcs, dir).storage.gcs).toEqual({
      bucket: 'aiofm-media',
      prefix: '',
      apiEndpoint: undefined,
    });
  });

  it('reads each provider key and API address, defaulting to the public endpoints', () => {
    const config = loadConfig(
      { OPENAI_API_KEY: ' sk-test ', REPLICATE_BASE_URL: 'http://127.0.0.1:8080/v1/' },
      dir,
    );
    expect(config.providers.openai).toEqual({
      apiKey: 'sk-test',
      baseUrl: 'https://api.openai.com/v1',
    });
    expect(config.providers.replicate).toEqual({
      apiKey: undefined,
      baseUrl: 'http://127.0.0.1:8080/v1',
    });
    expect(config.providers.runway.baseUrl).toBe('https://api.dev.runwayml.com/v1');
    expect(() => loadConfig({ FAL_BASE_URL: 'ftp://fal' }, dir)).toThrow(
      'FAL_BASE_URL must start with https: or http: (got "ftp:")',
    );
  });

  it('never repeats a database or SMTP URL, which may hold a password, in an error', () => {
    try {
      loadConfig({ DATABASE_URL: 'postgres://user:hunter2@[bad' }, dir);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).toBe('DATABASE_URL must be a URL such as postgres://host');
    }
  });

  it('requires a secret in production and binds all interfaces there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, dir)).toThrow(
      /SESSION_SECRET is required in production/,
    );
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }, dir);
    expect(config.host).toBe('0.0.0.0');
  });

  it('takes the allowed origins and public URL as given', () => {
    const config = loadConfig(
      {
        PUBLIC_URL: 'https://studio.example.com',
        ALLOWED_ORIGINS: 'https://studio.example.com, https://admin.example.com',
      },
      dir,
    );
    expect(config.publicUrl.origin).toBe('https://studio.example.com');
    expect(config.allowedOrigins).toEqual([
      'https://studio.example.com',
      'https://admin.example.com',
    ]);
  });
});
