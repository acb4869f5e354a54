import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** A field of a recorded multipart body: text, or a file's name, type and bytes. */
export type FormValue = string | { filename: string; type: string; data: Buffer };

export interface StabilityRecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  form: Record<string, FormValue>;
}

/** What the next generate request answers instead of an image. */
export type StabilityFailure =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'filtered' }
  /** The 403 Stability's content moderation answers a flagged prompt or image with. */
  | { kind: 'moderated' };

export interface StabilityFake {
  baseUrl: string;
  key: string;
  requests: StabilityRecordedRequest[];
  /** Generate requests the client closed before an answer (a synchronous API's cancel). */
  closedEarly: number;
  /** Queues failures for the next generate requests, one each, in order. */
  fail(...failures: StabilityFailure[]): void;
  stop(): Promise<void>;
}

const ENDPOINTS = new Set(['ultra', 'core', 'sd3']);
const ASPECTS = new Set(['1:1', '16:9', '9:16', '3:2', '2:3', '4:5', '5:4', '21:9', '9:21']);
const SD3_MODELS = new Set(['sd3.5-large', 'sd3.5-large-turbo', 'sd3.5-medium', 'sd3.5-flash']);

/** Stability's error body: `{ id, name, errors: [...] }`. */
function errorBody(name: string, errors: string[]) {
  return { id: `err-${Math.random().toString(16).slice(2, 10)}`, name, errors };
}

/** Stability's documented reason for a request its content moderation refused. */
export const STABILITY_MODERATION_REASON =
  'Your request was flagged by our content moderation system, as a result your request was ' +
  'denied and you were not charged.';

/**
 * A loopback Stable Image API: `/v2beta/stable-image/generate/{ultra,core,sd3}` (multipart,
 * Bearer key, `accept: image/*` or `application/json`) and `/v1/user/account`.
 */
export async function startStabilityFake(options: { key?: string } = {}): Promise<StabilityFake> {
  const key = options.key ?? 'sk-fake-stability-key-123456';
  const requests: StabilityRecordedRequest[] = [];
  const queued: StabilityFailure[] = [];
  const image = await sharp({
    create: { width: 4, height: 4, channels: 3, background: '#3366cc' },
  })
    .png()
    .toBuffer();
  const hanging = new Set<http.ServerResponse>();
  const fake: StabilityFake = {
    baseUrl: '',
    key,
    requests,
    closedEarly: 0,
    fail: (...failures) => void queued.push(...failures),
    stop: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const json = (response: http.ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  async function parseForm(request: http.IncomingMessage, raw: Buffer) {
    const form: Record<string, FormValue> = {};
    const contentType = request.headers['content-type'] ?? '';
    if (!contentType.startsWith('multipart/form-data')) return null;
    const parsed = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    for (const [name, value] of parsed.entries()) {
      form[name] =
        typeof value === 'string'
          ? value
          : {
              filename: value.name,
              type: value.type,
              data: Buffer.from(await value.arrayBuffer()),
            };
    }
    return form;
  }

  async function generate(
    endpoint: string,
    request: http.IncomingMessage,
    response: http.ServerResponse,
    form: Record<string, FormValue>,
  ) {
    const failure = queued.shift();
    if (failure?.kind === 'hang') {
      hanging.add(response);
      response.on('close', () => {
        if (!response.writableEnded) fake.closedEarly++;
        hanging.delete(response);
      });
      return;
    }
    if (failure?.kind === 'status') {
      response.writeHead(failure.status, {
        'content-type': 'application/json',
        ...failure.headers,
      });
      response.end(JSON.stringify(failure.body ?? errorBody('internal_error', ['boom'])));
      return;
    }
    if (failure?.kind === 'moderated') {
      return json(response, 403, errorBody('content_moderation', [STABILITY_MODERATION_REASON]));
    }
    if (failure?.kind === 'malformed') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"image": "iVBOR');
      return;
    }
    const prompt = typeof form.prompt === 'string' ? form.prompt : '';
    const problems: string[] = [];
    if (!prompt) problems.push('prompt: cannot be empty');
    const aspect = form.aspect_ratio;
    if (typeof aspect === 'string' && !ASPECTS.has(aspect)) {
      problems.push(`aspect_ratio: must be one of ${[...ASPECTS].join(', ')}`);
    }
    if (endpoint === 'sd3' && typeof form.model === 'string' && !SD3_MODELS.has(form.model)) {
      problems.push(`model: unknown model ${form.model}`);
    }
    if (form.image && form.strength === undefined) {
      problems.push('strength: is required when image is provided');
    }
    if (problems.length) return json(response, 400, errorBody('bad_request', problems));
    const finishReason = failure?.kind === 'filtered' ? 'CONTENT_FILTERED' : 'SUCCESS';
    const seed = typeof form.seed === 'string' ? form.seed : '0';
    if (String(request.headers.accept).includes('application/json')) {
      return json(response, 200, {
        image: image.toString('base64'),
        finish_reason: finishReason,
        seed: Number(seed),
      });
    }
    response.writeHead(200, {
      'content-type': 'image/png',
      'finish-reason': finishReason,
      seed,
    });
    response.end(image);
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const path = (request.url ?? '/').split('?')[0]!;
        const form = (await parseForm(request, Buffer.concat(chunks))) ?? {};
        requests.push({ method: request.method ?? 'GET', path, headers: request.headers, form });
        if (request.headers.authorization !== `Bearer ${key}`) {
          return json(
            response,
            401,
            errorBody('unauthorized', ['authorization: invalid or missing API key']),
          );
        }
        if (request.method === 'GET' && path === '/v1/user/account') {
          const failure = queued.shift();
          if (failure?.kind === 'status') {
            return json(response, failure.status, errorBody('internal_error', ['unavailable']));
          }
          return json(response, 200, {
            id: 'user-1',
            email: 'someone@example.test',
            organizations: [],
          });
        }
        const match = /^\/v2beta\/stable-image\/generate\/([a-z0-9]+)$/.exec(path);
        if (request.method === 'POST' && match && ENDPOINTS.has(match[1]!)) {
          if (!request.headers['content-type']?.startsWith('multipart/form-data')) {
            return json(
              response,
              400,
              errorBody('bad_request', ['content-type: must be multipart/form-data']),
            );
          }
          return generate(match[1]!, request, response, form);
        }
        return json(response, 404, errorBody('not_found', [`${request.method} ${path}`]));
      })().catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
