import type http from 'node:http';
import { isRecord, parseStripeParams } from './params';
import type { JsonObject } from './types';

// Bytes on the wire: reading request and response bodies, writing JSON and HTML answers.

export function readBody(message: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    message.on('error', reject);
  });
}

export function jsonObject(text: string): JsonObject {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

export function parseBody(text: string, contentType: string | undefined): JsonObject {
  if (!text) return {};
  return contentType?.startsWith('application/json') ? jsonObject(text) : parseStripeParams(text);
}

export function flattenHeaders(
  headers: http.IncomingHttpHeaders,
): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body, null, 2);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

export function sendHtml(response: http.ServerResponse, status: number, html: string) {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
  });
  response.end(html);
}

/** A bug in the fake itself: answer like a Stripe outage so that the test sees it. */
export function failRequest(response: http.ServerResponse, error: Error) {
  if (response.headersSent) return void response.destroy(error);
  sendJson(response, 500, {
    error: { type: 'api_error', message: `Stripe fake: ${error.message}` },
  });
}
