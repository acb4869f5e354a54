import { providerFetch, readJson, type HttpFailure } from '../http';
import { ProviderError } from '../provider';

export const PROVIDER = 'Google';

/** One authenticated call to the Gemini API, with Google's own way of refusing a key mapped. */
export interface GoogleApi {
  base: string;
  key: string;
  json<T>(path: string, signal: AbortSignal, body?: unknown): Promise<T>;
}

export function googleApi(options: {
  base: string;
  key: string;
  requestTimeoutMs?: number;
}): GoogleApi {
  const { base, key } = options;
  return {
    base,
    key,
    async json<T>(path: string, signal: AbortSignal, body?: unknown): Promise<T> {
      const response = await providerFetch({
        provider: PROVIDER,
        url: `${base}/${path}`,
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'x-goog-api-key': key,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        timeoutMs: options.requestTimeoutMs,
        secrets: [key],
        classifyError: refusedKey,
      });
      return readJson<T>(response, PROVIDER);
    },
  };
}

/**
 * Google answers a wrong key with 400 INVALID_ARGUMENT ("API key not valid", reason
 * API_KEY_INVALID in `error.details`) rather than 401, which the shared classifier would call
 * INVALID_INPUT.
 */
function refusedKey({ status, message, body }: HttpFailure): ProviderError | null {
  const text = body === undefined ? message : JSON.stringify(body);
  if (status !== 400 || !/API key not valid|API_KEY_INVALID|API key expired/i.test(text)) {
    return null;
  }
  return new ProviderError(
    'PERMANENT',
    'PROVIDER_AUTH',
    `${PROVIDER} refused the API key. Check the key in the settings.`,
  );
}

/** Words Google uses when its Responsible AI filters stop a generation. */
export const FILTERED = /\b(RAI|responsible AI|safety|filtered|blocked|policy|policies)\b/i;
