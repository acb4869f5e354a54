import {
  ArcticFetchError,
  OAuth2RequestError,
  UnexpectedErrorResponseBodyError,
  UnexpectedResponseError,
} from 'arctic';

/**
 * A sign-in provider did not answer as expected (unreachable, an error status, a malformed
 * profile). The message names the step and never carries a code, token or secret.
 */
export class SignInProviderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignInProviderError';
  }
}

/**
 * What may be logged about a failed sign-in: kinds, statuses and the provider's error code.
 * Response bodies are left out: a token endpoint's body is the one place tokens travel.
 */
export function describeFailure(error: unknown): Record<string, unknown> {
  if (error instanceof OAuth2RequestError) {
    return { kind: 'oauth2-error', code: error.code, description: error.description };
  }
  if (
    error instanceof UnexpectedResponseError ||
    error instanceof UnexpectedErrorResponseBodyError
  ) {
    return { kind: 'unexpected-response', status: error.status };
  }
  if (error instanceof ArcticFetchError) {
    return { kind: 'network', message: causeMessage(error) };
  }
  if (error instanceof SignInProviderError) {
    return { kind: 'provider', message: error.message, cause: causeMessage(error) };
  }
  if (error instanceof Error) {
    return { kind: 'internal', name: error.name, message: error.message, stack: error.stack };
  }
  return { kind: 'internal', message: String(error) };
}

function causeMessage(error: Error): string | undefined {
  return error.cause instanceof Error ? error.cause.message : undefined;
}
