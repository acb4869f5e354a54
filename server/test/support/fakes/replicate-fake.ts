import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import sharp from 'sharp';

/**
 * A loopback fake of Replicate's HTTP API (the parts the adapter uses): official-model
 * predictions, polling, cancel, `/account`, Bearer auth with Replicate's problem-details errors,
 * and output files served from the fake itself that stop working after a while, like
 * replicate.delivery URLs do.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** One state a poll shows before the prediction ends. */
export interface FakeStep {
  status: 'starting' | 'processing';
  /** Log text appended at this step. */
  logs?: string;
}

export type FakeEnd =
  | { status: 'succeeded'; outputs?: number }
  | { status: 'failed'; error: string }
  | { status: 'canceled' };

export interface FakeScript {
  steps: FakeStep[];
  end: FakeEnd;
}

/** A scripted answer to the next request of one route (used once). */
export type FakeFailure =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'hang' | 'malformed';

export type FakeRoute = 'create' | 'get' | 'cancel' | 'account';

interface FakePrediction {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  status: string;
  logs: string;
  output: string | string[] | null;
  error: string | null;
  script: FakeScript;
  polls: number;
}

const VERSION = '5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637';
// A few bytes that start like an MP4 (an ftyp box); enough to be stored and labelled.
const TINY_MP4 = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');

const DEFAULT_SCRIPT: FakeScript = {
  steps: [
    { status: 'starting' },
    { status: 'processing', logs: 'Using seed: 42\n' },
    { status: 'processing', logs: ' 50%|█████     | 2/4 [00:00<00:00]\r' },
    { status: 'processing', logs: '100%|██████████| 4/4 [00:01<00:00]\n' },
  ],
  end: { status: 'succeeded' },
};

export async function startReplicateFake(
  options: { token?: string; outputTtlMs?: number; maxFetches?: number } = {},
) {
  const token = options.token ?? 'r8_fake_token_123';
  const outputTtlMs = options.outputTtlMs ?? 60_000;
  const png = await sharp({
    create: { width: 4, height: 4, channels: 3, background: '#3366cc' },
  })
    .png()
    .toBuffer();
  const requests: RecordedRequest[] = [];
  const predictions = new Map<string, FakePrediction>();
  const files = new Map<string, { data: Buffer; type: string; expires: number; fetches: number }>();
  const failures = new Map<FakeRoute, FakeFailure[]>();
  const scripts: FakeScript[] = [];
  const sockets = new Set<Socket>();
  let counter = 0;
  let baseUrl = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const problem = (res: ServerResponse, status: number, title: string, detail: string) =>
    send(res, status, { title, detail, status });

  const view = (p: FakePrediction) => ({
    id: p.id,
    model: p.model,
    version: p.version,
    input: p.input,
    logs: p.logs,
    output: p.output,
    error: p.error,
    status: p.status,
    created_at: '2026-12-01T10:00:00.000Z',
    urls: {
      get: `${baseUrl}/v1/predictions/${p.id}`,
      cancel: `${baseUrl}/v1/predictions/${p.id}/cancel`,
    },
  });

  function finish(p: FakePrediction) {
    const end = p.script.end;
    p.status = end.status;
    if (end.status === 'failed') p.error = end.error;
    if (end.status !== 'succeeded') return;
    const video = p.model.startsWith('minimax/');
    const count = end.outputs ?? Number(p.input.num_outputs ?? 1);
    const urls = Array.from({ length: count }, (_, index) => {
      const name = `${p.id}/out-${index}.${video ? 'mp4' : 'png'}`;
      files.set(name, {
        data: video ? TINY_MP4 : png,
        type: video ? 'video/mp4' : 'image/png',
        expires: Date.now() + outputTtlMs,
        fetches: 0,
      });
      return `${baseUrl}/files/${name}`;
    });
    // flux-schnell documents a list of URLs; the other curated models a single URL.
    p.output = p.model.endsWith('/flux-schnell') ? urls : urls[0]!;
  }

  function advance(p: FakePrediction) {
    if (['succeeded', 'failed', 'canceled'].includes(p.status)) return;
    const step = p.script.steps[p.polls++];
    if (!step) return finish(p);
    p.status = step.status;
    p.logs += step.logs ?? '';
  }

  function create(model: string, input: Record<string, unknown>, script: FakeScript) {
    const id = `fake${++counter}pred`;
    const p: FakePrediction = {
      id,
      model,
      version: VERSION,
      input,
      status: 'starting',
      logs: '',
      output: null,
      error: null,
      script,
      polls: 0,
    };
    predictions.set(id, p);
    return p;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', baseUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // Recorded as text.
    }
    requests.push({ method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body });

    const file = url.pathname.match(/^\/files\/(.+)$/);
    if (file && req.method === 'GET') {
      const entry = files.get(file[1]!);
      const spent =
        entry && options.maxFetches !== undefined && entry.fetches >= options.maxFetches;
      if (!entry || Date.now() > entry.expires || spent) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      entry.fetches++;
      res.writeHead(200, { 'Content-Type': entry.type }).end(entry.data);
      return;
    }

    if (req.headers.authorization !== `Bearer ${token}`) {
      return problem(res, 401, 'Unauthenticated', 'You did not pass a valid authentication token');
    }
    const createMatch = url.pathname.match(/^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/);
    const getMatch = url.pathname.match(/^\/v1\/predictions\/([^/]+)$/);
    const cancelMatch = url.pathname.match(/^\/v1\/predictions\/([^/]+)\/cancel$/);
    const route: FakeRoute | undefined =
      createMatch && req.method === 'POST'
        ? 'create'
        : getMatch && req.method === 'GET'
          ? 'get'
          : cancelMatch && req.method === 'POST'
            ? 'cancel'
            : url.pathname === '/v1/account' && req.method === 'GET'
              ? 'account'
              : undefined;
    if (!route) return problem(res, 404, 'Not found', 'The requested resource does not exist');

    const failure = failures.get(route)?.shift();
    if (failure === 'hang') return; // Never answers; stop() closes the socket.
    if (failure === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id": "oops", ');
      return;
    }
    if (failure) return send(res, failure.status, failure.body ?? {}, failure.headers);

    if (route === 'account') {
      return send(res, 200, { type: 'user', username: 'fake', name: 'Fake User' });
    }
    if (route === 'create') {
      const input = (body as { input?: Record<string, unknown> } | undefined)?.input;
      if (!input || typeof input.prompt !== 'string') {
        return send(res, 422, {
          title: 'Input validation failed',
          detail: '- input: prompt is required',
          status: 422,
        });
      }
      const p = create(
        `${createMatch![1]}/${createMatch![2]}`,
        input,
        scripts.shift() ?? DEFAULT_SCRIPT,
      );
      return send(res, 201, view(p));
    }
    const id = (getMatch ?? cancelMatch)![1]!;
    const p = predictions.get(id);
    if (!p) return problem(res, 404, 'Not found', 'The requested resource does not exist');
    if (route === 'cancel') {
      if (!['succeeded', 'failed'].includes(p.status)) p.status = 'canceled';
      return send(res, 200, view(p));
    }
    advance(p);
    return send(res, 200, view(p));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    token,
    /** The API base, like https://api.replicate.com/v1. */
    apiUrl: `${baseUrl}/v1`,
    requests,
    predictions,
    /** Requests to the API (not to output files). */
    apiRequests: () => requests.filter((r) => r.path.startsWith('/v1/')),
    /** How the next created prediction goes (otherwise: starting, three log steps, success). */
    script(script: FakeScript) {
      scripts.push(script);
    },
    /** Answers the next request to `route` with a failure (once). */
    fail(route: FakeRoute, failure: FakeFailure) {
      failures.set(route, [...(failures.get(route) ?? []), failure]);
    },
    /** A prediction that already exists (e.g. one a crashed run created), for resume tests. */
    existing(model: string, script: FakeScript = DEFAULT_SCRIPT) {
      return create(model, { prompt: 'existing' }, script).id;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type ReplicateFake = Awaited<ReturnType<typeof startReplicateFake>>;
