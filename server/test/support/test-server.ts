import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client as WsClient, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startRuntime, type Role, type Runtime } from '../../src/runtime';
import type { TaskList } from '../../src/queue/queue';
import type { GenerationProvider } from '../../src/modules/providers/provider';
import { createTestDatabase } from './database';
import { freePort } from './ports';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
}

export interface TestServer {
  runtime: Runtime;
  url: string;
  config: Config;
  /** Everything logged so far, when started with `captureLogs`. */
  logs(): string;
  /** POST a GraphQL operation the way the web client does. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** A graphql-ws client connected to this server's `/graphql`. */
  ws(options?: Partial<ClientOptions>): WsClient;
  stop(): Promise<void>;
}

/** The real server (HTTP + WebSocket + worker) on a random port, with a database of its own. */
export async function startTestServer(
  options: {
    role?: Role;
    tasks?: TaskList;
    env?: Record<string, string>;
    /** Run against another test server's database (two api processes, one database). */
    databaseUrl?: string;
    liveSessionSweepMs?: number;
    /** Keep every log line (at trace level) for assertions instead of printing them. */
    captureLogs?: boolean;
    /** Generation providers to offer instead of the default built-in generator. */
    providers?: GenerationProvider[];
  } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aiofm-test-'));
  // A port known up front, so PUBLIC_URL (and the signed file URLs made from it) is reachable.
  const port = options.env?.PORT ?? String(await freePort());
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      PORT: port,
      PUBLIC_URL: `http://localhost:${port}`,
      DATA_DIR: dataDir,
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      WORKER_CONCURRENCY: '2',
      SHUTDOWN_TIMEOUT_MS: '5000',
      ...options.env,
    }),
  };
  const database = options.databaseUrl
    ? { url: options.databaseUrl, owned: false, stop: async () => undefined }
    : await createTestDatabase();
  const logLines: string[] = [];
  const logger = options.captureLogs
    ? createLogger('trace', {
        write: (line: string) => {
          logLines.push(line);
        },
      })
    : createLogger(config.logLevel);
  const runtime = await startRuntime({
    config,
    logger,
    role: options.role ?? 'all',
    tasks: options.tasks,
    database,
    liveSessionSweepMs: options.liveSessionSweepMs,
    providers: options.providers,
  });
  const url = runtime.url ?? '';
  const clients: WsClient[] = [];

  return {
    runtime,
    url,
    config,
    logs: () => logLines.join(''),
    async graphql<T>(
      query: string,
      variables?: Record<string, unknown>,
      headers?: Record<string, string>,
    ) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLResponse<T>['body'],
      };
    },
    ws(wsOptions) {
      const client = createClient({
        url: url.replace(/^http/, 'ws') + '/graphql',
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        ...wsOptions,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((client) => client.dispose()));
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Subscribes and waits until the server is listening (a query round trip on the same socket,
 * which the server handles after the subscribe message); `value` is the first event.
 */
export async function subscribeOnce<T>(
  client: WsClient,
  query: string,
  timeoutMs = 5000,
): Promise<{ value: Promise<T>; unsubscribe: () => void }> {
  let unsubscribe: () => void = () => undefined;
  const value = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs}ms`)), timeoutMs);
    unsubscribe = client.subscribe<T>(
      { query },
      {
        next: (result) => {
          clearTimeout(timer);
          if (result.errors) reject(new Error(JSON.stringify(result.errors)));
          else resolve(result.data as T);
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => undefined,
      },
    );
  });
  value.catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    client.subscribe(
      { query: '{ serverInfo { version } }' },
      { next: () => undefined, error: reject, complete: resolve },
    );
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { value, unsubscribe };
}
