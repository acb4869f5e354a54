import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/**
 * A loopback stand-in for fal's queue API: `POST /{model id}` submits, and
 * `/{owner}/{app}/requests/{id}[/status|/cancel]` (without the model's sub-path) answer status,
 * result and cancel. `Authorization: Key …` with fal's 401 shape, JSON bodies recorded, a status
 * sequence that advances one step per poll, scripted failures, content-policy outcomes, and
 * output files served from the fake that expire after a time or a number of fetches.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** One status answer of a request before it completes. */
export type FalFakeStep = { queuePosition: number } | { logs: string[] };

export type FalFakeOutcome =
  | { kind: 'ok' }
  /** Images flagged by the model's safety checker (has_nsfw_concepts true). */
  | { kind: 'nsfw' }
  /** The result answers 422 content_policy_violation. */
  | { kind: 'policy'; message: string }
  /** COMPLETED with an `error` (a failed run). */
  | { kind: 'error'; message: string; errorType?: string };

export type FalFakeFailure =
  | { kind: 'status'; status: number; body?: unknown; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'malformed' };

export type FalFakeRoute = 'submit' | 'status' | 'result' | 'cancel';

export interface FalFakeJob {
  id: string;
  modelId: string;
  app: string;
  input: Record<string, unknown>;
  polls: number;
  steps: FalFakeStep[];
  outcome: FalFakeOutcome;
  canceled: boolean;
}

export interface FalFake {
  baseUrl: string;
  key: string;
  requests: RecordedRequest[];
  jobs: Map<string, FalFakeJob>;
  png: Buffer;
  /** The steps and outcome of the next submitted requests (until changed). */
  script(steps: FalFakeStep[], outcome?: FalFakeOutcome): void;
  /** The next requests on that route fail this way, in order. */
  failNext(route: FalFakeRoute, ...failures: FalFakeFailure[]): void;
  /** Output files stop working (404) after this long, or after this many fetches. */
  expireFiles(options: { afterMs?: number; afterFetches?: number }): void;
  /** Adds a finished request as if submitted earlier (for resume tests). */
  addJob(modelId: string, id: string, steps?: FalFakeStep[]): FalFakeJob;
  stop(): Promise<void>;
}

export const FAL_TEST_KEY = 'fal-test-key-5b3e1c';
/** A few bytes labelled as MP4: the pipeline copies them, nothing decodes them in tests. */
export const TINY_MP4 = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');

interface ServedFile {
  data: Buffer;
  contentType: string;
  created: number;
  fetches: number;
}

export async function startFalFake(): Promise<FalFake> {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#3a7' } })
    .png()
    .toBuffer();
  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, FalFakeJob>();
  const files = new Map<string, ServedFile>();
  const failures: Record<FalFakeRoute, FalFakeFailure[]> = {
    submit: [],
    status: [],
    result: [],
    cancel: [],
  };
  let steps: FalFakeStep[] = [{ queuePosition: 1 }, { logs: ['Loading model'] }];
  let outcome: FalFakeOutcome = { kind: 'ok' };
  let expiry: { afterMs?: number; afterFetches?: number } = {};
  let counter = 0;
  let baseUrl = '';
  const hanging = new Set<http.ServerResponse>();

  const send = (res: http.ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const newJob = (
    modelId: string,
    id: string,
    input: Record<string, unknown>,
    jobSteps = steps,
  ) => {
    const job: FalFakeJob = {
      id,
      modelId,
      app: modelId.split('/').slice(0, 2).join('/'),
      input,
      polls: 0,
      steps: jobSteps,
      outcome,
      canceled: false,
    };
    jobs.set(id, job);
    return job;
  };

  const urls = (job: FalFakeJob) => {
    const request = `${baseUrl}/${job.app}/requests/${job.id}`;
    return {
      request_id: job.id,
      response_url: request,
      status_url: `${request}/status`,
      cancel_url: `${request}/cancel`,
    };
  };

  const serveFile = (name: string, data: Buffer, contentType: string) => {
    files.set(name, { data, contentType, created: Date.now(), fetches: 0 });
    return `${baseUrl}/files/${name}`;
  };

  const result = (job: FalFakeJob) => {
    if (job.modelId.includes('video')) {
      return {
        video: {
          url: serveFile(`${job.id}.mp4`, TINY_MP4, 'video/mp4'),
          content_type: 'video/mp4',
        },
      };
    }
    const count = Number(job.input.num_images ?? 1);
    const images = Array.from({ length: count }, (_, index) => ({
      url: serveFile(`${job.id}-${index}.png`, png, 'image/png'),
      content_type: 'image/png',
      width: 4,
      height: 4,
    }));
    return {
      images,
      seed: job.input.seed ?? 1,
      has_nsfw_concepts: images.map(() => job.outcome.kind === 'nsfw'),
      prompt: job.input.prompt,
    };
  };

  const status = (job: FalFakeJob) => {
    const step = job.steps[Math.min(job.polls, job.steps.length)];
    job.polls += 1;
    const links = urls(job);
    if (!step) {
      const failed = job.outcome.kind === 'error' ? job.outcome : null;
      return {
        status: 'COMPLETED',
        ...links,
        logs: [],
        ...(failed
          ? { error: failed.message, error_type: failed.errorType ?? 'runner_error' }
          : {}),
      };
    }
    if ('queuePosition' in step)
      return { status: 'IN_QUEUE', queue_position: step.queuePosition, ...links };
    // Logs are cumulative, as fal sends them: every line so far.
    const logs = job.steps
      .slice(0, job.polls)
      .flatMap((earlier) => ('logs' in earlier ? earlier.logs : []))
      .map((message, index) => ({
        message,
        level: 'INFO',
        source: 'user',
        timestamp: new Date(1e12 + index).toISOString(),
      }));
    return { status: 'IN_PROGRESS', ...links, logs };
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    if (path.startsWith('/files/')) {
      const file = files.get(path.slice('/files/'.length));
      const expired =
        !file ||
        (expiry.afterMs !== undefined && Date.now() - file.created > expiry.afterMs) ||
        (expiry.afterFetches !== undefined && file.fetches >= expiry.afterFetches);
      if (expired) return send(res, 404, { detail: 'Not Found' });
      file.fetches += 1;
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.data.length });
      return res.end(file.data);
    }
    let body: Record<string, unknown>;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(res, 422, { detail: 'Invalid JSON body' });
    }
    requests.push({
      method: req.method ?? 'GET',
      path: path + url.search,
      headers: req.headers,
      body,
    });
    if (req.headers.authorization !== `Key ${FAL_TEST_KEY}`) {
      return send(res, 401, { detail: 'No user found for Key ID and Secret' });
    }
    const match = /^\/([^/]+\/[^/]+)\/requests\/([^/]+)(\/status|\/cancel)?$/.exec(path);
    const route: FalFakeRoute = !match
      ? 'submit'
      : match[3] === '/status'
        ? 'status'
        : match[3] === '/cancel'
          ? 'cancel'
          : 'result';
    const failure = failures[route].shift();
    if (failure?.kind === 'hang') return void hanging.add(res);
    if (failure?.kind === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end('{"request_id": ');
    }
    if (failure?.kind === 'status') {
      const headers = failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {};
      return send(
        res,
        failure.status,
        failure.body ?? { detail: `HTTP ${failure.status}` },
        headers,
      );
    }
    if (!match) {
      if (req.method !== 'POST') return send(res, 405, { detail: 'Method Not Allowed' });
      const job = newJob(path.slice(1), `req-${++counter}`, body);
      return send(res, 200, urls(job));
    }
    const job = jobs.get(match[2]!);
    if (!job || job.app !== match[1]) return send(res, 404, { detail: 'Request not found' });
    if (route === 'status') return send(res, 200, status(job));
    if (route === 'cancel') {
      if (req.method !== 'PUT') return send(res, 405, { detail: 'Method Not Allowed' });
      if (job.polls > job.steps.length) return send(res, 400, { status: 'ALREADY_COMPLETED' });
      job.canceled = true;
      return send(res, 202, { status: 'CANCELLATION_REQUESTED' });
    }
    if (job.polls <= job.steps.length)
      return send(res, 400, { detail: 'Request is still in progress' });
    if (job.outcome.kind === 'policy') {
      return send(res, 422, {
        detail: [
          {
            loc: ['body', 'prompt'],
            msg: job.outcome.message,
            type: 'content_policy_violation',
            input: job.input.prompt,
          },
        ],
      });
    }
    return send(res, 200, result(job));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    key: FAL_TEST_KEY,
    requests,
    jobs,
    png,
    script(nextSteps, nextOutcome = { kind: 'ok' }) {
      steps = nextSteps;
      outcome = nextOutcome;
    },
    failNext(route, ...next) {
      failures[route].push(...next);
    },
    expireFiles(options) {
      expiry = options;
    },
    addJob(modelId, id, jobSteps = []) {
      return newJob(modelId, id, { prompt: 'earlier', num_images: 1 }, jobSteps);
    },
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
