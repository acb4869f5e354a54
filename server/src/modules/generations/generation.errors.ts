import { AppError } from '../../graphql/errors';

export type GenerationErrorCode =
  'BAD_USER_INPUT' | 'NOT_FOUND' | 'PROVIDER_UNAVAILABLE' | 'TOO_MANY_ACTIVE' | 'GENERATION_ACTIVE';

/** Errors of starting, reading and ending generations. */
export class GenerationError extends AppError<GenerationErrorCode> {}

export const generationNotFound = () =>
  new GenerationError('NOT_FOUND', 'There is no generation with that id.');

/** Invalid input, with the fields at fault (the client shows them beside each field). */
export function invalidRequest(fieldErrors: Array<{ field: string; message: string }>) {
  return new GenerationError(
    'BAD_USER_INPUT',
    `Some settings are not valid: ${fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    { fieldErrors: fieldErrors.map((e) => ({ field: e.field, messages: [e.message] })) },
  );
}
