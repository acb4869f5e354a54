import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export interface GoogleRecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export type GoogleRoute = 'predict' | 'submit' | 'poll' | 'models' | 'download';

export type GoogleFailure =
  | { kind: 'status'; status: number; message?: string; reason?: string }
  | { kind: 'hang' }
  | { kind: 'malformed' };

/** How the next Veo operation ends. */
export type VeoEnding =
  | { kind: 'video' }
  | { kind: 'filtered'; reasons: string[] }
  | { kind: 'error'; code: number; message: string };

export interface GoogleFake {
  baseUrl: string;
  key: string;
  requests: GoogleRecordedRequest[];
  /** Queues a failure for the next request to `route`. */
  fail(route: GoogleRoute, failure: GoogleFailure): void;
  /** Imagen: how many of the next request's images are filtered (with includeRaiReason). */
  filterImages(count: number, reason?: string): void;
  /** Veo: how the next operation ends, and after how many polls (default 2). */
  endVideo(ending: VeoEnding, polls?: number): void;
  /** Creates a done operation directly (as if submitted by an earlier run). */
  seedOperation(model: string): string;
  /** Polls seen per operation name. */
  polls: Map<string, number>;
  stop(): Promise<void>;
}

const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypmp42'),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('mp42isom'),
]);
const RAI_REASON =
  "Your current safety filter threshold filtered out the prompt. It violated Google's Responsible AI practices.";

/** The parts of a predict or predictLongRunning body the fake looks at. */
interface PredictBody {
  instances?: Array<{ prompt?: unknown }>;
  parameters?: { sampleCount?: number; includeRaiReason?: boolean };
}

interface Operation {
  model: string;
  polls: number;
  pollsUntilDone: number;
  ending: VeoEnding;
}

/**
 * A loopback Gemini API for Imagen (`models/{m}:predict`), Veo (`:predictLongRunning` and the
 * operation), `models?pageSize=` and video downloads (with the key, expiring after `fileTtlMs`
 * or `maxDownloads`). A wrong key gets Google's 400 API_KEY_INVALID; none gets 403.
 */
export async function startGoogleFake(
  options: { key?: string; fileTtlMs?: number; maxDownloads?: number } = {},
): Promise<GoogleFake> {
  const key = options.key ?? 'AIzaFakeGoogleKey-0123456789';
  const requests: GoogleRecordedRequest[] = [];
  const failures = new Map<GoogleRoute, GoogleFailure[]>();
  const operations = new Map<string, Operation>();
  const files = new Map<string, { created: number; downloads: number }>();
  const hanging = new Set<http.ServerResponse>();
  let filterNext: { count: number; reason: string } | null = null;
  let nextEnding: { ending: VeoEnding; polls: number } | null = null;
  let counter = 0;
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#2a9d8f' } })
    .png()
    .toBuffer();

  const fake: GoogleFake = {
    baseUrl: '',
    key,
    requests,
    polls: new Map(),
    fail: (route, failure) => void failures.set(route, [...(failures.get(route) ?? []), failure]),
    filterImages: (count, reason = RAI_REASON) => void (filterNext = { count, reason }),
    endVideo: (ending, polls = 2) => void (nextEnding = { ending, polls }),
    seedOperation: (model) => createOperation(model),
    stop: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function createOperation(model: string): string {
    const name = `models/${model}/operations/op-${++counter}`;
    const planned = nextEnding ?? { ending: { kind: 'video' as const }, polls: 2 };
    nextEnding = null;
    operations.set(name, {
      model,
      polls: 0,
      pollsUntilDone: planned.polls,
      ending: planned.ending,
    });
    return name;
  }

  const json = (response: http.ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const googleError = (status: number, code: string, message: string, reason?: string) => ({
    error: {
      code: status,
      message,
      status: code,
      ...(reason
        ? {
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason,
                domain: 'googleapis.com',
              },
            ],
          }
        : {}),
    },
  });
  const STATUS_NAMES: Record<number, string> = {
    400: 'INVALID_ARGUMENT',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    429: 'RESOURCE_EXHAUSTED',
    500: 'INTERNAL',
    503: 'UNAVAILABLE',
  };

  /** Answers a scripted failure; true when it did. */
  function scripted(route: GoogleRoute, response: http.ServerResponse): boolean {
    const failure = failures.get(route)?.shift();
    if (!failure) return false;
    if (failure.kind === 'hang') {
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
    } else if (failure.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"predictions": [');
    } else {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.status === 429) headers['retry-after'] = '12';
      response.writeHead(failure.status, headers);
      const name = STATUS_NAMES[failure.status] ?? 'UNKNOWN';
      response.end(
        JSON.stringify(googleError(failure.status, name, failure.message ?? name, failure.reason)),
      );
    }
    return true;
  }

  function predict(body: PredictBody | null, response: http.ServerResponse) {
    const prompt = body?.instances?.[0]?.prompt;
    if (typeof prompt !== 'string' || !prompt) {
      return json(response, 400, googleError(400, 'INVALID_ARGUMENT', 'Prompt is required.'));
    }
    const count = Number(body?.parameters?.sampleCount ?? 4);
    const filtered = Math.min(filterNext?.count ?? 0, count);
    const reason = filterNext?.reason ?? RAI_REASON;
    filterNext = null;
    const predictions: unknown[] = [];
    for (let i = 0; i < count - filtered; i++) {
      predictions.push({ bytesBase64Encoded: png.toString('base64'), mimeType: 'image/png' });
    }
    if (body?.parameters?.includeRaiReason) {
      for (let i = 0; i < filtered; i++) predictions.push({ raiFilteredReason: reason });
    }
    json(response, 200, predictions.length ? { predictions } : {});
  }

  function operationView(name: string, operation: Operation) {
    if (operation.polls < operation.pollsUntilDone) {
      return {
        name,
        metadata: {
          '@type':
            'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningMetadata',
        },
      };
    }
    const { ending } = operation;
    if (ending.kind === 'error')
      return { name, done: true, error: { code: ending.code, message: ending.message } };
    const generateVideoResponse =
      ending.kind === 'filtered'
        ? { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ending.reasons }
        : { generatedSamples: [{ video: { uri: fileFor(name) } }] };
    return {
      name,
      done: true,
      response: {
        '@type':
          'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse',
        generateVideoResponse,
      },
    };
  }

  function fileFor(operation: string): string {
    const id = `video-${operation.split('/').pop()}`;
    if (!files.has(id)) files.set(id, { created: Date.now(), downloads: 0 });
    return `${fake.baseUrl}/files/${id}:download?alt=media`;
  }

  function download(id: string, response: http.ServerResponse) {
    const file = files.get(id);
    const expired =
      !file ||
      (options.fileTtlMs !== undefined && Date.now() - file.created > options.fileTtlMs) ||
      (options.maxDownloads !== undefined && file.downloads >= options.maxDownloads);
    if (expired) return json(response, 404, googleError(404, 'NOT_FOUND', 'File not found.'));
    file.downloads++;
    response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': MP4.length });
    response.end(MP4);
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      requests.push({
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body,
      });
      const given = request.headers['x-goog-api-key'];
      if (!given) {
        return json(
          response,
          403,
          googleError(
            403,
            'PERMISSION_DENIED',
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
          ),
        );
      }
      if (given !== key) {
        return json(
          response,
          400,
          googleError(
            400,
            'INVALID_ARGUMENT',
            'API key not valid. Please pass a valid API key.',
            'API_KEY_INVALID',
          ),
        );
      }
      const path = url.pathname.replace(/^\/v1beta\//, '');
      const method = request.method;
      let match: RegExpExecArray | null;
      if (method === 'GET' && path === 'models') {
        if (scripted('models', response)) return;
        return json(response, 200, {
          models: [{ name: 'models/imagen-4.0-generate-001', displayName: 'Imagen 4' }],
          nextPageToken: 'next',
        });
      }
      if (method === 'POST' && /^models\/[\w.-]+:predict$/.test(path)) {
        if (scripted('predict', response)) return;
        return predict(body as PredictBody | null, response);
      }
      if (method === 'POST' && (match = /^models\/([\w.-]+):predictLongRunning$/.exec(path))) {
        if (scripted('submit', response)) return;
        const prompt = (body as PredictBody | null)?.instances?.[0]?.prompt;
        if (typeof prompt !== 'string' || !prompt) {
          return json(response, 400, googleError(400, 'INVALID_ARGUMENT', 'Prompt is required.'));
        }
        return json(response, 200, { name: createOperation(match[1]!) });
      }
      if (method === 'GET' && (match = /^files\/([\w-]+):download$/.exec(path))) {
        if (scripted('download', response)) return;
        return download(match[1]!, response);
      }
      const operation = operations.get(path);
      if (method === 'GET' && operation) {
        if (scripted('poll', response)) return;
        operation.polls++;
        fake.polls.set(path, operation.polls);
        return json(response, 200, operationView(path, operation));
      }
      json(response, 404, googleError(404, 'NOT_FOUND', `${method} ${url.pathname} not found`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1beta`;
  return fake;
}
