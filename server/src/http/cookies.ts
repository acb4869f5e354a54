/** One cookie's value from a Cookie header; undefined when absent, empty or malformed. */
export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
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

/** Attributes of a cookie the server sets; every one is httpOnly and SameSite=Lax. */
export interface CookieOptions {
  /** Seconds until it expires; 0 removes it. */
  maxAge: number;
  path?: string;
  /** Also send `Expires`, for old clients that ignore Max-Age. */
  expires?: Date;
  /** Over https only (when PUBLIC_URL is https). */
  secure: boolean;
}

/** A Set-Cookie value. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${options.maxAge}`,
    ...(options.expires ? [`Expires=${options.expires.toUTCString()}`] : []),
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
