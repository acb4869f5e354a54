import { escapeHtml, formatUtc, renderEmail, singleLine } from './email-layout';
import { MailError } from './mail.errors';

describe('escapeHtml', () => {
  it('escapes every character that is markup in content or attributes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('leaves ordinary text alone and escapes an ampersand only once', () => {
    expect(escapeHtml('Zoë Ω 42')).toBe('Zoë Ω 42');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('singleLine', () => {
  it('turns line breaks, control and direction-override characters into single spaces', () => {
    expect(singleLine('Ada\r\n\nVisit evil.example\u2028now\u202e\u0000!')).toBe(
      'Ada Visit evil.example now !',
    );
  });

  it('caps the length with an ellipsis without splitting a character', () => {
    expect(singleLine('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
    expect(singleLine('short', 5)).toBe('short');
  });
});

describe('formatUtc', () => {
  it('renders the moment in UTC, whatever the process time zone', () => {
    expect(formatUtc(new Date('2026-11-29T19:40:59.999Z'))).toBe('29 November 2026, 19:40 UTC');
    expect(formatUtc(new Date('2027-01-05T03:07:00+05:00'))).toBe('4 January 2027, 22:07 UTC');
  });

  it('refuses an invalid date', () => {
    expect(() => formatUtc(new Date('nope'))).toThrow(MailError);
  });
});

describe('renderEmail', () => {
  const content = {
    heading: 'Heading',
    preview: 'Preview',
    name: 'Ada',
    paragraphs: ['First paragraph.'],
    action: { label: 'Do it', url: 'https://studio.example/go?token=abc&next=%2F' },
    notYou: 'Not you?',
  };

  it('uses the heading as the subject and greets by name', () => {
    const email = renderEmail(content);
    expect(email.subject).toBe('Heading');
    expect(email.text).toContain('Hi Ada,');
    expect(email.html).toContain('Hi Ada,');
  });

  it('greets without a name when there is none', () => {
    expect(renderEmail({ ...content, name: '  ' }).text).toContain('\n\nHi,\n\n');
    expect(renderEmail({ ...content, name: null }).text).toContain('\n\nHi,\n\n');
  });

  it('puts the link on a line of its own in text and escapes it in the html', () => {
    const email = renderEmail(content);
    expect(email.text).toContain('\nhttps://studio.example/go?token=abc&next=%2F\n');
    expect(email.html).toContain('href="https://studio.example/go?token=abc&amp;next=%2F"');
  });

  it('refuses links that are not http or https', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', '/relative/path']) {
      expect(() => renderEmail({ ...content, action: { label: 'x', url } })).toThrow(MailError);
    }
  });

  it('has no images and no link other than the action', () => {
    const { html } = renderEmail(content);
    expect(html).not.toMatch(/<img/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(new Set(hrefs)).toEqual(new Set(['https://studio.example/go?token=abc&amp;next=%2F']));
  });
});
