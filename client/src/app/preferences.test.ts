import {
  DEFAULT_PREFERENCES,
  PREFERENCES_COOKIE,
  applyTheme,
  parsePreferences,
  readCookie,
  readPreferences,
  serializePreferencesCookie,
  writePreferences,
} from './preferences';

function clearCookies() {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; Path=/; Max-Age=0`;
  }
}

describe('preference cookie', () => {
  afterEach(() => {
    clearCookies();
    document.documentElement.removeAttribute('data-theme');
  });

  it('serializes the theme as URI-encoded JSON, site-wide, Lax, for a year', () => {
    expect(serializePreferencesCookie({ theme: 'dark' })).toBe(
      `aiofm_prefs=${encodeURIComponent(JSON.stringify({ theme: 'dark' }))}; Path=/; Max-Age=31536000; SameSite=Lax`,
    );
    expect(serializePreferencesCookie({ theme: 'light' }, { secure: true })).toMatch(/; Secure$/);
  });

  it('reads back what it wrote', () => {
    for (const theme of ['system', 'light', 'dark'] as const) {
      const cookie = serializePreferencesCookie({ theme }).split(';')[0] ?? '';
      expect(parsePreferences(`other=1; ${cookie}; more=2`)).toEqual({ theme });
    }
  });

  it('falls back to the defaults for a missing, damaged or unknown value', () => {
    expect(parsePreferences('')).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences('aiofm_prefs=%7Bnot-json')).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences('aiofm_prefs=%E0%A4%A')).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences(`aiofm_prefs=${encodeURIComponent('"dark"')}`)).toEqual(
      DEFAULT_PREFERENCES,
    );
    expect(parsePreferences(`aiofm_prefs=${encodeURIComponent('{"theme":"neon"}')}`)).toEqual(
      DEFAULT_PREFERENCES,
    );
  });

  it('finds a cookie by exact name only', () => {
    expect(readCookie('xaiofm_prefs=1; aiofm_prefs=2', PREFERENCES_COOKIE)).toBe('2');
    expect(readCookie('aiofm_prefs_old=1', PREFERENCES_COOKIE)).toBeNull();
  });

  it('writes to and reads from document.cookie', () => {
    writePreferences({ theme: 'dark' });
    expect(document.cookie).toContain(
      `aiofm_prefs=${encodeURIComponent(JSON.stringify({ theme: 'dark' }))}`,
    );
    expect(readPreferences()).toEqual({ theme: 'dark' });
    writePreferences({ theme: 'system' });
    expect(readPreferences()).toEqual({ theme: 'system' });
  });

  it('sets data-theme for light and dark and removes it to follow the system', () => {
    const root = document.documentElement;
    applyTheme('dark');
    expect(root.getAttribute('data-theme')).toBe('dark');
    applyTheme('light');
    expect(root.getAttribute('data-theme')).toBe('light');
    applyTheme('system');
    expect(root.hasAttribute('data-theme')).toBe(false);
  });
});
