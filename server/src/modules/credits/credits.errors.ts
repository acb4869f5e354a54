import { AppError } from '../../graphql/errors';

export type CreditsErrorCode =
  | 'INSUFFICIENT_CREDITS'
  | 'CREDITS_RESTRICTED'
  | 'IDEMPOTENCY_CONFLICT'
  | 'HOLD_ALREADY_ENDED'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT';

/** Errors of the credits ledger. */
export class CreditsError extends AppError<CreditsErrorCode> {}

export const insufficientCredits = (shortfall: number) =>
  new CreditsError(
    'INSUFFICIENT_CREDITS',
    `You need ${shortfall} more credit${shortfall === 1 ? '' : 's'} for this. Buy credits or wait for your plan to renew.`,
    { shortfall },
  );
