import { fireEvent, render, screen } from '@testing-library/react';
import { readPreferences } from './preferences';
import { ThemeProvider, ThemeSwitcher } from './theme';

describe('ThemeSwitcher', () => {
  afterEach(() => {
    document.cookie = 'aiofm_prefs=; Path=/; Max-Age=0';
    document.documentElement.removeAttribute('data-theme');
  });

  it('starts from the cookie and stores a new choice in it and on <html>', () => {
    document.cookie = `aiofm_prefs=${encodeURIComponent('{"theme":"light"}')}; Path=/`;
    render(
      <ThemeProvider>
        <ThemeSwitcher />
      </ThemeProvider>,
    );
    const select = screen.getByLabelText('Theme') as HTMLSelectElement;
    expect(select.value).toBe('light');

    fireEvent.change(select, { target: { value: 'dark' } });
    expect(select.value).toBe('dark');
    expect(readPreferences().theme).toBe('dark');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');

    fireEvent.change(select, { target: { value: 'system' } });
    expect(readPreferences().theme).toBe('system');
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });
});
