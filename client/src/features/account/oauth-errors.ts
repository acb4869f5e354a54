/**
 * Messages for the `?error=<code>` the server adds when signing in (or linking) through a
 * provider failed: sign-in refusals come back to /sign-in, link refusals to /settings/security.
 */
const SIGN_IN_ERRORS: Record<string, string> = {
  oauth_failed:
    'Signing in with the provider did not work. Try again, or use another way to sign in.',
  rate_limited: 'Too many sign-in attempts from this network. Wait a few minutes, then try again.',
  email_in_use:
    'An account with this email already exists: sign in with your password, then link this provider in Settings → Security.',
  email_required:
    'The provider did not share an email address, which aiofm needs for your account. Allow it at the provider, or sign up with your email instead.',
  account_disabled: 'This account has been disabled. Contact the server’s operators for help.',
};

const LINK_ERRORS: Record<string, string> = {
  already_linked: 'That account at the provider is already linked to another aiofm account.',
  provider_already_linked:
    'Your account already has a login at this provider. Unlink it first to link a different one.',
};

const SIGN_IN_FALLBACK = SIGN_IN_ERRORS.oauth_failed!;
const LINK_FALLBACK = 'Linking the provider did not work. Try again.';

/** The message for a sign-in error code from the address, or null when there is none. */
export function oauthErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return SIGN_IN_ERRORS[code] ?? SIGN_IN_FALLBACK;
}

/** The message for a link error code on the security page, or null when there is none. */
export function linkErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return LINK_ERRORS[code] ?? SIGN_IN_ERRORS[code] ?? LINK_FALLBACK;
}
