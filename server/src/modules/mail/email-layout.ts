import { MailError } from './mail.errors';

/** The parts of one email; `renderEmail` lays them out as plain text and as HTML. */
export interface EmailContent {
  /** The title at the top of the message; also used as the subject. */
  heading: string;
  /** The line inbox lists show beside the subject. */
  preview: string;
  /** The recipient's name for the greeting; blank greets without one. */
  name?: string | null;
  /** Body paragraphs, plain text. */
  paragraphs: string[];
  /** Facts listed as label and value, such as the device of a sign-in. */
  details?: { label: string; value: string }[];
  /** The one link the email exists for. */
  action?: { label: string; url: string };
  /** Said right after the link, such as when it expires. */
  afterAction?: string[];
  /** What to do if the recipient did not cause this email. */
  notYou: string;
}

/** A rendered email without its recipient. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const PRODUCT = 'aiofm';
const NAME_MAX_LENGTH = 64;
const VALUE_MAX_LENGTH = 200;

// The client's design tokens, so the email looks like the product.
const COLOR = {
  page: '#f6f7f9',
  surface: '#ffffff',
  border: '#d4d8e0',
  text: '#151821',
  muted: '#4d5565',
  link: '#3d3bbf',
  primary: '#4338ca',
  onPrimary: '#ffffff',
};
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Escapes text for use in HTML content and in double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => {
    switch (char) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&#39;';
    }
  });
}

/**
 * Makes a user-provided value safe to place in a sentence: one line, no control or
 * direction-override characters, bounded length. Without this a name could add lines of
 * its own (a fake instruction or link) to an email sent to someone else's address.
 */
export function singleLine(value: string, maxLength = VALUE_MAX_LENGTH): string {
  const cleaned = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(cleaned);
  return chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('')}…` : cleaned;
}

/** Formats a moment as "29 November 2026, 19:40 UTC": unambiguous whatever the reader's locale. */
export function formatUtc(time: Date): string {
  if (Number.isNaN(time.getTime())) {
    throw new MailError('INVALID_MESSAGE', 'An email was given an invalid time.');
  }
  const hours = String(time.getUTCHours()).padStart(2, '0');
  const minutes = String(time.getUTCMinutes()).padStart(2, '0');
  const month = MONTHS[time.getUTCMonth()] ?? '';
  return `${time.getUTCDate()} ${month} ${time.getUTCFullYear()}, ${hours}:${minutes} UTC`;
}

/** Lays an email out as a plain-text part that reads on its own and a matching HTML part. */
export function renderEmail(content: EmailContent): RenderedEmail {
  const name = singleLine(content.name ?? '', NAME_MAX_LENGTH);
  const greeting = name ? `Hi ${name},` : 'Hi,';
  const details = (content.details ?? []).map(({ label, value }) => ({
    label,
    value: singleLine(value),
  }));
  if (content.action) assertWebUrl(content.action.url);
  return {
    subject: content.heading,
    text: renderText(content, greeting, details),
    html: renderHtml(content, greeting, details),
  };
}

function assertWebUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new MailError('INVALID_MESSAGE', 'An email link must be an absolute URL.');
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new MailError('INVALID_MESSAGE', 'An email link must be an http or https URL.');
  }
}

type Detail = { label: string; value: string };

function renderText(content: EmailContent, greeting: string, details: Detail[]): string {
  const blocks: string[] = [content.heading, greeting, ...content.paragraphs];
  if (details.length > 0) {
    blocks.push(details.map(({ label, value }) => `${label}: ${value}`).join('\n'));
  }
  // The URL gets a line of its own so mail clients turn all of it into one link.
  if (content.action) blocks.push(`${content.action.label}:\n${content.action.url}`);
  blocks.push(...(content.afterAction ?? []), content.notYou);
  blocks.push(`-- \n${PRODUCT}\nThis is an automated message about your ${PRODUCT} account.`);
  return `${blocks.join('\n\n')}\n`;
}

function renderHtml(content: EmailContent, greeting: string, details: Detail[]): string {
  const paragraph = (text: string, size: 'body' | 'small' = 'body') => {
    const type =
      size === 'body'
        ? `font-size:16px;line-height:24px;color:${COLOR.text};`
        : `font-size:14px;line-height:20px;color:${COLOR.muted};`;
    return `<p style="margin:0 0 16px;font-family:${FONT};${type}">${escapeHtml(text)}</p>`;
  };

  const body: string[] = [
    paragraph(greeting),
    ...content.paragraphs.map((text) => paragraph(text)),
  ];

  if (details.length > 0) {
    const rows = details
      .map(
        ({ label, value }) =>
          `<tr><td style="padding:4px 16px 4px 0;font-family:${FONT};font-size:14px;line-height:20px;color:${COLOR.muted};white-space:nowrap;vertical-align:top;">${escapeHtml(label)}</td>` +
          `<td style="padding:4px 0;font-family:${FONT};font-size:14px;line-height:20px;color:${COLOR.text};vertical-align:top;">${escapeHtml(value)}</td></tr>`,
      )
      .join('');
    body.push(
      `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;">${rows}</table>`,
    );
  }

  if (content.action) {
    const href = escapeHtml(content.action.url);
    // A table cell with a background colour is the button form that renders in every common
    // client, Outlook included; the link below it helps where buttons are stripped.
    body.push(
      `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;"><tr>` +
        `<td bgcolor="${COLOR.primary}" style="border-radius:6px;background-color:${COLOR.primary};">` +
        `<a href="${href}" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:16px;font-weight:600;line-height:20px;color:${COLOR.onPrimary};text-decoration:none;border-radius:6px;">${escapeHtml(content.action.label)}</a>` +
        `</td></tr></table>`,
      `<p style="margin:0 0 16px;font-family:${FONT};font-size:14px;line-height:20px;color:${COLOR.muted};">If the button does not work, copy this link into your browser:<br>` +
        `<a href="${href}" style="color:${COLOR.link};word-break:break-all;">${href}</a></p>`,
    );
  }

  body.push(...(content.afterAction ?? []).map((text) => paragraph(text)));

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(content.heading)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background-color:${COLOR.page};">`,
    // Shown by inbox lists as the preview line, never in the opened message.
    `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(content.preview)}</div>`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${COLOR.page};">`,
    '<tr><td align="center" style="padding:24px 12px;">',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:${COLOR.surface};border:1px solid ${COLOR.border};border-radius:8px;">`,
    `<tr><td style="padding:28px 32px 0;font-family:${FONT};font-size:18px;font-weight:700;line-height:24px;color:${COLOR.primary};">${PRODUCT}</td></tr>`,
    `<tr><td style="padding:16px 32px 8px;"><h1 style="margin:0;font-family:${FONT};font-size:24px;font-weight:700;line-height:32px;color:${COLOR.text};">${escapeHtml(content.heading)}</h1></td></tr>`,
    `<tr><td style="padding:8px 32px 8px;">${body.join('')}</td></tr>`,
    `<tr><td style="padding:16px 32px 28px;border-top:1px solid ${COLOR.border};">` +
      paragraph(content.notYou, 'small') +
      `<p style="margin:0;font-family:${FONT};font-size:12px;line-height:18px;color:${COLOR.muted};">This is an automated message about your ${PRODUCT} account.</p>` +
      '</td></tr>',
    '</table>',
    '</td></tr>',
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
