/**
 * The preference cookie. It holds UI choices only (today: the theme) and is the one cookie besides
 * the session cookie. The server reads it to put `data-theme` on <html> before sending the page,
 * so the chosen theme shows without a flash; the client writes it when the user changes a choice.
 */

export const PREFERENCES_COOKIE = 'aiofm_prefs';

/** One year, in seconds. */
export const PREFERENCES_MAX_AGE = 60 * 60 * 24 * 365;

export type ThemePreference = 'system' | 'light' | 'dark';

export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

export interface Preferences {
  theme: ThemePreference;
}

export const DEFAULT_PREFERENCES: Preferences = { theme: 'system' };

function isThemePreference(value: unknown): value is ThemePreference {
  return typeof value === 'string' && (THEME_PREFERENCES as readonly string[]).includes(value);
}

/** The raw value of one cookie in a `document.cookie` string, or null when absent. */
export function readCookie(cookieString: string, name: string): string | null {
  for (const part of cookieString.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/**
 * The preferences stored in a cookie string. Anything missing, unreadable or unknown falls back
 * to the defaults: a damaged cookie must never break the page.
 */
export function parsePreferences(cookieString: string): Preferences {
  const raw = readCookie(cookieString, PREFERENCES_COOKIE);
  if (raw === null) return { ...DEFAULT_PREFERENCES };
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(raw));
    if (typeof parsed !== 'object' || parsed === null) return { ...DEFAULT_PREFERENCES };
    const theme = (parsed as Record<string, unknown>).theme;
    return { theme: isThemePreference(theme) ? theme : DEFAULT_PREFERENCES.theme };
  } catch {
    return { ...DEFAULT_PREFERENCES };
  }
}

/** The Set-Cookie style string that stores the preferences for a year on the whole site. */
export function serializePreferencesCookie(
  preferences: Preferences,
  options: { secure?: boolean } = {},
): string {
  const value = encodeURIComponent(JSON.stringify({ theme: preferences.theme }));
  const attributes = [`Path=/`, `Max-Age=${PREFERENCES_MAX_AGE}`, 'SameSite=Lax'];
  if (options.secure) attributes.push('Secure');
  return `${PREFERENCES_COOKIE}=${value}; ${attributes.join('; ')}`;
}

/** Reads the preferences of the current document. */
export function readPreferences(doc: Document = document): Preferences {
  return parsePreferences(doc.cookie);
}

/** Stores the preferences in the cookie of the current document. */
export function writePreferences(preferences: Preferences, doc: Document = document): void {
  const secure = doc.location?.protocol === 'https:';
  doc.cookie = serializePreferencesCookie(preferences, { secure });
}

/**
 * Puts the theme on <html>: `data-theme="light|dark"` forces one, no attribute follows the system
 * setting (`prefers-color-scheme`), exactly as the server renders it from the cookie.
 */
export function applyTheme(
  theme: ThemePreference,
  root: HTMLElement = document.documentElement,
): void {
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}
