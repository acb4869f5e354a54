import type http from 'node:http';
import { apiRoutes, type Route } from './api';
import { ApiError, idempotencyMismatch, unrecognized } from './errors';
import { answerPage } from './pages';
import { makeId, maskKey, parseStripeParams } from './params';
import type { FakeState } from './state';
import {
  FAKE_API_VERSION,
  type FailNextOptions,
  type RecordedRequest,
  type StripeErrorBody,
} from './types';
import { flattenHeaders, parseBody, readBody, sendJson } from './wire';

// The fake's front door: records each request, fails it on demand, checks the API key, replays
// idempotent POSTs, and hands the rest to the API routes or the hosted pages.

interface PendingFailure {
  matches: (request: RecordedRequest) => boolean;
  status: number;
  error: StripeErrorBody;
  headers: Record<string, string>;
  remaining: number;
}

interface ApiResponse {
  status: number;
  body: unknown;
}

interface StoredResponse extends ApiResponse {
  fingerprint: string;
}

function bearerKey(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme = '', value = ''] = authorization.split(' ', 2);
  if (scheme.toLowerCase() === 'bearer') return value.trim();
  // Stripe also takes the key as the user name of Basic auth (curl -u sk_test_...:).
  if (scheme.toLowerCase() === 'basic') {
    return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
  }
  return undefined;
}

export class FakeHttp {
  private readonly idempotent = new Map<string, StoredResponse>();
  private readonly failures: PendingFailure[] = [];
  private readonly routes: Route[];

  constructor(
    private readonly fake: FakeState,
    private readonly secretKey: string,
  ) {
    this.routes = apiRoutes(fake);
  }

  failNext(match: string | ((request: RecordedRequest) => boolean), options: FailNextOptions = {}) {
    const status = options.status ?? 500;
    this.failures.push({
      matches: typeof match === 'string' ? (request) => request.path.startsWith(match) : match,
      status,
      error: options.error ?? {
        type: status >= 500 ? 'api_error' : 'invalid_request_error',
        message: 'An unknown error occurred',
      },
      headers: options.headers ?? {},
      remaining: options.times ?? 1,
    });
  }

  async handle(incoming: http.IncomingMessage, response: http.ServerResponse) {
    const url = new URL(incoming.url ?? '/', this.fake.url);
    const headers = flattenHeaders(incoming.headers);
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: parseStripeParams(url.search.slice(1)),
      body: parseBody(await readBody(incoming), headers['content-type']),
      headers,
    };
    this.fake.requests.push(request);

    const failure = this.takeFailure(request);
    if (failure)
      return sendJson(response, failure.status, { error: failure.error }, failure.headers);
    if (request.path.startsWith('/v1/')) {
      const answer = this.answerApi(request);
      return sendJson(response, answer.status, answer.body, answer.headers);
    }
    await answerPage(this.fake, request, response);
  }

  private takeFailure(request: RecordedRequest): PendingFailure | undefined {
    const failure = this.failures.find((candidate) => candidate.matches(request));
    if (failure && --failure.remaining <= 0)
      this.failures.splice(this.failures.indexOf(failure), 1);
    return failure;
  }

  private answerApi(request: RecordedRequest): ApiResponse & { headers: Record<string, string> } {
    const headers: Record<string, string> = {
      'request-id': makeId('req_', 14),
      'stripe-version': request.headers['stripe-version'] ?? FAKE_API_VERSION,
    };
    const authError = this.authenticate(request.headers.authorization);
    if (authError) return { status: 401, body: { error: authError }, headers };

    const key = request.method === 'POST' ? request.headers['idempotency-key'] : undefined;
    if (key === undefined) return { ...this.dispatch(request), headers };
    headers['idempotency-key'] = key;
    const fingerprint = JSON.stringify([request.method, request.path, request.body]);
    const stored = this.idempotent.get(key);
    if (stored && stored.fingerprint !== fingerprint) {
      return { status: 400, body: { error: idempotencyMismatch(key) }, headers };
    }
    if (stored) return { ...stored, headers: { ...headers, 'idempotent-replayed': 'true' } };
    const result = this.dispatch(request);
    // Like Stripe, only requests that ran are replayed: refused parameters may be corrected.
    if (result.status < 400) this.idempotent.set(key, { fingerprint, ...result });
    return { ...result, headers };
  }

  private authenticate(authorization: string | undefined): StripeErrorBody | null {
    const key = bearerKey(authorization);
    if (key === this.secretKey) return null;
    return {
      type: 'invalid_request_error',
      message: key
        ? `Invalid API Key provided: ${maskKey(key)}`
        : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    };
  }

  private dispatch(request: RecordedRequest): ApiResponse {
    for (const candidate of this.routes) {
      const match = candidate.method === request.method && candidate.pattern.exec(request.path);
      if (!match) continue;
      try {
        return {
          status: 200,
          body: candidate.handler(request, decodeURIComponent(match[1] ?? '')),
        };
      } catch (error) {
        if (error instanceof ApiError) return { status: error.status, body: { error: error.body } };
        throw error;
      }
    }
    return { status: 404, body: { error: unrecognized(request) } };
  }
}
