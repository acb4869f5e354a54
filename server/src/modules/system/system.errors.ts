import { AppError } from '../../graphql/errors';

export type SystemErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND';

/** Errors of the system module (server facts and operator notices). */
export class SystemError extends AppError<SystemErrorCode> {}
