import type { RecordedRequest, StripeErrorBody } from './types';

// The errors the API answers with, in Stripe's words.

const RESOURCE_MISSING_DOC = 'https://stripe.com/docs/error-codes/resource-missing';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

/**
 * An id that names nothing. Stripe answers 404 for the id in the URL and 400 for one in the
 * parameters; both are `StripeInvalidRequestError`s with code `resource_missing`.
 */
export const missing = (kind: string, id: string, param: string, status: number) =>
  new ApiError(status, {
    type: 'invalid_request_error',
    message: `No such ${kind}: '${id}'`,
    code: 'resource_missing',
    param,
    doc_url: RESOURCE_MISSING_DOC,
  });

export const invalid = (message: string, param?: string) =>
  new ApiError(400, { type: 'invalid_request_error', message, ...(param ? { param } : {}) });

export function unrecognized(request: RecordedRequest): StripeErrorBody {
  return {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${request.method}: ${request.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  };
}

export function idempotencyMismatch(key: string): StripeErrorBody {
  return {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  };
}
