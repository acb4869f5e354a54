import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An in-process SMTP server that keeps every message it receives, parsed. */
export interface SmtpSink {
  /** `smtp://user:pass@127.0.0.1:<port>`, ready for the smtp mail driver. */
  url: string;
  /** Every message received so far, in arrival order. */
  messages: ParsedMail[];
  /**
   * The first message, in arrival order, that matches; waits for one to arrive if none has.
   * A predicate that throws counts as "no match". Call `clear()` before the action under test
   * when an earlier message could also match.
   */
  waitFor(predicate: (message: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** Forgets the messages received so far. */
  clear(): void;
  /** Stops the server; pending `waitFor` calls fail. */
  stop(): Promise<void>;
}

interface Waiter {
  predicate: (message: ParsedMail) => boolean;
  resolve: (message: ParsedMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_WAIT_MS = 10_000;

/** Starts an SMTP server on 127.0.0.1 and a free port that accepts any sign-in and message. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<Waiter>();
  let predicateError: unknown;

  const matches = (predicate: (message: ParsedMail) => boolean, message: ParsedMail) => {
    try {
      return predicate(message);
    } catch (error) {
      predicateError = error;
      return false;
    }
  };

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: true,
    // Plain-text sign-in is fine on loopback and is what the driver does without STARTTLS.
    allowInsecureAuth: true,
    logger: false,
    // Lets stop() end connections a pooled client keeps open instead of waiting 30 s.
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (message) => {
          messages.push(message);
          for (const waiter of waiters) {
            if (matches(waiter.predicate, message)) {
              waiters.delete(waiter);
              clearTimeout(waiter.timer);
              waiter.resolve(message);
            }
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  const describeReceived = () =>
    messages.length === 0
      ? 'no message arrived'
      : `${messages.length} arrived: ${messages
          .map((message) => `"${message.subject ?? ''}" to ${addresses(message)}`)
          .join('; ')}`;

  return {
    url: `smtp://user:pass@127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = DEFAULT_WAIT_MS) {
      const found = messages.find((message) => matches(predicate, message));
      if (found) return Promise.resolve(found);
      return new Promise<ParsedMail>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const cause =
              predicateError instanceof Error
                ? ` (the predicate threw: ${predicateError.message})`
                : '';
            reject(
              new Error(`No matching email within ${timeoutMs} ms; ${describeReceived()}${cause}.`),
            );
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    clear() {
      messages.length = 0;
      predicateError = undefined;
    },
    async stop() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`The SMTP sink stopped before a matching email arrived.`));
      }
      waiters.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function addresses(message: ParsedMail): string {
  const to = message.to;
  if (!to) return '(nobody)';
  return (Array.isArray(to) ? to : [to]).map((entry) => entry.text).join(', ');
}
