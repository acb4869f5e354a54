import { MailError } from './mail.errors';
import { parseSmtpUrl } from './smtp-mailer';

describe('parseSmtpUrl', () => {
  it('reads host, port and credentials of an smtp URL', () => {
    expect(parseSmtpUrl('smtp://mailer:s3cret@mail.example.com:2525')).toEqual({
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'mailer', pass: 's3cret' },
    });
  });

  it('defaults to port 587 with STARTTLS, or 465 with implicit TLS for smtps', () => {
    expect(parseSmtpUrl('smtp://u:p@mail.example.com')).toMatchObject({ port: 587, secure: false });
    expect(parseSmtpUrl('smtps://u:p@mail.example.com')).toMatchObject({ port: 465, secure: true });
  });

  it('percent-decodes the user and password', () => {
    expect(
      parseSmtpUrl('smtps://apikey%40example.com:p%40ss%3Aw%2Frd@smtp.example.com').auth,
    ).toEqual({ user: 'apikey@example.com', pass: 'p@ss:w/rd' });
  });

  it('accepts a server without sign-in and an IPv6 literal', () => {
    expect(parseSmtpUrl('smtp://[::1]:1025')).toEqual({ host: '::1', port: 1025, secure: false });
  });

  it.each([
    ['not a URL', 'mail.example.com'],
    ['another scheme', 'http://u:hunter2@mail.example.com'],
    ['a user without password', 'smtp://u@mail.example.com'],
    ['query parameters', 'smtp://u:hunter2@mail.example.com?pool=false'],
    ['a path', 'smtp://u:hunter2@mail.example.com/x'],
    ['bad percent-encoding', 'smtp://u:hunter2%zz@mail.example.com'],
  ])('refuses %s without repeating the URL', (_, url) => {
    let error: unknown;
    try {
      parseSmtpUrl(url);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).code).toBe('INVALID_CONFIG');
    expect((error as MailError).message).not.toContain('hunter2');
  });
});
