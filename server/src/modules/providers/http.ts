import { ProviderError } from './provider';

/** How long one request to a provider may take before it counts as a (retryable) timeout. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
const MAX_MESSAGE = 500;

/** Removes secrets from text that is about to reach an error, a log line or a person. */
export function scrub(text: string, secrets: Array<string | undefined>): string {
  let clean = text;
  for (const secret of secrets) if (secret) clean = clean.split(secret).join('[redacted]');
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}

/** `Retry-After` as milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Turns a provider's HTTP error into the pipeline's classes, once for every adapter: a refused
 * key is PROVIDER_AUTH (permanent), a rate limit or a server error is retryable (respecting
 * Retry-After), anything else the provider rejected is INVALID_INPUT with its own message.
 */
export function classifyHttpError(params: {
  provider: string;
  status: number;
  retryAfter: string | null;
  /** The provider's own explanation, already scrubbed of secrets. */
  message: string;
}): ProviderError {
  const { provider, status, message } = params;
  if (status === 401 || status === 403) {
    return new ProviderError(
      'PERMANENT',
      'PROVIDER_AUTH',
      `${provider} refused the API key (HTTP ${status}). Check the key in the settings.`,
    );
  }
  if (status === 429) {
    return new ProviderError(
      'RETRYABLE',
      'RATE_LIMITED',
      `${provider} is rate limiting requests.`,
      retryAfterMs(params.retryAfter),
    );
  }
  if (status === 408 || status >= 500) {
    return new ProviderError(
      'RETRYABLE',
      'PROVIDER_UNAVAILABLE',
      `${provider} had a problem (HTTP ${status}).`,
      retryAfterMs(params.retryAfter),
    );
  }
  return new ProviderError(
    'PERMANENT',
    'INVALID_INPUT',
    message ? `${provider}: ${message}` : `${provider} rejected the request (HTTP ${status}).`,
  );
}

/** The most readable message in a provider's error body (JSON or text). */
export function errorMessageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const candidates = [
      (parsed.error as Record<string, unknown> | undefined)?.message,
      parsed.error,
      parsed.detail,
      parsed.message,
      (parsed.errors as unknown[] | undefined)?.[0],
    ];
    for (const candidate of candidates) {
      if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
      if (Array.isArray(candidate) && candidate.length > 0) return JSON.stringify(candidate);
    }
  } catch {
    // Not JSON: the text itself.
  }
  return body.trim();
}

/**
 * One request to a provider: aborted with the run's signal, timed out as a retryable failure,
 * network errors retryable, HTTP errors classified, and the key never in any message.
 */
export async function providerFetch(params: {
  provider: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: RequestInit['body'];
  signal: AbortSignal;
  timeoutMs?: number;
  /** Values that must never appear in an error (the key). */
  secrets: Array<string | undefined>;
}): Promise<Response> {
  const timeout = AbortSignal.timeout(params.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(params.url, {
      method: params.method ?? 'GET',
      headers: params.headers,
      body: params.body,
      signal: AbortSignal.any([params.signal, timeout]),
    });
  } catch (error) {
    if (params.signal.aborted) throw params.signal.reason ?? error;
    if (timeout.aborted) {
      throw new ProviderError(
        'RETRYABLE',
        'PROVIDER_TIMEOUT',
        `${params.provider} did not answer in time.`,
      );
    }
    throw new ProviderError(
      'RETRYABLE',
      'PROVIDER_UNREACHABLE',
      `${params.provider} could not be reached (${scrub((error as Error).message, params.secrets)}).`,
    );
  }
  if (!response.ok) {
    const body = await response.text().catch(() => '');
    throw classifyHttpError({
      provider: params.provider,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      message: scrub(errorMessageOf(body), params.secrets),
    });
  }
  return response;
}

/** A JSON body, or a retryable failure when the provider sent something malformed. */
export async function readJson<T>(response: Response, provider: string): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderError(
      'RETRYABLE',
      'PROVIDER_BAD_RESPONSE',
      `${provider} sent an answer that is not valid JSON.`,
    );
  }
}
