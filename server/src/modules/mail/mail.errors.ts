export type MailErrorCode = 'INVALID_CONFIG' | 'INVALID_MESSAGE' | 'DELIVERY_FAILED';

/**
 * Errors of the mail module. Deliberately not an `AppError`: a mail failure is an operator's
 * problem, so if one ever reaches GraphQL the client gets the generic internal-error answer
 * instead of SMTP hosts and server replies. Messages never contain the SMTP password.
 */
export class MailError extends Error {
  constructor(
    readonly code: MailErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MailError';
  }
}
