import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

/** Paths pino blanks out wherever they appear, so secrets never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'connectionParams',
  // Job payloads can hold rendered emails with sign-in links; the worker logs jobs whole.
  'job.payload',
  'payload',
  'databaseUrl',
  'appSecret',
];

export type { Logger };

/** The process logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'aiofm' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
