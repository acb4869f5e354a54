/** Pages that make no sense to return to after signing in. */
const ACCOUNT_ENTRY_PATHS = new Set([
  '/sign-in',
  '/sign-up',
  '/forgot-password',
  '/reset-password',
  '/verify-email',
  '/confirm-email',
]);

/** Where the app goes after signing in when nothing else was asked for. */
export const DEFAULT_DESTINATION = '/';

/**
 * The app path in `value` when it is a path on this site (`/settings/security?tab=1#mfa`), or
 * null for anything else: absolute or protocol-relative URLs (`https://evil.example`,
 * `//evil.example`, `/\evil.example`), other schemes, control characters, and the sign-in pages
 * themselves. Used for `?next=` so that a crafted link cannot send people to another site.
 */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  const base = 'http://app.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  if (ACCOUNT_ENTRY_PATHS.has(url.pathname)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The location the route guard remembers in router state when it sends someone to sign in. */
export interface ReturnState {
  from?: { pathname?: unknown; search?: unknown; hash?: unknown };
}

/** The path in router state `{ from }` (set by the route guard), if it is a safe app path. */
export function pathFromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const from = (state as ReturnState).from;
  if (typeof from !== 'object' || from === null) return null;
  const { pathname, search, hash } = from;
  if (typeof pathname !== 'string') return null;
  const path = `${pathname}${typeof search === 'string' ? search : ''}${typeof hash === 'string' ? hash : ''}`;
  return safeNextPath(path);
}

/**
 * Where to go after signing in: the page the route guard interrupted, else a safe `?next=`
 * path from the address, else the home page.
 */
export function destinationAfterSignIn(state: unknown, search: string): string {
  const next = new URLSearchParams(search).get('next');
  return pathFromState(state) ?? safeNextPath(next) ?? DEFAULT_DESTINATION;
}

/** `/sign-in?next=…` for links that should come back to `path` after signing in. */
export function signInPath(path?: string | null): string {
  const next = safeNextPath(path);
  if (!next || next === DEFAULT_DESTINATION) return '/sign-in';
  return `/sign-in?${new URLSearchParams({ next }).toString()}`;
}
