import { AppError } from '../../graphql/errors';

export type BillingErrorCode =
  | 'BILLING_DISABLED'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'ALREADY_SUBSCRIBED'
  | 'NO_BILLING_ACCOUNT'
  | 'PAYMENT_PROVIDER_UNAVAILABLE';

/** Errors of billing: buying credits and plans through Stripe. */
export class BillingError extends AppError<BillingErrorCode> {}

export const billingDisabled = () =>
  new BillingError(
    'BILLING_DISABLED',
    'Buying credits is not available on this server: the operators have not set up payments.',
  );

/** Stripe could not be reached or refused the call; the person can only try again later. */
export const providerUnavailable = () =>
  new BillingError(
    'PAYMENT_PROVIDER_UNAVAILABLE',
    'The payment provider could not be reached. Nothing was charged; please try again in a minute.',
  );
