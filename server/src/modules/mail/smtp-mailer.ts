import { createTransport } from 'nodemailer';
import type { Logger } from '../../logger';
import type { MailMessage, Mailer } from './mailer';
import { MailError } from './mail.errors';
import { SAFE_TRANSPORT_OPTIONS, toSendMailOptions } from './mail-message';

/** Where the SMTP server is and how to sign in to it, as read from SMTP_URL. */
export interface SmtpEndpoint {
  host: string;
  port: number;
  /** TLS from the first byte (`smtps://`); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
}

/** Settings of the smtp driver. */
export interface SmtpMailerOptions {
  endpoint: SmtpEndpoint;
  from: string;
  logger: Logger;
}

const SUBMISSION_PORT = 587;
const SUBMISSIONS_PORT = 465;
// Bounds on each step so a silent server can't hold a request or a job for minutes.
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;
const DNS_TIMEOUT_MS = 10_000;
// A server trickling its replies resets the socket timeout forever; this bounds a whole send.
const SEND_DEADLINE_MS = 60_000;
const MAX_CONNECTIONS = 3;

const URL_FORMS = 'smtp://user:pass@host:port or smtps://user:pass@host:port';

/**
 * Reads `smtp://[user:pass@]host[:port]` (STARTTLS when offered, port 587 by default) or
 * `smtps://…` (implicit TLS, port 465 by default). User and password are percent-decoded.
 * Errors describe the problem without repeating the URL, which holds the password.
 */
export function parseSmtpUrl(value: string): SmtpEndpoint {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new MailError('INVALID_CONFIG', `SMTP_URL is not a valid URL; use ${URL_FORMS}.`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailError('INVALID_CONFIG', `SMTP_URL must start with smtp:// or smtps://.`);
  }
  if (!url.hostname) {
    throw new MailError('INVALID_CONFIG', `SMTP_URL has no host; use ${URL_FORMS}.`);
  }
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    throw new MailError(
      'INVALID_CONFIG',
      `SMTP_URL takes no path or query parameters; use ${URL_FORMS}.`,
    );
  }
  const secure = url.protocol === 'smtps:';
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
  } catch {
    throw new MailError(
      'INVALID_CONFIG',
      'The user or password in SMTP_URL is not correctly percent-encoded.',
    );
  }
  if (Boolean(user) !== Boolean(pass)) {
    throw new MailError(
      'INVALID_CONFIG',
      'SMTP_URL needs both a user and a password, or neither (for a server without sign-in).',
    );
  }
  return {
    // WHATWG URL keeps the brackets of an IPv6 literal; sockets want the bare address.
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? SUBMISSIONS_PORT : SUBMISSION_PORT,
    secure,
    ...(user ? { auth: { user, pass } } : {}),
  };
}

function createPool(endpoint: SmtpEndpoint) {
  return createTransport({
    pool: true,
    maxConnections: MAX_CONNECTIONS,
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    auth: endpoint.auth,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    dnsTimeout: DNS_TIMEOUT_MS,
    ...SAFE_TRANSPORT_OPTIONS,
  });
}

/** Sends through an SMTP server with a small pool of reused connections. */
export class SmtpMailer implements Mailer {
  private readonly transport: ReturnType<typeof createPool>;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: SmtpMailerOptions) {
    this.transport = createPool(options.endpoint);
    // Without a listener an 'error' event from the pool would end the process.
    this.transport.on('error', (error: unknown) => {
      options.logger.warn({ reason: this.describe(error) }, 'SMTP connection pool error');
    });
  }

  async send(message: MailMessage): Promise<void> {
    if (this.closing) throw new MailError('DELIVERY_FAILED', 'The mailer is closed.');
    const delivery = this.deliver(message);
    this.inFlight.add(delivery);
    try {
      await delivery;
    } finally {
      this.inFlight.delete(delivery);
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      // Messages already handed over get to finish; each is bounded by the send deadline.
      await Promise.allSettled(this.inFlight);
      this.transport.close();
    })();
    return this.closing;
  }

  private async deliver(message: MailMessage): Promise<void> {
    const mail = toSendMailOptions(message, this.options.from);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), SEND_DEADLINE_MS);
    try {
      const info = await this.transport.sendMail({ ...mail, signal: deadline.signal });
      // Never the body (it carries the link's secret token) nor the connection settings.
      this.options.logger.info(
        { to: message.to, subject: message.subject, messageId: info.messageId },
        'email sent',
      );
    } catch (error) {
      const reason = deadline.signal.aborted
        ? `no answer within ${SEND_DEADLINE_MS / 1000} seconds`
        : this.describe(error);
      throw new MailError(
        'DELIVERY_FAILED',
        `Could not send email through ${this.server()}: ${reason}`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private server(): string {
    const { host, port } = this.options.endpoint;
    return `${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** The failure's own words, with every form of the password taken out. */
  private describe(error: unknown): string {
    let text = error instanceof Error ? error.message : String(error);
    const pass = this.options.endpoint.auth?.pass;
    if (pass) {
      for (const form of new Set([pass, encodeURIComponent(pass)])) {
        text = text.split(form).join('[redacted]');
      }
    }
    return text;
  }
}
