import pino from 'pino';
import { createMailer } from './mailer';
import { MailError } from './mail.errors';

const logger = pino({ enabled: false });

describe('createMailer', () => {
  it('refuses a sender that is not exactly one mailbox', () => {
    for (const from of ['', 'aiofm', 'a@example.com, b@example.com']) {
      expect(() => createMailer({ driver: 'file', dataDir: '/tmp', from, logger })).toThrow(
        MailError,
      );
    }
  });

  it('needs an SMTP URL for the smtp driver', () => {
    expect(() =>
      createMailer({ driver: 'smtp', dataDir: '/tmp', from: 'aiofm <no-reply@localhost>', logger }),
    ).toThrow(/SMTP_URL/);
  });
});
