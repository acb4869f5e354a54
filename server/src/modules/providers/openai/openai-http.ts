import { providerRequest, scrub, type ProviderAnswer } from '../http';
import { ProviderError } from '../provider';

export const PROVIDER = 'OpenAI';

/** OpenAI's refusal codes: the safety system blocked the prompt, a reference or the output. */
const BLOCKED_CODES = new Set(['moderation_blocked', 'content_policy_violation']);

interface OpenAIErrorBody {
  error?: { message?: string; code?: string | null; type?: string };
}

/** A ProviderError for an error object, BLOCKED when OpenAI's safety system refused. */
export function openaiError(
  error: OpenAIErrorBody['error'],
  apiKey: string | undefined,
): ProviderError | null {
  if (!error?.code || !BLOCKED_CODES.has(error.code)) return null;
  const reason = scrub(error.message?.trim() || 'the request was refused', [apiKey]);
  return new ProviderError('BLOCKED', 'CONTENT_FILTERED', `${PROVIDER}: ${reason}`);
}

/**
 * One image request through providerRequest, plus what only OpenAI's body tells: a 400 whose
 * `error.code` says the safety system refused is BLOCKED, not INVALID_INPUT. `read` classifies
 * timeouts and dropped streams while the body is read.
 */
export function openaiRequest(params: {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: RequestInit['body'];
  signal: AbortSignal;
  timeoutMs?: number;
  apiKey: string | undefined;
}): Promise<ProviderAnswer> {
  const { apiKey, ...request } = params;
  return providerRequest({
    ...request,
    provider: PROVIDER,
    secrets: [apiKey],
    classifyError: ({ status, body }) =>
      status === 400 ? openaiError((body as OpenAIErrorBody | undefined)?.error, apiKey) : null,
  });
}

export function badResponse(detail: string): ProviderError {
  return new ProviderError('RETRYABLE', 'PROVIDER_BAD_RESPONSE', `${PROVIDER} ${detail}`);
}

/** The JSON events of a server-sent event stream, in order. */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      buffer = buffer.replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event !== undefined) yield event;
      }
      if (done) {
        const last = parseEvent(buffer);
        if (last !== undefined) yield last;
        return;
      }
    }
  } finally {
    // Stopping early (an error event, a bad event, an abort) closes the connection too.
    await reader.cancel().catch(() => {});
  }
}

/** One event block: its data lines as JSON; comments, `[DONE]` and empty blocks are skipped. */
function parseEvent(block: string): unknown {
  const data = block
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).replace(/^ /, ''))
    .join('\n');
  if (!data.trim() || data.trim() === '[DONE]') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    throw badResponse('sent a stream event that is not valid JSON.');
  }
}
