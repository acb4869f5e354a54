import path from 'node:path';
import type { Logger } from '../../logger';
import { FileMailer } from './file-mailer';
import { assertFromAddress } from './mail-message';
import { MailError } from './mail.errors';
import { SmtpMailer, parseSmtpUrl } from './smtp-mailer';

/** One email, already rendered. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends email through the configured driver. */
export interface Mailer {
  /** Resolves once the message is written (file) or accepted by the SMTP server. */
  send(message: MailMessage): Promise<void>;
  /** Waits for messages in flight, then releases connections; later sends fail. */
  close(): Promise<void>;
}

/** What `createMailer` needs: the driver and its settings. */
export interface MailerOptions {
  driver: 'file' | 'smtp';
  /** The file driver writes to `<dataDir>/mail`. */
  dataDir: string;
  /** `smtp://user:pass@host:port` or `smtps://…`; required by the smtp driver. */
  smtpUrl?: string;
  /** The From header, such as `aiofm <no-reply@example.com>`. */
  from: string;
  logger: Logger;
}

/** Builds the configured mail driver; throws a `MailError` (INVALID_CONFIG) on bad settings. */
export function createMailer(options: MailerOptions): Mailer {
  assertFromAddress(options.from);
  if (options.driver === 'smtp') {
    if (!options.smtpUrl) {
      throw new MailError(
        'INVALID_CONFIG',
        'The smtp mail driver needs SMTP_URL, like smtp://user:pass@mail.example.com:587.',
      );
    }
    return new SmtpMailer({
      endpoint: parseSmtpUrl(options.smtpUrl),
      from: options.from,
      logger: options.logger,
    });
  }
  return new FileMailer({
    dir: path.join(options.dataDir, 'mail'),
    from: options.from,
    logger: options.logger,
  });
}
