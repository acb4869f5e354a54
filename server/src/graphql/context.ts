import type { Logger } from '../logger';
import type { Identity } from '../modules/accounts/session.service';

/** The browser or script on the other end. */
export interface ClientInfo {
  ipAddress: string | null;
  userAgent: string | null;
}

/** Starts or ends the session of the browser making the request (the cookie, on HTTP). */
export interface SessionCookieJar {
  /** False on WebSocket, where no cookie can be set: sign in and out over HTTP. */
  readonly available: boolean;
  set(token: string, expiresAt: Date): void;
  clear(): void;
  /** Another cookie the request carried (e.g. a pending provider sign-in). */
  get(name: string): string | undefined;
  /** Removes another cookie from the browser. */
  expire(name: string): void;
}

/** What every resolver receives, on HTTP and on WebSocket alike. */
export interface GraphQLContext {
  requestId: string;
  logger: Logger;
  /** The signed-in user and session, or null when anonymous. */
  identity: Identity | null;
  client: ClientInfo;
  cookies: SessionCookieJar;
}
