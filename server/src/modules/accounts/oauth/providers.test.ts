import { createHash } from 'node:crypto';
import { generateCodeVerifier, generateState } from 'arctic';
import type { OAuthConfig } from '../../../config';
import { createSignInProviders } from './providers';

const publicUrl = new URL('https://studio.example.org');
const credentials = { clientId: 'client-id', clientSecret: 'client-secret' };

describe('sign-in providers', () => {
  it('enables only the configured providers', () => {
    expect([...createSignInProviders({ publicUrl, oauth: {} }).keys()]).toEqual([]);
    const oauth: OAuthConfig = { github: credentials, discord: credentials };
    expect([...createSignInProviders({ publicUrl, oauth }).keys()]).toEqual(['github', 'discord']);
  });

  it.each([
    {
      id: 'google',
      endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
      scope: 'openid email profile',
      pkce: true,
    },
    {
      id: 'github',
      endpoint: 'https://github.com/login/oauth/authorize',
      scope: 'read:user user:email',
      pkce: false,
    },
    {
      id: 'discord',
      endpoint: 'https://discord.com/oauth2/authorize',
      scope: 'identify email',
      pkce: true,
    },
  ])('sends the browser to $id with its scopes and redirect URI', async (expected) => {
    const oauth: OAuthConfig = { google: credentials, github: credentials, discord: credentials };
    const provider = createSignInProviders({ publicUrl, oauth }).get(expected.id)!;
    const state = generateState();
    const codeVerifier = generateCodeVerifier();
    const url = await provider.authorizationUrl({ state, codeVerifier });

    expect(`${url.origin}${url.pathname}`).toBe(expected.endpoint);
    expect(provider.usesPkce).toBe(expected.pkce);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client-id',
      redirect_uri: `https://studio.example.org/auth/${expected.id}/callback`,
      scope: expected.scope,
      state,
    });
    if (expected.pkce) {
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toBe(
        createHash('sha256').update(codeVerifier).digest('base64url'),
      );
    } else {
      expect(url.searchParams.has('code_challenge')).toBe(false);
    }
    // The client secret only ever travels to the token endpoint.
    expect(url.toString()).not.toContain('client-secret');
  });
});
