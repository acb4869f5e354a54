import { AppError } from '../../graphql/errors';

export type AccountErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'AGE_CONFIRMATION_REQUIRED'
  | 'INVALID_CREDENTIALS'
  | 'MFA_REQUIRED'
  | 'INVALID_MFA_CODE'
  | 'INVALID_TOKEN'
  | 'EMAIL_TAKEN'
  | 'WEAK_PASSWORD'
  | 'LAST_SIGN_IN_METHOD'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND';

/** Errors of sign-up, sign-in, sessions, MFA and profiles. */
export class AccountError extends AppError<AccountErrorCode> {}
