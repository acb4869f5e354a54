import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ValidationError } from 'class-validator';
import { createLogger } from '../logger';
import { AppError, createErrorFormatter } from './errors';

const logger = createLogger('silent');

function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['field'], originalError: original });
}

describe('the error formatter', () => {
  const format = createErrorFormatter({ logger, exposeStack: false });

  it('keeps a module error code, message and details', () => {
    const error = resolverError(
      new AppError('INSUFFICIENT_CREDITS', 'You need 5 more credits.', { shortfall: 5 }),
    );
    expect(format(error.toJSON(), error)).toEqual({
      message: 'You need 5 more credits.',
      path: ['field'],
      locations: undefined,
      extensions: { code: 'INSUFFICIENT_CREDITS', shortfall: 5 },
    });
  });

  it('hides unexpected errors behind a generic message and logs them', () => {
    const spy = jest.spyOn(logger, 'error');
    const error = resolverError(new Error('relation "secret_table" does not exist'));
    const formatted = format(error.toJSON(), error);
    expect(formatted.message).not.toContain('secret_table');
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(spy).toHaveBeenCalled();
  });

  it('lists invalid fields without echoing the submitted values', () => {
    const invalid = Object.assign(new ValidationError(), {
      property: 'password',
      value: 'hunter2',
      constraints: { minLength: 'password must be at least 12 characters' },
      children: [],
    });
    const error = resolverError(new ArgumentValidationError([invalid]));
    const formatted = format(error.toJSON(), error);
    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ field: 'password', messages: ['password must be at least 12 characters'] }],
    });
    expect(JSON.stringify(formatted)).not.toContain('hunter2');
  });

  it('strips stack traces from request errors unless in development', () => {
    const error = new GraphQLError('Syntax Error', {
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const formatted = format(
      { ...error.toJSON(), extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['x'] } },
      error,
    );
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});
