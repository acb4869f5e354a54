import {
  CodeChallengeMethod,
  decodeIdToken,
  Discord,
  GitHub,
  Google,
  OAuth2Client,
  type OAuth2Tokens,
} from 'arctic';
import type { Config, OAuthClientConfig } from '../../../config';
import { SignInProviderError } from './oauth.errors';
import { OidcDiscovery } from './oidc-discovery';
import { getJson } from './provider-http';
import {
  discordProfile,
  githubProfile,
  openIdProfile,
  type ProviderProfile,
} from './provider-profiles';

export const PROVIDER_IDS = ['google', 'github', 'discord', 'oidc'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** One configured sign-in provider: where to send the browser, and who came back. */
export interface SignInProvider {
  id: ProviderId;
  /** False for GitHub, whose OAuth apps take no PKCE verifier (the state alone binds the flow). */
  usesPkce: boolean;
  authorizationUrl(params: { state: string; codeVerifier: string }): Promise<URL>;
  /** Exchanges the authorization code and reads the person's profile. */
  identify(params: { code: string; codeVerifier: string | null }): Promise<ProviderProfile>;
}

const GOOGLE_USERINFO = 'https://openidconnect.googleapis.com/v1/userinfo';
const GITHUB_API = 'https://api.github.com';
const DISCORD_API = 'https://discord.com/api';

const OPENID_SCOPES = ['openid', 'email', 'profile'];
const GITHUB_SCOPES = ['read:user', 'user:email'];
const DISCORD_SCOPES = ['identify', 'email'];

function requireVerifier(codeVerifier: string | null): string {
  if (!codeVerifier) throw new SignInProviderError('The PKCE code verifier is missing');
  return codeVerifier;
}

function google(credentials: OAuthClientConfig, redirectUri: string): SignInProvider {
  const client = new Google(credentials.clientId, credentials.clientSecret, redirectUri);
  return {
    id: 'google',
    usesPkce: true,
    authorizationUrl: async ({ state, codeVerifier }) =>
      client.createAuthorizationURL(state, codeVerifier, OPENID_SCOPES),
    async identify({ code, codeVerifier }) {
      const tokens = await client.validateAuthorizationCode(code, requireVerifier(codeVerifier));
      return openIdProfile(
        await getJson(GOOGLE_USERINFO, {
          what: 'Google userinfo',
          accessToken: tokens.accessToken(),
        }),
      );
    },
  };
}

function github(credentials: OAuthClientConfig, redirectUri: string): SignInProvider {
  const client = new GitHub(credentials.clientId, credentials.clientSecret, redirectUri);
  const api = (path: string, accessToken: string) =>
    getJson(`${GITHUB_API}${path}`, {
      what: `GitHub ${path}`,
      accessToken,
      headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    });
  return {
    id: 'github',
    usesPkce: false,
    authorizationUrl: async ({ state }) => client.createAuthorizationURL(state, GITHUB_SCOPES),
    async identify({ code }) {
      const accessToken = (await client.validateAuthorizationCode(code)).accessToken();
      const [user, emails] = await Promise.all([
        api('/user', accessToken),
        api('/user/emails', accessToken),
      ]);
      return githubProfile(user, emails);
    },
  };
}

function discord(credentials: OAuthClientConfig, redirectUri: string): SignInProvider {
  const client = new Discord(credentials.clientId, credentials.clientSecret, redirectUri);
  return {
    id: 'discord',
    usesPkce: true,
    authorizationUrl: async ({ state, codeVerifier }) =>
      client.createAuthorizationURL(state, codeVerifier, DISCORD_SCOPES),
    async identify({ code, codeVerifier }) {
      const tokens = await client.validateAuthorizationCode(code, requireVerifier(codeVerifier));
      return discordProfile(
        await getJson(`${DISCORD_API}/users/@me`, {
          what: 'Discord /users/@me',
          accessToken: tokens.accessToken(),
        }),
      );
    },
  };
}

/**
 * OpenID Connect Core §5.3.2: userinfo claims may be used only when their `sub` is the ID token's.
 * The ID token came straight from the token endpoint over the same connection as the code, so
 * its signature adds nothing here (§3.1.3.7).
 */
function assertSameSubject(tokens: OAuth2Tokens, profile: ProviderProfile): void {
  if (!('id_token' in tokens.data)) return;
  const claims = decodeIdToken(tokens.idToken()) as { sub?: unknown };
  if (claims.sub !== profile.subject) {
    throw new SignInProviderError('The userinfo subject differs from the ID token subject');
  }
}

function oidc(config: NonNullable<Config['oauth']['oidc']>, redirectUri: string): SignInProvider {
  const client = new OAuth2Client(config.clientId, config.clientSecret, redirectUri);
  const discovery = new OidcDiscovery(config.issuer);
  return {
    id: 'oidc',
    usesPkce: true,
    async authorizationUrl({ state, codeVerifier }) {
      const { authorizationEndpoint } = await discovery.endpoints();
      return client.createAuthorizationURLWithPKCE(
        authorizationEndpoint,
        state,
        CodeChallengeMethod.S256,
        codeVerifier,
        OPENID_SCOPES,
      );
    },
    async identify({ code, codeVerifier }) {
      const { tokenEndpoint, userinfoEndpoint } = await discovery.endpoints();
      const tokens = await client.validateAuthorizationCode(
        tokenEndpoint,
        code,
        requireVerifier(codeVerifier),
      );
      const profile = openIdProfile(
        await getJson(userinfoEndpoint, {
          what: 'The OpenID Connect userinfo endpoint',
          accessToken: tokens.accessToken(),
        }),
      );
      assertSameSubject(tokens, profile);
      return profile;
    },
  };
}

/** The providers enabled by configuration, by id; each redirects back to PUBLIC_URL. */
export function createSignInProviders(config: Pick<Config, 'oauth' | 'publicUrl'>) {
  const { oauth, publicUrl } = config;
  const redirectUri = (id: ProviderId) => new URL(`/auth/${id}/callback`, publicUrl).toString();
  const providers = new Map<string, SignInProvider>();
  if (oauth.google) providers.set('google', google(oauth.google, redirectUri('google')));
  if (oauth.github) providers.set('github', github(oauth.github, redirectUri('github')));
  if (oauth.discord) providers.set('discord', discord(oauth.discord, redirectUri('discord')));
  if (oauth.oidc) providers.set('oidc', oidc(oauth.oidc, redirectUri('oidc')));
  return providers;
}
