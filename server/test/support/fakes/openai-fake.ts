import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/**
 * A loopback stand-in for OpenAI's Images API (`/v1/images/generations`, `/v1/images/edits`,
 * `/v1/models`): Bearer auth with OpenAI's error shape, JSON and multipart bodies recorded,
 * streamed (SSE) partial images then the final image, or the plain JSON answer, and scripted
 * failures. gpt-image-1 only ever returns base64, so there are no output URLs to serve.
 */

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or the multipart fields. */
  body: Record<string, unknown>;
  files: RecordedFile[];
  /** The client closed the connection before the answer was complete (a cancel). */
  closedEarly: boolean;
}

export type OpenAIFakeFailure =
  | { kind: 'status'; status: number; message: string; code?: string; retryAfter?: string }
  | { kind: 'moderation'; message?: string }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'malformed-stream' }
  | { kind: 'stream-error'; code: string; type: string; message: string }
  | { kind: 'truncated' };

export interface OpenAIFake {
  /** The API base, like https://api.openai.com/v1. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** The final image and the partial images every request answers with. */
  finalPng: Buffer;
  partialPngs: Buffer[];
  /** The next image requests fail this way, in order. */
  failNext(...failures: OpenAIFakeFailure[]): void;
  /** Answer streamed requests with one JSON body anyway. */
  ignoreStream(value: boolean): void;
  stop(): Promise<void>;
}

export const MODERATION_MESSAGE =
  'Your request was rejected as a result of our safety system. Your request may contain ' +
  'content that is not allowed by our safety system.';

function errorBody(
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
) {
  return JSON.stringify({ error: { message, type, param, code } });
}

async function png(colour: string): Promise<Buffer> {
  return sharp({ create: { width: 4, height: 4, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

export async function startOpenAIFake(options: {
  key: string;
  /** Pause before each streamed event, so a test can cancel mid-stream. */
  eventDelayMs?: number;
}): Promise<OpenAIFake> {
  const delay = options.eventDelayMs ?? 0;
  const finalPng = await png('#3366cc');
  const partialPngs = await Promise.all([png('#999999'), png('#6677aa')]);
  const failures: OpenAIFakeFailure[] = [];
  const requests: RecordedRequest[] = [];
  let ignoreStream = false;
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    const path = (req.url ?? '/').split('?')[0]!;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body: {},
      files: [],
      closedEarly: false,
    };
    await parseBody(req, raw, record);
    requests.push(record);
    res.on('close', () => {
      if (!res.writableFinished) record.closedEarly = true;
    });
    const json = (status: number, body: string, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);

    if (req.headers.authorization !== `Bearer ${options.key}`) {
      // OpenAI echoes (part of) the key it was given; the adapter must never pass it on.
      const given = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      return json(
        401,
        errorBody(
          `Incorrect API key provided: ${given}.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
    }
    const failure = failures.shift();
    switch (failure?.kind) {
      case 'status':
        return json(
          failure.status,
          errorBody(failure.message, 'invalid_request_error', failure.code ?? null),
          failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
        );
      case 'moderation':
        return json(
          400,
          errorBody(
            failure.message ?? MODERATION_MESSAGE,
            'image_generation_user_error',
            'moderation_blocked',
          ),
        );
      case 'hang':
        return; // Never answers; the client's timeout or abort closes it.
      case 'malformed':
        return json(200, '{"data": [{"b64_json": ');
    }
    if (req.method === 'GET' && path === '/v1/models') {
      return json(
        200,
        JSON.stringify({
          object: 'list',
          data: [{ id: 'gpt-image-1', object: 'model', owned_by: 'system' }],
        }),
      );
    }
    const kind = { '/v1/images/generations': 'image_generation', '/v1/images/edits': 'image_edit' }[
      path
    ];
    if (req.method !== 'POST' || !kind) {
      return json(
        404,
        errorBody(`Invalid URL (${req.method} ${path})`, 'invalid_request_error', null),
      );
    }
    if (!record.body.prompt) {
      return json(
        400,
        errorBody("Missing required parameter: 'prompt'.", 'invalid_request_error', null, 'prompt'),
      );
    }
    const streaming =
      (record.body.stream === true || record.body.stream === 'true') && !ignoreStream;
    const usage = { total_tokens: 4300, input_tokens: 50, output_tokens: 4250 };
    if (!streaming) {
      return json(
        200,
        JSON.stringify({ created: 1, data: [{ b64_json: finalPng.toString('base64') }], usage }),
      );
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = async (event: Record<string, unknown>) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (res.destroyed) return false;
      res.write(`event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`);
      return true;
    };
    const common = {
      created_at: 1,
      size: record.body.size,
      quality: record.body.quality,
      background: 'opaque',
      output_format: 'png',
    };
    const wanted = Math.min(Number(record.body.partial_images ?? 0), partialPngs.length);
    for (let index = 0; index < wanted; index++) {
      const sent = await send({
        type: `${kind}.partial_image`,
        b64_json: partialPngs[index]!.toString('base64'),
        partial_image_index: index,
        ...common,
      });
      if (!sent) return;
      if (index === 0 && failure?.kind === 'malformed-stream')
        return res.end('event: x\ndata: {"type":\n\n');
      if (index === 0 && failure?.kind === 'truncated') return res.end();
      if (index === 0 && failure?.kind === 'stream-error') {
        await send({
          type: 'error',
          error: { type: failure.type, code: failure.code, message: failure.message, param: null },
        });
        return res.end();
      }
    }
    if (
      await send({
        type: `${kind}.completed`,
        b64_json: finalPng.toString('base64'),
        ...common,
        usage,
      })
    )
      res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    finalPng,
    partialPngs,
    failNext: (...next) => void failures.push(...next),
    ignoreStream: (value) => void (ignoreStream = value),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function parseBody(req: http.IncomingMessage, raw: Buffer, record: RecordedRequest) {
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    record.body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
  } else if (type.includes('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') record.body[field] = value;
      else {
        const bytes = Buffer.from(await value.arrayBuffer());
        record.files.push({ field, filename: value.name, contentType: value.type, bytes });
      }
    }
  }
}
