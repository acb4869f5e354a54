import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import type { Logger } from '../logger';

/**
 * Base of every module's error class: a stable machine-readable `code` (sent as
 * `extensions.code`) and a message written for the person who will read it.
 */
export class AppError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Codes GraphQL and Apollo raise themselves for malformed requests; safe to pass through. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

interface FormatOptions {
  logger: Logger;
  /** Development only: keep stack traces in responses. */
  exposeStack: boolean;
}

/**
 * The one place errors become GraphQL errors: module errors keep their code and message, request
 * errors pass through, and anything unexpected is logged and answered with a generic message.
 */
export function createErrorFormatter(options: FormatOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);

    if (original instanceof AppError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...original.details, code: original.code },
      };
    }

    if (original instanceof ArgumentValidationError) {
      return {
        message:
          'Some fields are not valid: ' +
          fieldErrors(original.extensions.validationErrors)
            .map((field) => `${field.field}: ${field.messages.join(', ')}`)
            .join('; '),
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: 'BAD_USER_INPUT',
          fieldErrors: fieldErrors(original.extensions.validationErrors),
        },
      };
    }

    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      const { stacktrace, ...extensions } = formatted.extensions ?? {};
      return {
        ...formatted,
        extensions: options.exposeStack ? { ...extensions, stacktrace } : extensions,
      };
    }

    options.logger.error(
      { err: original, path: formatted.path },
      'unexpected error in a GraphQL operation',
    );
    return {
      message:
        'Something went wrong on our side. Please try again; if it keeps happening, contact the operators.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: 'INTERNAL_SERVER_ERROR',
        ...(options.exposeStack && original instanceof Error
          ? { stacktrace: original.stack?.split('\n') }
          : {}),
      },
    };
  };
}

/** Applies the formatter to a graphql-js error outside Apollo (the WebSocket transport). */
export function formatGraphQLError(
  format: ReturnType<typeof createErrorFormatter>,
  error: GraphQLError,
): GraphQLFormattedError {
  return format(error.toJSON(), error);
}

/** Flattens class-validator's tree to `{ field, messages }`, leaving out the submitted values. */
export function fieldErrors(
  errors: ValidationError[],
  prefix = '',
): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}
