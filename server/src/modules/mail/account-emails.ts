import { formatUtc, renderEmail, singleLine, type RenderedEmail } from './email-layout';

export type { RenderedEmail } from './email-layout';

/** The recipient's display name; blank or missing greets without one. */
type Name = string | null | undefined;

/** Asks a new account to confirm its email address. */
export function verifyEmailMessage(params: { name?: Name; url: string }): RenderedEmail {
  return renderEmail({
    heading: 'Confirm your email address',
    preview: 'Confirm your email address to finish setting up your aiofm account.',
    name: params.name,
    paragraphs: [
      'Thanks for signing up for aiofm. Confirm that this is your email address to finish setting up your account.',
    ],
    action: { label: 'Confirm email address', url: params.url },
    afterAction: ['This link expires in 24 hours.'],
    notYou: "If you didn't sign up for aiofm, you can ignore this email.",
  });
}

/** Sends the link that lets someone choose a new password. */
export function passwordResetMessage(params: { name?: Name; url: string }): RenderedEmail {
  return renderEmail({
    heading: 'Reset your password',
    preview: 'Use this link within 1 hour to choose a new aiofm password.',
    name: params.name,
    paragraphs: [
      'We received a request to reset the password of your aiofm account. Choose a new password with the link below.',
    ],
    action: { label: 'Choose a new password', url: params.url },
    afterAction: ['This link expires in 1 hour.'],
    notYou:
      "If you didn't ask to reset your password, you can ignore this email: nothing changes until the link is used, and your current password keeps working.",
  });
}

/** Sent to the new address to confirm that it should replace the account's current one. */
export function emailChangeMessage(params: {
  name?: Name;
  url: string;
  newEmail: string;
}): RenderedEmail {
  const newEmail = singleLine(params.newEmail);
  return renderEmail({
    heading: 'Confirm your new email address',
    preview: `Confirm ${newEmail} as the new email address of your aiofm account.`,
    name: params.name,
    paragraphs: [
      `You asked to use ${newEmail} as the email address of your aiofm account. Confirm the change to start using it; until then your account keeps its current address.`,
    ],
    action: { label: 'Confirm new email address', url: params.url },
    afterAction: ['This link expires in 24 hours.'],
    notYou:
      "If you didn't ask for this, you can ignore this email and the account's address will not change.",
  });
}

/** Sent to the old address once the change to a new one has taken effect. */
export function emailChangedNoticeMessage(params: {
  name?: Name;
  newEmail: string;
}): RenderedEmail {
  const newEmail = singleLine(params.newEmail);
  return renderEmail({
    heading: 'Your email address was changed',
    preview: `Your aiofm account now uses ${newEmail}.`,
    name: params.name,
    paragraphs: [
      `The email address of your aiofm account was changed to ${newEmail}. From now on, sign in with that address; emails about your account will go there, not to this address.`,
    ],
    // No link: this address no longer controls the account, so the way back is a person.
    notYou:
      "If you didn't make this change, someone else may have access to your account. Contact the administrator of this aiofm server right away.",
  });
}

/** Tells the account owner about a sign-in from a device it had not seen. */
export function newSignInMessage(params: {
  name?: Name;
  device: string;
  ipAddress: string | null;
  time: Date;
  sessionsUrl: string;
}): RenderedEmail {
  const details = [
    { label: 'Device', value: params.device || 'Unknown device' },
    ...(params.ipAddress ? [{ label: 'IP address', value: params.ipAddress }] : []),
    { label: 'Time', value: formatUtc(params.time) },
  ];
  return renderEmail({
    heading: 'New sign-in to your account',
    preview: 'Someone signed in to your aiofm account from a new device.',
    name: params.name,
    paragraphs: [
      'Someone just signed in to your aiofm account from a new device. If this was you, there is nothing you need to do.',
    ],
    details,
    action: { label: 'Review your sessions', url: params.sessionsUrl },
    notYou:
      "If this wasn't you, sign that session out from the page above and change your password right away.",
  });
}

/** Tells the account owner that two-factor authentication was turned on or off. */
export function mfaChangedMessage(params: {
  name?: Name;
  enabled: boolean;
  time: Date;
  securityUrl: string;
}): RenderedEmail {
  const state = params.enabled ? 'on' : 'off';
  return renderEmail({
    heading: `Two-factor authentication was turned ${state}`,
    preview: `Two-factor authentication was turned ${state} for your aiofm account.`,
    name: params.name,
    paragraphs: [
      params.enabled
        ? 'Two-factor authentication was turned on for your aiofm account. Signing in now needs a code from your authenticator app as well as your password.'
        : 'Two-factor authentication was turned off for your aiofm account. Signing in now needs only your password.',
    ],
    details: [{ label: 'Time', value: formatUtc(params.time) }],
    action: { label: 'Review security settings', url: params.securityUrl },
    notYou:
      "If this wasn't you, someone else may have access to your account: change your password and review your security settings right away.",
  });
}

/** Tells the account owner that the password changed and other sessions were ended. */
export function passwordChangedMessage(params: {
  name?: Name;
  time: Date;
  securityUrl: string;
}): RenderedEmail {
  return renderEmail({
    heading: 'Your password was changed',
    preview: 'The password of your aiofm account was changed.',
    name: params.name,
    paragraphs: [
      'The password of your aiofm account was changed. For your security, every other session was signed out.',
    ],
    details: [{ label: 'Time', value: formatUtc(params.time) }],
    action: { label: 'Review security settings', url: params.securityUrl },
    notYou:
      "If you didn't change your password, reset it from the sign-in page right away and review your security settings.",
  });
}
