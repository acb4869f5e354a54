import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const BASE_URL_ENV = 'AIOFM_E2E_BASE_URL';
export const DATA_DIR_ENV = 'AIOFM_E2E_DATA_DIR';

/** First start initialises PostgreSQL, which takes a while on a cold machine. */
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;
/** Output kept for error messages, from the end. */
const OUTPUT_LIMIT = 20_000;

export interface RunningServer {
  process: ChildProcess;
  baseUrl: string;
  dataDir: string;
  output: () => string;
}

/** A port the OS reports free right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

/** PostgreSQL may still be finishing its files for a moment after the server has exited. */
function removeDataDir(dataDir: string): Promise<void> {
  return rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts `node server/dist/main.js` on a free port with a fresh DATA_DIR under the system temp
 * directory, and resolves once GET /readyz answers 200. Rejects at once, with the server's output,
 * if the process exits before that.
 */
export async function startServer(
  options: { port?: number; dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const entry = path.join(REPO_ROOT, 'server', 'dist', 'main.js');
  for (const required of [entry, path.join(REPO_ROOT, 'client', 'dist', 'index.html')]) {
    if (!existsSync(required)) {
      throw new Error(
        `${path.relative(REPO_ROOT, required)} is missing: run \`npm run build\` first`,
      );
    }
  }

  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'aiofm-e2e-')));
  // The embedded PostgreSQL runs as another OS user when we are root; it must reach its folder.
  await chmod(dataDir, 0o755);

  // Links in the emails the server writes point at PUBLIC_URL: the address the tests browse.
  const baseUrl = `http://localhost:${port}`;
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  const child = spawn(process.execPath, [entry], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      // No SMTP server: every email becomes an .eml file under DATA_DIR/mail (support/mail.ts).
      SMTP_URL: '',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      reject(
        new Error(
          `the aiofm server exited before it was ready (code ${code}, signal ${signal}). Output:\n${output}`,
        ),
      );
    });
    child.once('error', (error) => reject(error));
  });

  let waiting = true;
  const ready = (async () => {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (waiting && Date.now() < deadline) {
      try {
        const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await delay(250);
    }
    throw new Error(
      `the aiofm server was not ready within ${READY_TIMEOUT_MS / 1000} s. Output:\n${output}`,
    );
  })();

  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    waiting = false;
    child.kill('SIGKILL');
    if (!options.dataDir) await removeDataDir(dataDir);
    throw error;
  }
  return { process: child, baseUrl, dataDir, output: () => output };
}

/**
 * Sends SIGTERM, waits for the process to exit (SIGKILL after a grace period), then removes
 * DATA_DIR unless `keepData` (for a restart on the same data).
 */
export async function stopServer(
  server: RunningServer,
  options: { keepData?: boolean } = {},
): Promise<void> {
  const { process: child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS);
    });
    const stopped = await Promise.race([exit.then(() => true), timedOut]);
    clearTimeout(timer);
    if (!stopped) {
      process.stderr.write(
        `the aiofm server did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; killing it\n`,
      );
      child.kill('SIGKILL');
      await exit;
    }
  }
  if (!options.keepData) await removeDataDir(server.dataDir);
}
