import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import type { Logger } from '../../logger';
import type { MailMessage, Mailer } from './mailer';
import { MailError } from './mail.errors';
import { SAFE_TRANSPORT_OPTIONS, toSendMailOptions } from './mail-message';

/** Settings of the file driver. */
export interface FileMailerOptions {
  /** Folder the `.eml` files go to; created on first use. */
  dir: string;
  from: string;
  logger: Logger;
}

/**
 * The development driver: builds each message exactly as it would be sent and writes it as an
 * RFC 822 `.eml` file that any mail client opens, instead of handing it to a server.
 */
export class FileMailer implements Mailer {
  private readonly transport = createTransport({
    streamTransport: true,
    buffer: true,
    ...SAFE_TRANSPORT_OPTIONS,
  });
  private closed = false;

  constructor(private readonly options: FileMailerOptions) {}

  async send(message: MailMessage): Promise<void> {
    if (this.closed) throw new MailError('DELIVERY_FAILED', 'The mailer is closed.');
    const info = await this.transport.sendMail(toSendMailOptions(message, this.options.from));
    if (!Buffer.isBuffer(info.message)) {
      throw new MailError('DELIVERY_FAILED', 'The email could not be built.');
    }

    const { dir, logger } = this.options;
    const file = path.join(dir, emlFileName(new Date()));
    // Written under another name and renamed, so whoever watches the folder never reads half
    // a message. Mode 0600: the files hold sign-in links, which are as good as passwords.
    const partial = `${file}.partial`;
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(partial, info.message, { flag: 'wx', mode: 0o600 });
      await rename(partial, file);
    } catch (error) {
      // Best effort: the folder itself may be what failed.
      await rm(partial, { force: true }).catch(() => undefined);
      throw new MailError(
        'DELIVERY_FAILED',
        `Could not write the email to ${dir}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    // Never the body: it carries the link's secret token.
    logger.info({ to: message.to, subject: message.subject, file }, 'email written to a file');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.transport.close();
  }
}

/** `2026-11-29T19-40-01.123Z-<random>.eml`: sorts by time, never collides, valid on every OS. */
function emlFileName(now: Date): string {
  return `${now.toISOString().replace(/:/g, '-')}-${randomBytes(6).toString('hex')}.eml`;
}
