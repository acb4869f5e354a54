import { abortError } from './abort';
import { ProviderError } from './provider';

/** How long one request to a provider may take before it counts as a (retryable) timeout. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
const MAX_MESSAGE = 500;

/** Removes secrets from text that is about to reach an error, a log line or a person. */
export function scrub(text: string, secrets: Array<string | undefined>): string {
  const clean = redact(text, secrets);
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}

/** Replaces every secret in text without shortening it, so a JSON body stays parseable. */
function redact(text: string, secrets: Array<string | undefined>): string {
  let clean = text;
  for (const secret of secrets) if (secret) clean = clean.split(secret).join('[redacted]');
  return clean;
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

/** Whether the provider rejected the request itself (INVALID_INPUT): not the key, load or health. */
export function isRejectedRequest(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 403, 408, 429].includes(status);
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

/** An HTTP error answer, as an adapter's own classifier sees it: already scrubbed of secrets. */
export interface HttpFailure {
  status: number;
  /** The most readable message in the body (see errorMessageOf), scrubbed and bounded. */
  message: string;
  /** The whole body parsed as JSON (secrets redacted), or undefined when it is not JSON. */
  body: unknown;
}

export interface ProviderRequestParams {
  provider: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: RequestInit['body'];
  signal: AbortSignal;
  timeoutMs?: number;
  /** Values that must never appear in an error (the key). */
  secrets: Array<string | undefined>;
  /**
   * Reads an HTTP error before the shared classes, for what only the provider's body tells (a
   * content filter's 400 or 403): a ProviderError to throw, or nothing for the shared classes.
   */
  classifyError?: (failure: HttpFailure) => ProviderError | null | undefined;
}

/** A provider's answer, with `read` to classify failures while its body is read. */
export interface ProviderAnswer {
  response: Response;
  read<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * One request to a provider, for answers read over time (a stream): aborted with the run's
 * signal, timed out as a retryable failure (the timeout bounds the body too), network errors
 * retryable, HTTP errors classified, and the key never in any message. `read` wraps each read
 * of the body so that a timeout or a dropped connection while reading is classified the same way.
 */
export async function providerRequest(params: ProviderRequestParams): Promise<ProviderAnswer> {
  const timeout = AbortSignal.timeout(params.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const classify = (error: unknown): unknown => {
    if (params.signal.aborted) return abortError(params.signal);
    if (error instanceof ProviderError) return error;
    if (timeout.aborted) {
      return new ProviderError(
        'RETRYABLE',
        'PROVIDER_TIMEOUT',
        `${params.provider} did not answer in time.`,
      );
    }
    const reason = scrub(error instanceof Error ? error.message : String(error), params.secrets);
    return new ProviderError(
      'RETRYABLE',
      'PROVIDER_UNREACHABLE',
      `${params.provider} could not be reached (${reason}).`,
    );
  };
  const read = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw classify(error);
    }
  };
  const response = await read(() =>
    fetch(params.url, {
      method: params.method ?? 'GET',
      headers: params.headers,
      body: params.body,
      signal: AbortSignal.any([params.signal, timeout]),
    }),
  );
  if (!response.ok) {
    const text = await read(() => response.text()).catch(() => '');
    throw httpError(params, response, text);
  }
  return { response, read };
}

/** One request to a provider (see providerRequest), for answers read at once. */
export async function providerFetch(params: ProviderRequestParams): Promise<Response> {
  return (await providerRequest(params)).response;
}

function httpError(params: ProviderRequestParams, response: Response, text: string) {
  const failure: HttpFailure = {
    status: response.status,
    message: scrub(errorMessageOf(text), params.secrets),
    body: parseJson(redact(text, params.secrets)),
  };
  return (
    params.classifyError?.(failure) ??
    classifyHttpError({
      provider: params.provider,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      message: failure.message,
    })
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A key check: true when the probe (the provider's cheapest authenticated call) succeeds, false
 * when the provider refuses the key; anything else (a rate limit, an outage, the network) says
 * nothing about the key and is thrown. `accepts` lets a probe's other answers count as a pass.
 */
export async function validateKeyWith(
  probe: () => Promise<unknown>,
  options: { accepts?: (error: ProviderError) => boolean } = {},
): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    if (error.code === 'PROVIDER_AUTH') return false;
    if (options.accepts?.(error)) return true;
    throw error;
  }
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
