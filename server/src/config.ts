import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PRICE_VARIABLES } from './modules/billing/catalog';

/** Thrown for a bad or missing setting; the message names the variable and what it should be. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything the product reads from its environment, validated once at start-up. */
export interface Config {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  dataDir: string;
  /** Unset means the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  publicUrl: URL;
  appSecret: string;
  logLevel: LogLevel;
  allowedOrigins: string[];
  /** Trust X-Forwarded-For from a reverse proxy in front (client IPs in sessions and limits). */
  trustProxy: boolean;
  mail: { smtpUrl: string | undefined; from: string };
  /** Verified accounts with these addresses are admins; nothing else makes one. */
  adminEmails: string[];
  /** Credits granted once when a new account's email is verified. */
  signupCredits: number;
  oauth: OAuthConfig;
  /** Stripe payments; unset means billing is off and nothing can be bought. */
  billing: BillingConfig | undefined;
  storage: StorageConfig;
  generation: GenerationConfig;
  /** Platform keys and API addresses of the generation providers; a provider without a key is off. */
  providers: ProvidersConfig;
  workerConcurrency: number;
  shutdownTimeoutMs: number;
  /** The built React client served at `/`. */
  clientDir: string;
}

/** Client credentials of one sign-in provider. */
export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
}

/** Sign-in providers enabled by configuration; absent ones are off. */
export interface OAuthConfig {
  google?: OAuthClientConfig;
  github?: OAuthClientConfig;
  discord?: OAuthClientConfig;
  /** Any OpenID Connect issuer, found through its discovery document. */
  oidc?: OAuthClientConfig & { issuer: URL; name: string };
}

/** Stripe credentials and the Price behind each catalogue item. */
export interface BillingConfig {
  secretKey: string;
  webhookSecret: string;
  /** Stripe's API address: the public one, or a proxy. */
  apiUrl: URL;
  /** Catalogue price variable -> Stripe Price id; items without one are not offered. */
  priceIds: Record<string, string>;
}

/** Where blobs (uploads, outputs, thumbnails) live, and how large an upload may be. */
/** One provider's platform key (secret) and API address. */
export interface ProviderAccess {
  apiKey: string | undefined;
  baseUrl: string;
}

export type ProviderId = 'openai' | 'replicate' | 'fal' | 'stability' | 'google' | 'runway';
export type ProvidersConfig = Record<ProviderId, ProviderAccess>;

/** Each provider's key variable, base-URL variable and public endpoint. */
const PROVIDER_SETTINGS: Record<ProviderId, { key: string; base: string; url: string }> = {
  openai: { key: 'OPENAI_API_KEY', base: 'OPENAI_BASE_URL', url: 'https://api.openai.com/v1' },
  replicate: {
    key: 'REPLICATE_API_TOKEN',
    base: 'REPLICATE_BASE_URL',
    url: 'https://api.replicate.com/v1',
  },
  fal: { key: 'FAL_KEY', base: 'FAL_BASE_URL', url: 'https://queue.fal.run' },
  stability: {
    key: 'STABILITY_API_KEY',
    base: 'STABILITY_BASE_URL',
    url: 'https://api.stability.ai',
  },
  google: {
    key: 'GOOGLE_API_KEY',
    base: 'GOOGLE_BASE_URL',
    url: 'https://generativelanguage.googleapis.com/v1beta',
  },
  runway: {
    key: 'RUNWAY_API_KEY',
    base: 'RUNWAY_BASE_URL',
    url: 'https://api.dev.runwayml.com/v1',
  },
};

function readProviders(env: Env): ProvidersConfig {
  const entries = Object.entries(PROVIDER_SETTINGS).map(([id, setting]) => {
    const raw = env[setting.base]?.trim() || setting.url;
    // No trailing slash: adapters append their paths.
    const baseUrl = readUrl(setting.base, raw, ['https:', 'http:']).toString().replace(/\/$/, '');
    return [id, { apiKey: env[setting.key]?.trim() || undefined, baseUrl }];
  });
  return Object.fromEntries(entries) as ProvidersConfig;
}

/** The generation pipeline's pace and limits. */
export interface GenerationConfig {
  /** How long each step of the built-in generator takes (0 in benchmarks). */
  localStepMs: number;
  /** The longest a generation may run, retries included, before it fails and is refunded. */
  timeoutMs: number;
  /** Queued or running generations one person may have at once. */
  maxActive: number;
  startsPerMinute: number;
  /** A running generation whose worker has been silent this long is started again elsewhere. */
  staleMs: number;
  maxAttempts: number;
}

export interface StorageConfig {
  driver: 'local' | 'gcs';
  /** The local driver's directory: DATA_DIR/blobs. */
  localDir: string;
  /** Google Cloud Storage, when the driver is `gcs`; credentials are Application Default Credentials. */
  gcs: GcsConfig | undefined;
  /** The most bytes one uploaded file may have. */
  uploadMaxBytes: number;
}

/** The bucket (and key prefix inside it) the gcs driver uses. */
export interface GcsConfig {
  bucket: string;
  /** Prepended to every key, e.g. `aiofm/`; empty for the bucket's root. */
  prefix: string;
  /** Another Cloud Storage endpoint (an emulator); unset means Google's. */
  apiEndpoint: URL | undefined;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
const NODE_ENVS: readonly NodeEnv[] = ['development', 'test', 'production'];
const MIN_SECRET_LENGTH = 32;
const VITE_DEV_ORIGIN = 'http://localhost:5173';

function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T;
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

// Variables whose value may hold a password: their value is never repeated in an error.
const SECRET_URLS = new Set(['DATABASE_URL', 'SMTP_URL']);
const STRIPE_API_URL = 'https://api.stripe.com';

function readUrl(name: string, raw: string, protocols: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    const got = SECRET_URLS.has(name) ? '' : ` (got "${raw}")`;
    throw new ConfigError(name, `must be a URL such as ${protocols[0]}//host${got}`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(
      name,
      `must start with ${protocols.join(' or ')} (got "${url.protocol}")`,
    );
  }
  return url;
}

function readOrigins(name: string, raw: string): string[] {
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = readUrl(name, entry, ['http:', 'https:']);
      if (url.origin !== entry.replace(/\/$/, '')) {
        throw new ConfigError(
          name,
          `must list origins only, like https://app.example.com (got "${entry}")`,
        );
      }
      return url.origin;
    });
}

function readOAuthClient(env: Env, prefix: string): OAuthClientConfig | undefined {
  const clientId = env[`${prefix}_CLIENT_ID`]?.trim();
  const clientSecret = env[`${prefix}_CLIENT_SECRET`]?.trim();
  if (!clientId && !clientSecret) return undefined;
  if (!clientId)
    throw new ConfigError(
      `${prefix}_CLIENT_ID`,
      `must be set together with ${prefix}_CLIENT_SECRET`,
    );
  if (!clientSecret)
    throw new ConfigError(
      `${prefix}_CLIENT_SECRET`,
      `must be set together with ${prefix}_CLIENT_ID`,
    );
  return { clientId, clientSecret };
}

function readOAuth(env: Env): OAuthConfig {
  const oidcClient = readOAuthClient(env, 'OAUTH_OIDC');
  const rawIssuer = env.OAUTH_OIDC_ISSUER?.trim();
  if (oidcClient && !rawIssuer) {
    throw new ConfigError(
      'OAUTH_OIDC_ISSUER',
      'must be set to the issuer URL when OAUTH_OIDC_CLIENT_ID is set',
    );
  }
  return {
    google: readOAuthClient(env, 'OAUTH_GOOGLE'),
    github: readOAuthClient(env, 'OAUTH_GITHUB'),
    discord: readOAuthClient(env, 'OAUTH_DISCORD'),
    oidc:
      oidcClient && rawIssuer
        ? {
            ...oidcClient,
            issuer: readUrl('OAUTH_OIDC_ISSUER', rawIssuer, ['https:', 'http:']),
            name: env.OAUTH_OIDC_NAME?.trim() || 'Single sign-on',
          }
        : undefined,
  };
}

function readBilling(env: Env): BillingConfig | undefined {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey) return undefined;
  // The key's value is never repeated: it would end up in a start-up log.
  if (!/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(secretKey)) {
    throw new ConfigError(
      'STRIPE_SECRET_KEY',
      'must be a Stripe secret or restricted key (sk_… or rk_…)',
    );
  }
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim();
  if (!webhookSecret) {
    throw new ConfigError(
      'STRIPE_WEBHOOK_SECRET',
      "must be set with STRIPE_SECRET_KEY: the endpoint's signing secret (whsec_…) from Stripe",
    );
  }
  if (!webhookSecret.startsWith('whsec_')) {
    throw new ConfigError('STRIPE_WEBHOOK_SECRET', 'must be a webhook signing secret (whsec_…)');
  }
  const priceIds: Record<string, string> = {};
  for (const variable of PRICE_VARIABLES) {
    const id = env[variable]?.trim();
    if (!id) continue;
    if (!/^price_[A-Za-z0-9]+$/.test(id)) {
      throw new ConfigError(variable, `must be a Stripe Price id such as price_1Abc (got "${id}")`);
    }
    priceIds[variable] = id;
  }
  return {
    secretKey,
    webhookSecret,
    apiUrl: readUrl('STRIPE_API_URL', env.STRIPE_API_URL?.trim() || STRIPE_API_URL, [
      'https:',
      'http:',
    ]),
    priceIds,
  };
}

const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
// Bucket names: lower-case letters, digits, dashes, underscores and dots, 3 to 222 characters.
const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

function readStorage(env: Env, dataDir: string): StorageConfig {
  const driver = readEnum(env, 'STORAGE_DRIVER', ['local', 'gcs'] as const, 'local');
  const uploadMaxBytes = readInt(
    env,
    'UPLOAD_MAX_BYTES',
    DEFAULT_UPLOAD_MAX_BYTES,
    1024,
    100 * 1024 * 1024,
  );
  const localDir = path.join(dataDir, 'blobs');
  if (driver === 'local') return { driver, localDir, gcs: undefined, uploadMaxBytes };

  const bucket = env.GCS_BUCKET?.trim();
  if (!bucket) {
    throw new ConfigError('GCS_BUCKET', 'must be set to a bucket name when STORAGE_DRIVER=gcs');
  }
  if (!BUCKET_NAME.test(bucket)) {
    throw new ConfigError(
      'GCS_BUCKET',
      `must be a Cloud Storage bucket name: lower-case letters, digits, -, _ and . (got "${bucket}")`,
    );
  }
  const rawPrefix = (env.GCS_PREFIX?.trim() ?? '').replace(/^\/+/, '');
  if (rawPrefix && (!/^[A-Za-z0-9._/-]+$/.test(rawPrefix) || rawPrefix.split('/').includes('..'))) {
    throw new ConfigError(
      'GCS_PREFIX',
      `must be a path of letters, digits, ., _, - and / without .. (got "${rawPrefix}")`,
    );
  }
  const rawEndpoint = env.GCS_API_ENDPOINT?.trim();
  return {
    driver,
    localDir,
    gcs: {
      bucket,
      prefix: rawPrefix && !rawPrefix.endsWith('/') ? `${rawPrefix}/` : rawPrefix,
      apiEndpoint: rawEndpoint
        ? readUrl('GCS_API_ENDPOINT', rawEndpoint, ['https:', 'http:'])
        : undefined,
    },
    uploadMaxBytes,
  };
}

/**
 * Reads and validates the environment. The app secret is taken from `SESSION_SECRET`; when it is
 * unset outside production it is generated once and kept in `DATA_DIR/secrets.json`.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const nodeEnv = readEnum(env, 'NODE_ENV', NODE_ENVS, 'development');
  const port = readInt(env, 'PORT', 4000, 0, 65535);
  const host = env.HOST?.trim() || (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1');
  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || '.data');

  const rawDatabaseUrl = env.DATABASE_URL?.trim();
  const databaseUrl = rawDatabaseUrl
    ? readUrl('DATABASE_URL', rawDatabaseUrl, ['postgres:', 'postgresql:']).toString()
    : undefined;

  const publicUrl = readUrl('PUBLIC_URL', env.PUBLIC_URL?.trim() || `http://localhost:${port}`, [
    'http:',
    'https:',
  ]);

  const rawSecret = env.SESSION_SECRET?.trim();
  if (rawSecret !== undefined && rawSecret.length > 0 && rawSecret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      'SESSION_SECRET',
      `must be at least ${MIN_SECRET_LENGTH} characters long`,
    );
  }
  if (!rawSecret && nodeEnv === 'production') {
    throw new ConfigError(
      'SESSION_SECRET',
      `is required in production: set it to a random string of at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -base64 48)`,
    );
  }
  const appSecret = rawSecret || persistedSecret(dataDir);

  const rawOrigins = env.ALLOWED_ORIGINS?.trim();
  const allowedOrigins = rawOrigins
    ? readOrigins('ALLOWED_ORIGINS', rawOrigins)
    : // `npm run dev` serves the client from Vite's dev server, which proxies to this one.
      [publicUrl.origin, ...(nodeEnv === 'development' ? [VITE_DEV_ORIGIN] : [])];

  return {
    nodeEnv,
    host,
    port,
    dataDir,
    databaseUrl,
    publicUrl,
    appSecret,
    logLevel: readEnum(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    allowedOrigins,
    trustProxy: readEnum(env, 'TRUST_PROXY', ['true', 'false'], 'false') === 'true',
    mail: {
      smtpUrl: env.SMTP_URL?.trim()
        ? readUrl('SMTP_URL', env.SMTP_URL.trim(), ['smtp:', 'smtps:']).toString()
        : undefined,
      // An IP-literal host makes no mailbox; fall back to localhost for the default sender.
      from:
        env.MAIL_FROM?.trim() ||
        `aiofm <no-reply@${/^[\d.]+$|^\[/.test(publicUrl.hostname) ? 'localhost' : publicUrl.hostname}>`,
    },
    oauth: readOAuth(env),
    billing: readBilling(env),
    storage: readStorage(env, dataDir),
    providers: readProviders(env),
    generation: {
      localStepMs: readInt(env, 'LOCAL_STEP_MS', 300, 0, 60_000),
      timeoutMs: readInt(env, 'GENERATION_TIMEOUT_MS', 15 * 60_000, 1000, 24 * 3600_000),
      maxActive: readInt(env, 'GENERATION_MAX_ACTIVE', 4, 1, 1000),
      startsPerMinute: readInt(env, 'GENERATION_STARTS_PER_MINUTE', 20, 1, 10_000),
      staleMs: readInt(env, 'GENERATION_STALE_MS', 30_000, 1000, 3600_000),
      maxAttempts: readInt(env, 'GENERATION_MAX_ATTEMPTS', 5, 1, 20),
    },
    adminEmails: (env.ADMIN_EMAILS ?? '')
      .split(',')
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
    signupCredits: readInt(env, 'SIGNUP_CREDITS', 50, 0, 100_000),
    workerConcurrency: readInt(env, 'WORKER_CONCURRENCY', 4, 1, 64),
    shutdownTimeoutMs: readInt(env, 'SHUTDOWN_TIMEOUT_MS', 30_000, 0, 600_000),
    clientDir: path.resolve(__dirname, '..', '..', 'client', 'dist'),
  };
}

/** Generates the development app secret once and reuses it, so sessions survive restarts. */
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secrets.json');
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { appSecret?: unknown };
    if (typeof stored.appSecret === 'string' && stored.appSecret.length >= MIN_SECRET_LENGTH) {
      return stored.appSecret;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError('DATA_DIR', `holds an unreadable ${file}: ${(error as Error).message}`);
    }
  }
  const appSecret = randomBytes(48).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ appSecret }, null, 2) + '\n', { mode: 0o600 });
  return appSecret;
}
