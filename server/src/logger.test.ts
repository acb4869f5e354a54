import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
  return { logger, output: () => lines.join('') };
}

describe('log redaction', () => {
  it('never writes credentials, cookies or secrets', () => {
    const { logger, output } = capture();
    logger.info({
      req: { headers: { authorization: 'Bearer tok_live_123', cookie: 'aiofm_session=abc456' } },
      user: { email: 'a@example.com', password: 'hunter2-hunter2' },
      provider: { apiKey: 'sk-secret-789' },
      connectionParams: { authorization: 'Bearer ws_token_000' },
      token: 'verify-token-xyz',
      job: { id: '1', payload: { text: 'http://localhost/verify-email?token=job-token-555' } },
    });
    const text = output();
    for (const secret of [
      'tok_live_123',
      'abc456',
      'hunter2',
      'sk-secret-789',
      'ws_token_000',
      'verify-token-xyz',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('a@example.com');
    expect(text).toContain('[redacted]');
  });
});
