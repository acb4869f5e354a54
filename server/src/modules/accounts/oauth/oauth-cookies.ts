import { readCookie, serializeCookie } from '../../../http/cookies';

/** The cookies that carry one sign-in flow from `/auth/:provider` to its callback. */
export const FLOW_COOKIES = {
  state: 'aiofm_oauth_state',
  verifier: 'aiofm_oauth_verifier',
  /** `link`: the flow adds the provider to the signed-in account instead of signing in. */
  intent: 'aiofm_oauth_intent',
} as const;

export type FlowCookie = keyof typeof FLOW_COOKIES;

// Long enough to sign in at the provider, short enough that an abandoned flow soon ends.
const FLOW_SECONDS = 600;

// Only the /auth routes need them; Lax still sends them on the provider's top-level redirect.
const FLOW_PATH = '/auth';

/** Set-Cookie value for one flow cookie, alive for ten minutes. */
export function flowCookie(cookie: FlowCookie, value: string, secure: boolean): string {
  return serializeCookie(FLOW_COOKIES[cookie], value, {
    maxAge: FLOW_SECONDS,
    path: FLOW_PATH,
    secure,
  });
}

/** Set-Cookie value that removes one flow cookie. */
export function clearedFlowCookie(cookie: FlowCookie, secure: boolean): string {
  return serializeCookie(FLOW_COOKIES[cookie], '', { maxAge: 0, path: FLOW_PATH, secure });
}

/** Set-Cookie values that remove every flow cookie: a flow is used once, whatever its outcome. */
export function clearedFlowCookies(secure: boolean): string[] {
  return (Object.keys(FLOW_COOKIES) as FlowCookie[]).map((cookie) =>
    clearedFlowCookie(cookie, secure),
  );
}

/** A flow cookie's value from a Cookie header, if present and well-formed. */
export function readFlowCookie(
  cookieHeader: string | undefined,
  cookie: FlowCookie,
): string | undefined {
  return readCookie(cookieHeader, FLOW_COOKIES[cookie]);
}
