import {
  emailChangeMessage,
  emailChangedNoticeMessage,
  mfaChangedMessage,
  newSignInMessage,
  passwordChangedMessage,
  passwordResetMessage,
  verifyEmailMessage,
} from './account-emails';
import type { RenderedEmail } from './email-layout';

const url = 'https://studio.example/verify-email?token=tok_abc123';
const time = new Date('2026-11-29T19:40:01.123Z');
const hostileName = '<script>alert("pwned")</script>';

/** What a reader sees of the html: tags dropped, the entities escapeHtml writes decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('account emails', () => {
  const all: [string, RenderedEmail][] = [
    ['verify', verifyEmailMessage({ name: 'Ada', url })],
    ['reset', passwordResetMessage({ name: 'Ada', url })],
    ['change', emailChangeMessage({ name: 'Ada', url, newEmail: 'new@example.com' })],
    ['changed notice', emailChangedNoticeMessage({ name: 'Ada', newEmail: 'new@example.com' })],
    [
      'new sign-in',
      newSignInMessage({
        name: 'Ada',
        device: 'Firefox on Windows',
        ipAddress: '203.0.113.7',
        time,
        sessionsUrl: url,
      }),
    ],
    ['mfa', mfaChangedMessage({ name: 'Ada', enabled: true, time, securityUrl: url })],
    ['password changed', passwordChangedMessage({ name: 'Ada', time, securityUrl: url })],
  ];

  it.each(all)(
    '%s: names the product, greets, and says what to do if it was not you',
    (_, email) => {
      expect(email.subject.length).toBeGreaterThan(0);
      for (const part of [email.text, textOf(email.html)]) {
        expect(part).toContain('aiofm');
        expect(part).toContain('Hi Ada,');
        expect(part).toMatch(/If (this wasn't you|you didn't)/);
      }
      expect(email.html).toContain(`<h1`);
      expect(email.html).not.toMatch(/<img/i);
    },
  );

  it.each(all.filter(([name]) => name !== 'changed notice'))(
    '%s: carries the link in both parts',
    (_, email) => {
      expect(email.text).toContain(url);
      expect(email.html).toContain(`href="${url}"`);
    },
  );

  it('the notice to the old address has no link at all', () => {
    const email = emailChangedNoticeMessage({ name: 'Ada', newEmail: 'new@example.com' });
    expect(email.html).not.toContain('href=');
    expect(email.text).not.toContain('http');
    expect(email.text).toContain('new@example.com');
    expect(email.text).toContain('administrator');
  });

  it('escapes every user-provided value in the html', () => {
    const emails = [
      verifyEmailMessage({ name: hostileName, url }),
      emailChangeMessage({ name: hostileName, url, newEmail: '"><img src=x>@example.com' }),
      newSignInMessage({
        name: hostileName,
        device: '<b>Firefox</b>',
        ipAddress: '<i>1.2.3.4</i>',
        time,
        sessionsUrl: url,
      }),
    ];
    for (const { html, text } of emails) {
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>');
      expect(html).not.toContain('<i>');
      expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
      // The text part is not markup: the value reads as typed.
      expect(text).toContain(hostileName);
    }
  });

  it('keeps a name from adding lines to the message', () => {
    const { text } = verifyEmailMessage({
      name: 'Ada\n\nYour account is locked. Visit http://evil.example\n\n',
      url,
    });
    expect(text).toContain('Hi Ada Your account is locked. Visit http://evil.example,');
    expect(text).not.toMatch(/^Your account is locked/m);
  });

  it('states how long each link lasts', () => {
    expect(verifyEmailMessage({ name: 'Ada', url }).text).toContain('expires in 24 hours');
    expect(emailChangeMessage({ name: 'Ada', url, newEmail: 'n@example.com' }).text).toContain(
      'expires in 24 hours',
    );
    const reset = passwordResetMessage({ name: 'Ada', url });
    expect(reset.text).toContain('expires in 1 hour.');
    expect(textOf(reset.html)).toContain('expires in 1 hour.');
    expect(reset.text).toContain('nothing changes');
  });

  it('confirms an email change at the new address and names it', () => {
    const email = emailChangeMessage({ name: 'Ada', url, newEmail: 'new@example.com' });
    expect(email.subject).toBe('Confirm your new email address');
    expect(email.text).toContain('new@example.com');
    expect(email.html).toContain('new@example.com');
  });

  it('describes a new sign-in with device, address and UTC time', () => {
    const email = newSignInMessage({
      name: 'Ada',
      device: 'Firefox on Windows',
      ipAddress: '203.0.113.7',
      time,
      sessionsUrl: url,
    });
    expect(email.subject).toBe('New sign-in to your account');
    for (const part of [email.text, textOf(email.html)]) {
      expect(part).toContain('Firefox on Windows');
      expect(part).toContain('203.0.113.7');
      expect(part).toContain('29 November 2026, 19:40 UTC');
    }
    expect(email.text).toContain('Device: Firefox on Windows\nIP address: 203.0.113.7\nTime:');
  });

  it('leaves the address out of a sign-in notice when it is unknown', () => {
    const email = newSignInMessage({
      name: 'Ada',
      device: 'Safari on iPhone',
      ipAddress: null,
      time,
      sessionsUrl: url,
    });
    expect(email.text).not.toContain('IP address');
    expect(email.html).not.toContain('IP address');
  });

  it('says whether two-factor authentication was turned on or off', () => {
    const on = mfaChangedMessage({ name: 'Ada', enabled: true, time, securityUrl: url });
    const off = mfaChangedMessage({ name: 'Ada', enabled: false, time, securityUrl: url });
    expect(on.subject).toBe('Two-factor authentication was turned on');
    expect(off.subject).toBe('Two-factor authentication was turned off');
    expect(on.text).toContain('authenticator app');
    expect(off.text).toContain('only your password');
    expect(off.text).toContain('29 November 2026, 19:40 UTC');
  });

  it('says other sessions were signed out after a password change', () => {
    const email = passwordChangedMessage({ name: 'Ada', time, securityUrl: url });
    expect(email.subject).toBe('Your password was changed');
    expect(email.text).toContain('every other session was signed out');
    expect(email.text).toContain('29 November 2026, 19:40 UTC');
  });
});
