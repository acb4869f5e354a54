import { errorMessage, readApiError } from '../account/api-errors';
import type { ApiError } from '../account/api-errors';

/**
 * What billing's refusals mean to the person and what to do next. The server's own messages
 * are written for the API; these point at the page's buttons.
 */
const BILLING_MESSAGES: Record<string, string> = {
  BILLING_DISABLED:
    'Buying credits isn’t available on this server: its operators have not set up payments.',
  NOT_FOUND: 'That is no longer on sale. The list is up to date now; choose again.',
  ALREADY_SUBSCRIBED: 'You already have a plan. Change or cancel it under Manage billing.',
  NO_BILLING_ACCOUNT: 'There is nothing to manage yet: buy credits or choose a plan first.',
  PAYMENT_PROVIDER_UNAVAILABLE:
    'The payment provider can’t be reached right now. Nothing was charged; try again in a minute.',
};

/** The failure of a billing mutation, read and worded. */
export function billingError(error: unknown): ApiError & { message: string } {
  const problem = readApiError(error);
  return { ...problem, message: errorMessage(problem, BILLING_MESSAGES) };
}
