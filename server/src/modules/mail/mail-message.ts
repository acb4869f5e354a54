import type { SendMailOptions, TransportOptions } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { MailMessage } from './mailer';
import { MailError } from './mail.errors';

/**
 * Transport settings both drivers share: our content is always inline strings, so nodemailer
 * must never read files or fetch URLs on a message's behalf, and one message has one recipient.
 */
export const SAFE_TRANSPORT_OPTIONS = {
  disableFileAccess: true,
  disableUrlAccess: true,
  maxRecipients: 1,
  logger: false,
} satisfies TransportOptions;

// One bare address: no display name, no list separators, no whitespace or control characters.
// Anything else could smuggle extra recipients or headers into a message.
// eslint-disable-next-line no-control-regex
const BARE_ADDRESS = /^[^\s\x00-\x1f\x7f@<>()[\]\\,;:"]+@[^\s\x00-\x1f\x7f@<>()[\]\\,;:"]+$/;

/** Throws unless `from` is exactly one mailbox, such as `aiofm <no-reply@example.com>`. */
export function assertFromAddress(from: string): void {
  const parsed = addressparser(from, { flatten: true });
  const mailbox = parsed[0];
  if (parsed.length !== 1 || !mailbox || !BARE_ADDRESS.test(mailbox.address)) {
    throw new MailError(
      'INVALID_CONFIG',
      'The sender address must be one mailbox, like "aiofm <no-reply@example.com>".',
    );
  }
}

/** The nodemailer fields for one message; both drivers send exactly this. */
export function toSendMailOptions(message: MailMessage, from: string): SendMailOptions {
  if (!BARE_ADDRESS.test(message.to)) {
    throw new MailError('INVALID_MESSAGE', 'An email needs exactly one plain recipient address.');
  }
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // RFC 3834: tells vacation responders and ticket systems not to answer automated mail.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
