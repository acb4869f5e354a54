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
export function createAuthenticator(sessions: SessionService) {
  return async (credentials: Credentials): Promise<ValidatedSession | null> => {
    const bearer = readBearerToken(credentials.authorization);
    if (bearer) return sessions.validate(bearer);
    const token = readSessionCookie(credentials.cookie);
    return token ? sessions.validate(token) : null;
  };
}
