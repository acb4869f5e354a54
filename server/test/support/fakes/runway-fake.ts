import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback Runway API (version 2024-11-06): image_to_video, text_to_video, tasks (poll and
 * DELETE), organization, plus the task outputs served from the fake itself at URLs that expire.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** One poll's answer; a task moves to the next step on each GET, staying on the last one. */
export interface TaskStep {
  status: 'PENDING' | 'THROTTLED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  progress?: number;
  failure?: string;
  failureCode?: string;
}

/** A scripted failure for the next request to a route. */
export type ScriptedFailure =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'malformed' };

export type FakeRoute = 'create' | 'poll' | 'delete' | 'organization';

interface FakeTask {
  id: string;
  steps: TaskStep[];
  polls: number;
  cancelled: boolean;
  deleted: boolean;
}

/** A tiny MP4: an `ftyp` box and an empty `mdat` box. */
export const TINY_MP4 = Buffer.from(
  '00000018667479706973736f6d0000020069736f6d6d703431000000086d646174',
  'hex',
);

export const DEFAULT_STEPS: TaskStep[] = [
  { status: 'PENDING' },
  { status: 'THROTTLED' },
  { status: 'RUNNING', progress: 0.25 },
  { status: 'RUNNING', progress: 0.75 },
  { status: 'SUCCEEDED' },
];

const RATIOS: Record<string, Record<string, string[]>> = {
  image_to_video: {
    gen4_turbo: ['1280:720', '720:1280', '1104:832', '832:1104', '960:960', '1584:672'],
  },
  text_to_video: { 'gen4.5': ['1280:720', '720:1280'] },
};

export async function startRunwayFake(
  options: {
    apiKey?: string;
    /** Output URLs answer 404 this long after the task succeeded. */
    outputTtlMs?: number;
    /** Output URLs answer 404 once fetched this many times. */
    outputMaxFetches?: number;
  } = {},
) {
  const apiKey = options.apiKey ?? 'rw-test-key';
  const requests: RecordedRequest[] = [];
  const tasks = new Map<string, FakeTask>();
  const failures: Record<FakeRoute, ScriptedFailure[]> = {
    create: [],
    poll: [],
    delete: [],
    organization: [],
  };
  const outputs = new Map<string, { firstServedAt: number; fetches: number }>();
  const sockets = new Set<Socket>();
  let nextSteps: TaskStep[] = DEFAULT_STEPS;
  let counter = 0;
  const files = new Map<string, { data: Buffer; contentType: string }>();

  const send = (res: ServerResponse, status: number, body?: unknown, headers = {}) => {
    if (body === undefined) {
      res.writeHead(status, headers).end();
      return;
    }
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  /** Applies a scripted failure; true when it answered (or hung). */
  function scripted(route: FakeRoute, res: ServerResponse): boolean {
    const failure = failures[route].shift();
    if (!failure) return false;
    if (failure.kind === 'hang') return true;
    if (failure.kind === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id": "tas');
      return true;
    }
    send(res, failure.status, failure.body ?? { error: `HTTP ${failure.status}` }, failure.headers);
    return true;
  }

  function validate(endpoint: string, body: Record<string, unknown>): string | null {
    const ratios = RATIOS[endpoint]?.[String(body.model)];
    if (!ratios) return `Model ${String(body.model)} is not available on /v1/${endpoint}.`;
    if (!ratios.includes(String(body.ratio))) return `Invalid ratio ${String(body.ratio)}.`;
    if (![5, 10].includes(body.duration as number)) return 'Duration must be 5 or 10.';
    if (endpoint === 'image_to_video') {
      const image = body.promptImage;
      if (typeof image !== 'string' || !/^(https:\/\/|data:image\/)/.test(image)) {
        return 'promptImage must be an HTTPS URL or a data URI.';
      }
    } else if (typeof body.promptText !== 'string' || !body.promptText) {
      return 'promptText is required.';
    }
    return null;
  }

  function taskBody(task: FakeTask) {
    const step = task.steps[Math.min(task.polls, task.steps.length - 1)]!;
    task.polls++;
    const body: Record<string, unknown> = {
      id: task.id,
      createdAt: new Date().toISOString(),
      status: task.cancelled ? 'CANCELLED' : step.status,
    };
    if (task.cancelled) return body;
    if (step.status === 'RUNNING' && step.progress !== undefined) body.progress = step.progress;
    if (step.status === 'FAILED') {
      body.failure = step.failure ?? 'An unexpected error occurred.';
      if (step.failureCode) body.failureCode = step.failureCode;
    }
    if (step.status === 'SUCCEEDED') {
      const name = `${task.id}.mp4`;
      if (!outputs.has(name)) outputs.set(name, { firstServedAt: Date.now(), fetches: 0 });
      body.output = [`${origin}/outputs/${name}`];
    }
    return body;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    if (raw && req.headers['content-type']?.includes('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, 400, { error: 'Body is not valid JSON.' });
      }
    }
    requests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body });

    const output = /^\/outputs\/([\w.-]+)$/.exec(url.pathname);
    if (output && req.method === 'GET') {
      const entry = outputs.get(output[1]!);
      const expired =
        !entry ||
        (options.outputTtlMs !== undefined &&
          Date.now() - entry.firstServedAt > options.outputTtlMs) ||
        (options.outputMaxFetches !== undefined && entry.fetches >= options.outputMaxFetches);
      if (expired) return send(res, 404, { error: 'Not found' });
      entry.fetches++;
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': TINY_MP4.length });
      return res.end(TINY_MP4);
    }
    const file = files.get(url.pathname);
    if (file && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': file.contentType });
      return res.end(file.data);
    }

    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(res, 401, { error: 'Invalid API key.' });
    }
    if (req.headers['x-runway-version'] !== '2024-11-06') {
      return send(res, 400, { error: 'Invalid or missing X-Runway-Version header.' });
    }

    const create = /^\/v1\/(image_to_video|text_to_video)$/.exec(url.pathname);
    if (create && req.method === 'POST') {
      if (scripted('create', res)) return;
      const error = validate(create[1]!, (body ?? {}) as Record<string, unknown>);
      if (error) return send(res, 400, { error });
      const id = `task-${++counter}`;
      tasks.set(id, { id, steps: nextSteps, polls: 0, cancelled: false, deleted: false });
      return send(res, 200, { id });
    }
    const taskPath = /^\/v1\/tasks\/([\w-]+)$/.exec(url.pathname);
    if (taskPath) {
      const task = tasks.get(taskPath[1]!);
      if (req.method === 'GET') {
        if (scripted('poll', res)) return;
        if (!task || task.deleted) return send(res, 404, { error: 'Task not found.' });
        return send(res, 200, taskBody(task));
      }
      if (req.method === 'DELETE') {
        if (scripted('delete', res)) return;
        if (!task || task.deleted) return send(res, 404, { error: 'Task not found.' });
        const status = task.steps[Math.min(task.polls, task.steps.length - 1)]!.status;
        // Running, pending or throttled tasks are aborted; finished ones are deleted.
        if (['PENDING', 'THROTTLED', 'RUNNING'].includes(status)) task.cancelled = true;
        else task.deleted = true;
        return send(res, 204);
      }
    }
    if (url.pathname === '/v1/organization' && req.method === 'GET') {
      if (scripted('organization', res)) return;
      return send(res, 200, {
        creditBalance: 1000,
        tier: { maxMonthlyCreditSpend: 10000, models: {} },
        usage: { models: {} },
      });
    }
    return send(res, 404, { error: 'Not found.' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiKey,
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    tasks,
    /** Requests to the API itself (not output or asset downloads). */
    apiRequests: () => requests.filter((r) => r.path.startsWith('/v1/')),
    /** The status sequence of tasks created from now on. */
    setSteps(steps: TaskStep[]) {
      nextSteps = steps;
    },
    /** Fails the next request to a route this way (queued, one per request). */
    fail(route: FakeRoute, failure: ScriptedFailure) {
      failures[route].push(failure);
    },
    /** Serves a file (e.g. a reference image) at a path of the fake. */
    serve(path: string, data: Buffer, contentType: string) {
      files.set(path, { data, contentType });
      return `${origin}${path}`;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type RunwayFake = Awaited<ReturnType<typeof startRunwayFake>>;
