import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { REDACTED_PATHS } from '../src/logger';
import { verifyEmailMessage } from '../src/modules/mail/account-emails';
import { MailError } from '../src/modules/mail/mail.errors';
import { createMailer, type Mailer, type MailMessage } from '../src/modules/mail/mailer';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

const FROM = 'aiofm <no-reply@localhost>';
const PASSWORD = 'Sup3r-s3cret-pw';
const TOKEN = 'tok_4f9c2a7e1b';
const LINK = `https://studio.example/verify-email?token=${TOKEN}`;

function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line)) };
}

function verification(to: string): MailMessage {
  return { to, ...verifyEmailMessage({ name: 'Ada', url: LINK }) };
}

function toAddresses(message: ParsedMail): string[] {
  const to = message.to;
  if (!to) return [];
  return (Array.isArray(to) ? to : [to]).flatMap((entry) =>
    entry.value.map((v) => v.address ?? ''),
  );
}

/** The sink's URL with this test's credentials, which the sink accepts like any others. */
function withCredentials(sinkUrl: string): string {
  const url = new URL(sinkUrl);
  url.username = 'mailer';
  url.password = PASSWORD;
  return url.toString();
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<MailError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MailError);
    return error as MailError;
  }
  throw new Error('expected the promise to reject');
}

describe('smtp driver', () => {
  let sink: SmtpSink;
  let mailer: Mailer;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.stop();
  });
  beforeEach(() => {
    sink.clear();
    logs = captureLogs();
    mailer = createMailer({
      driver: 'smtp',
      dataDir: os.tmpdir(),
      smtpUrl: withCredentials(sink.url),
      from: FROM,
      logger: logs.logger,
    });
  });
  afterEach(async () => {
    await mailer.close();
  });

  it('delivers a multipart message with the link in both parts', async () => {
    await mailer.send(verification('ada@example.com'));
    const message = await sink.waitFor((m) => toAddresses(m).includes('ada@example.com'));

    expect(message.subject).toBe('Confirm your email address');
    expect(message.from?.value).toEqual([{ name: 'aiofm', address: 'no-reply@localhost' }]);
    expect(message.messageId).toMatch(/^<[^<>@\s]+@localhost>$/);
    expect(message.headers.get('auto-submitted')).toBe('auto-generated');
    expect(message.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(message.text).toContain(LINK);
    expect(typeof message.html).toBe('string');
    expect(message.html).toContain(`href="${LINK}"`);
    expect(message.html).not.toMatch(/<img/i);
  });

  it('logs one line per message without the body or the password', async () => {
    await mailer.send(verification('ada@example.com'));
    const message = await sink.waitFor((m) => toAddresses(m).includes('ada@example.com'));

    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: 30,
        to: 'ada@example.com',
        subject: 'Confirm your email address',
        messageId: message.messageId,
      }),
    ]);
    const output = logs.lines.join('\n');
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(PASSWORD);
  });

  it('sends messages in parallel over the pool', async () => {
    const recipients = ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'];
    await Promise.all(recipients.map((to) => mailer.send(verification(to))));
    for (const to of recipients) {
      await sink.waitFor((m) => toAddresses(m).includes(to));
    }
    expect(sink.messages).toHaveLength(recipients.length);
  });

  it('finishes a send in flight when closed, then refuses new ones', async () => {
    const sending = mailer.send(verification('ada@example.com'));
    await mailer.close();
    await expect(sending).resolves.toBeUndefined();
    expect(sink.messages).toHaveLength(1);
    const error = await failure(mailer.send(verification('ada@example.com')));
    expect(error.code).toBe('DELIVERY_FAILED');
  });

  it('refuses a recipient that is not one plain address', async () => {
    for (const to of [
      'a@example.com, b@example.com',
      'Eve <eve@example.com>',
      'a@example.com\r\nBcc: x@y.z',
    ]) {
      const error = await failure(mailer.send(verification(to)));
      expect(error.code).toBe('INVALID_MESSAGE');
    }
    expect(sink.messages).toHaveLength(0);
  });
});

describe('smtp driver failures', () => {
  it('reports a server that refuses connections without the password', async () => {
    const port = await closedPort();
    const mailer = createMailer({
      driver: 'smtp',
      dataDir: os.tmpdir(),
      smtpUrl: `smtp://mailer:${PASSWORD}@127.0.0.1:${port}`,
      from: FROM,
      logger: captureLogs().logger,
    });
    try {
      const error = await failure(mailer.send(verification('ada@example.com')));
      expect(error.code).toBe('DELIVERY_FAILED');
      expect(error.message).toContain(`127.0.0.1:${port}`);
      expect(error.message).not.toContain(PASSWORD);
      expect(error.stack ?? '').not.toContain(PASSWORD);
    } finally {
      await mailer.close();
    }
  });

  it('keeps the password out of the error even when the server repeats it', async () => {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 500,
      onAuth(auth, _session, callback) {
        callback(new Error(`wrong password ${auth.password ?? ''}`));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const logs = captureLogs();
    const mailer = createMailer({
      driver: 'smtp',
      dataDir: os.tmpdir(),
      smtpUrl: `smtp://mailer:${PASSWORD}@127.0.0.1:${port}`,
      from: FROM,
      logger: logs.logger,
    });
    try {
      const error = await failure(mailer.send(verification('ada@example.com')));
      expect(error.code).toBe('DELIVERY_FAILED');
      expect(error.message).toContain('wrong password [redacted]');
      expect(error.message).not.toContain(PASSWORD);
      expect(logs.lines.join('\n')).not.toContain(PASSWORD);
    } finally {
      await mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('file driver', () => {
  let dataDir: string;
  let logs: ReturnType<typeof captureLogs>;
  let mailer: Mailer;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'aiofm-mail-'));
    logs = captureLogs();
    mailer = createMailer({ driver: 'file', dataDir, from: FROM, logger: logs.logger });
  });
  afterEach(async () => {
    await mailer.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes a parseable .eml file into DATA_DIR/mail', async () => {
    await mailer.send(verification('ada@example.com'));

    const dir = path.join(dataDir, 'mail');
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    const [name] = files as [string];
    expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-[0-9a-f]{12}\.eml$/);
    expect((await stat(path.join(dir, name))).mode & 0o777).toBe(0o600);

    const message = await simpleParser(await readFile(path.join(dir, name)));
    expect(message.subject).toBe('Confirm your email address');
    expect(toAddresses(message)).toEqual(['ada@example.com']);
    expect(message.from?.value).toEqual([{ name: 'aiofm', address: 'no-reply@localhost' }]);
    expect(message.messageId).toMatch(/^<.+@localhost>$/);
    expect(message.text).toContain(LINK);
    expect(message.html).toContain(`href="${LINK}"`);
  });

  it('logs one line naming the file, never the body', async () => {
    await mailer.send(verification('ada@example.com'));
    const [name] = (await readdir(path.join(dataDir, 'mail'))) as [string];

    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: 30,
        to: 'ada@example.com',
        subject: 'Confirm your email address',
        file: path.join(dataDir, 'mail', name),
      }),
    ]);
    expect(logs.lines.join('\n')).not.toContain(TOKEN);
  });

  it('gives every message its own file, named so they sort by time', async () => {
    await mailer.send(verification('a@example.com'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await mailer.send(verification('b@example.com'));
    await Promise.all(['c', 'd', 'e'].map((n) => mailer.send(verification(`${n}@example.com`))));

    const files = (await readdir(path.join(dataDir, 'mail'))).sort();
    expect(files).toHaveLength(5);
    expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
    const first = await simpleParser(await readFile(path.join(dataDir, 'mail', files[0] ?? '')));
    expect(toAddresses(first)).toEqual(['a@example.com']);
  });

  it('reports a folder it cannot write to', async () => {
    // A file where DATA_DIR should be: mkdir fails even for root.
    const notAFolder = path.join(dataDir, 'not-a-folder');
    await writeFile(notAFolder, '');
    const blocked = createMailer({
      driver: 'file',
      dataDir: notAFolder,
      from: FROM,
      logger: logs.logger,
    });
    try {
      const error = await failure(blocked.send(verification('ada@example.com')));
      expect(error.code).toBe('DELIVERY_FAILED');
      expect(error.message).toContain(path.join(notAFolder, 'mail'));
      expect(logs.lines).toEqual([]);
    } finally {
      await blocked.close();
    }
  });
});
