import { readCookie, serializeCookie } from '../../http/cookies';

export const SESSION_COOKIE = 'aiofm_session';

/** Holds a provider sign-in that still needs the account's second factor. */
export const PENDING_SIGN_IN_COOKIE = 'aiofm_pending_sign_in';
const PENDING_SIGN_IN_SECONDS = 600;

/** The session token from a Cookie header, if any. */
export function readSessionCookie(cookieHeader: string | undefined): string | undefined {
  return readCookie(cookieHeader, SESSION_COOKIE);
}

/** Set-Cookie value for a session: httpOnly, SameSite=Lax, Secure when served over https. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000));
  return serializeCookie(SESSION_COOKIE, token, { maxAge, expires: expiresAt, secure });
}

/** Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, '', { maxAge: 0, secure });
}

/** Set-Cookie value for a provider sign-in waiting for its second factor (ten minutes). */
export function pendingSignInCookie(token: string, secure: boolean): string {
  return serializeCookie(PENDING_SIGN_IN_COOKIE, token, {
    maxAge: PENDING_SIGN_IN_SECONDS,
    secure,
  });
}

/** The token from `Authorization: Bearer <token>` (scripts; partner tokens plug in here later). */
export function readBearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return match?.[1];
}
