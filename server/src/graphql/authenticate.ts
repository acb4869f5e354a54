import type { SessionService, ValidatedSession } from '../modules/accounts/session.service';
import { readBearerToken, readSessionCookie } from '../modules/accounts/session-cookie';

/** What a request carries that may identify its caller. */
export interface Credentials {
  cookie?: string;
  authorization?: string;
}

/**
 * Resolves the caller from a bearer token (scripts) or the session cookie (browsers), the same
 * way on HTTP and on the WebSocket upgrade. Scoped partner tokens will be one more strategy here.
 */
export function createAuthenticator(sessions: SessionService, adminEmails: readonly string[]) {
  const admins = new Set(adminEmails);
  return async (credentials: Credentials): Promise<ValidatedSession | null> => {
    const bearer = readBearerToken(credentials.authorization);
    const token = bearer ?? readSessionCookie(credentials.cookie);
    const validated = token ? await sessions.validate(token) : null;
    if (validated) {
      const { user } = validated;
      user.isAdmin = user.emailVerifiedAt !== null && admins.has(user.email);
    }
    return validated;
  };
}
