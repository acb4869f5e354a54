import { linkErrorMessage, oauthErrorMessage } from './oauth-errors';
import { linkProviderUrl } from './ProviderButtons';

describe('oauthErrorMessage', () => {
  it('explains the codes the server sends back to the sign-in page', () => {
    expect(oauthErrorMessage('email_in_use')).toBe(
      'An account with this email already exists: sign in with your password, then link this provider in Settings → Security.',
    );
    expect(oauthErrorMessage('account_disabled')).toMatch(/disabled/);
    expect(oauthErrorMessage('oauth_failed')).toMatch(/did not work/);
    expect(oauthErrorMessage('rate_limited')).toMatch(/Too many sign-in attempts/);
    expect(oauthErrorMessage('email_required')).toMatch(/did not share an email address/);
  });

  it('explains why linking a provider was refused', () => {
    expect(linkErrorMessage('already_linked')).toMatch(/another aiofm account/);
    expect(linkErrorMessage('provider_already_linked')).toMatch(/Unlink it first/);
    expect(linkErrorMessage('rate_limited')).toMatch(/Too many/);
    expect(linkErrorMessage('new_code')).toBe('Linking the provider did not work. Try again.');
    expect(linkErrorMessage(null)).toBeNull();
  });

  it('has a general message for unknown codes and nothing without one', () => {
    expect(oauthErrorMessage('something_else')).toMatch(/did not work/);
    expect(oauthErrorMessage(null)).toBeNull();
    expect(oauthErrorMessage('')).toBeNull();
  });
});

describe('linkProviderUrl', () => {
  it('adds link=1 to the start address', () => {
    expect(linkProviderUrl('/auth/github')).toBe('/auth/github?link=1');
    expect(linkProviderUrl('/auth/oidc?prompt=login')).toBe('/auth/oidc?prompt=login&link=1');
    expect(linkProviderUrl('/auth/google#x')).toBe('/auth/google?link=1#x');
  });
});
