import { destinationAfterSignIn, pathFromState, safeNextPath, signInPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeNextPath('/settings/security')).toBe('/settings/security');
    expect(safeNextPath('/settings/sessions?x=1#top')).toBe('/settings/sessions?x=1#top');
    expect(safeNextPath('/')).toBe('/');
  });

  it('refuses anything that could leave the site', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'settings',
      ' /settings',
      '/\t/evil.example',
      '/\n/evil.example',
      '',
      null,
      undefined,
      42,
      `/${'a'.repeat(3000)}`,
    ]) {
      expect(safeNextPath(value)).toBeNull();
    }
  });

  it('does not return to the sign-in pages themselves', () => {
    expect(safeNextPath('/sign-in')).toBeNull();
    expect(safeNextPath('/sign-up?next=/x')).toBeNull();
    expect(safeNextPath('/reset-password?token=abc')).toBeNull();
  });
});

describe('destinationAfterSignIn', () => {
  it('prefers the page the route guard interrupted', () => {
    const state = { from: { pathname: '/settings/sessions', search: '?a=1', hash: '' } };
    expect(destinationAfterSignIn(state, '?next=/settings/profile')).toBe('/settings/sessions?a=1');
  });

  it('falls back to a safe ?next=, then the home page', () => {
    expect(destinationAfterSignIn(null, '?next=%2Fsettings%2Fprofile')).toBe('/settings/profile');
    expect(destinationAfterSignIn(undefined, '?next=https%3A%2F%2Fevil.example')).toBe('/');
    expect(destinationAfterSignIn({ from: { pathname: '//evil.example' } }, '')).toBe('/');
    expect(destinationAfterSignIn({ notice: 'password-reset' }, '')).toBe('/');
  });

  it('reads only well-formed router state', () => {
    expect(pathFromState({ from: { pathname: 5 } })).toBeNull();
    expect(pathFromState({ from: 'text' })).toBeNull();
    expect(pathFromState('text')).toBeNull();
  });
});

describe('signInPath', () => {
  it('adds ?next= for a page worth coming back to', () => {
    expect(signInPath('/settings/profile')).toBe('/sign-in?next=%2Fsettings%2Fprofile');
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('https://evil.example')).toBe('/sign-in');
    expect(signInPath()).toBe('/sign-in');
  });
});
