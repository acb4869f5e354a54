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

function attributes(maxAge: number, secure: boolean): string[] {
  // Only the /auth routes need them; Lax still sends them on the provider's top-level redirect.
  return [
    'Path=/auth',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
    ...(secure ? ['Secure'] : []),
  ];
}

/** Set-Cookie value for one flow cookie, alive for ten minutes. */
export function flowCookie(cookie: FlowCookie, value: string, secure: boolean): string {
  return [
    `${FLOW_COOKIES[cookie]}=${encodeURIComponent(value)}`,
    ...attributes(FLOW_SECONDS, secure),
  ].join('; ');
}

/** Set-Cookie value that removes one flow cookie. */
export function clearedFlowCookie(cookie: FlowCookie, secure: boolean): string {
  return [`${FLOW_COOKIES[cookie]}=`, ...attributes(0, secure)].join('; ');
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
  if (!cookieHeader) return undefined;
  const name = FLOW_COOKIES[cookie];
  for (const part of cookieHeader.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('=')) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
