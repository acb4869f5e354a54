import { AppError } from '../../graphql/errors';

export type SecurityErrorCode = 'RATE_LIMITED';

/** Errors of the shared security pieces (rate limits). */
export class SecurityError extends AppError<SecurityErrorCode> {}
