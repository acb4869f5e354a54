import { AppError } from '../../graphql/errors';
import { isUuid } from '../../graphql/ids';
import type { FieldError } from '../providers/params';

export type LibraryErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'ASSET_NOT_DELETABLE';

/** Errors of the library: AI models, characters, prompt templates and recipes. */
export class LibraryError extends AppError<LibraryErrorCode> {}

/** Another user's item is as unknown as one that never existed. */
export const libraryNotFound = (what: string) =>
  new LibraryError('NOT_FOUND', `There is no ${what} with that id.`);

/** Invalid input, with the fields at fault (the client shows them beside each field). */
export function invalidLibraryInput(errors: FieldError[]) {
  return new LibraryError(
    'BAD_USER_INPUT',
    `Some fields are not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    { fieldErrors: errors.map((e) => ({ field: e.field, messages: [e.message] })) },
  );
}

/** An id that cannot be a uuid names nothing: NOT_FOUND before PostgreSQL sees it. */
export function assertLibraryId(id: string, what: string): void {
  if (!isUuid(id)) throw libraryNotFound(what);
}
