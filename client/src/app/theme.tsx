import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Select } from '../ui';
import type { SelectOption } from '../ui';
import { applyTheme, readPreferences, writePreferences } from './preferences';
import type { ThemePreference } from './preferences';

interface ThemeContextValue {
  theme: ThemePreference;
  setTheme: (theme: ThemePreference) => void;
}

const ThemeContext = createContext<ThemeContextValue | null>(null);

/** Holds the theme preference: read from the preference cookie, written back on change. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<ThemePreference>(() => readPreferences().theme);

  const setTheme = useCallback((next: ThemePreference) => {
    writePreferences({ ...readPreferences(), theme: next });
    applyTheme(next);
    setThemeState(next);
  }, []);

  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

/** The current theme preference and its setter. */
export function useTheme(): ThemeContextValue {
  const value = useContext(ThemeContext);
  if (!value) throw new Error('useTheme must be used inside <ThemeProvider>');
  return value;
}

const themeOptions: ReadonlyArray<SelectOption<ThemePreference>> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The theme choice in the header: follow the system, or always light or dark. */
export function ThemeSwitcher() {
  const { theme, setTheme } = useTheme();
  return (
    <Select<ThemePreference>
      label="Theme"
      inline
      size="sm"
      options={themeOptions}
      value={theme}
      onValueChange={setTheme}
    />
  );
}
