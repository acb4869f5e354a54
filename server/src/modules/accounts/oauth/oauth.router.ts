import { timingSafeEqual } from 'node:crypto';
import { generateCodeVerifier, generateState } from 'arctic';
import express, { type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../../../config';
import type { Credentials } from '../../../graphql/authenticate';
import type { Logger } from '../../../logger';
import type { RateLimiter, RateLimitRule } from '../../security/rate-limiter';
import { SecurityError } from '../../security/security.errors';
import type { AccountService } from '../account.service';
import { pendingSignInCookie, readSessionCookie, sessionCookie } from '../session-cookie';
import type { SessionService, ValidatedSession } from '../session.service';
import { clearedFlowCookie, clearedFlowCookies, flowCookie, readFlowCookie } from './oauth-cookies';
import { describeFailure } from './oauth.errors';
import { createSignInProviders, type SignInProvider } from './providers';
import { SocialSignInService, type SocialSignInOutcome } from './social-sign-in.service';

/** Provider callbacks per IP: as many as password sign-ins allow. */
export const CALLBACK_RATE_LIMIT: RateLimitRule = {
  action: 'oauth-callback-ip',
  limit: 30,
  windowSeconds: 15 * 60,
};

/** Compares secrets in constant time, so a wrong state reveals nothing through timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a callback cannot be trusted, or null when its state and verifier check out. */
function callbackProblem(params: {
  code: unknown;
  state: unknown;
  expectedState: string | undefined;
  needsVerifier: boolean;
  codeVerifier: string | null;
}): string | null {
  if (typeof params.code !== 'string' || typeof params.state !== 'string') {
    return 'no code or state in the callback';
  }
  // The flow expired, or began in another browser.
  if (!params.expectedState) return 'no state cookie';
  if (!sameSecret(params.state, params.expectedState)) return 'state mismatch';
  if (params.needsVerifier && !params.codeVerifier) return 'no PKCE verifier cookie';
  return null;
}

const signInError = (code: string) => `/sign-in?error=${encodeURIComponent(code)}`;

/**
 * The browser side of social sign-in: `GET /auth/:provider` sends the browser to the provider
 * with a state and PKCE verifier kept in short-lived cookies; `GET /auth/:provider/callback`
 * checks them, learns who signed in, and signs in, links or creates the account.
 */
export function createOAuthRouter(params: {
  config: Pick<Config, 'oauth' | 'publicUrl'>;
  dataSource: DataSource;
  accounts: AccountService;
  sessions: SessionService;
  limiter: RateLimiter;
  authenticate: (credentials: Credentials) => Promise<ValidatedSession | null>;
  logger: Logger;
}): Router {
  const { config, sessions, limiter } = params;
  const providers = createSignInProviders(config);
  const service = new SocialSignInService(params.dataSource, params.accounts, params.logger);
  const secure = config.publicUrl.protocol === 'https:';
  const router = express.Router();

  // Only the browser's cookie counts: these are top-level navigations, never script calls.
  const currentSession = (req: Request) => params.authenticate({ cookie: req.headers.cookie });

  const providerOf = (req: Request, res: Response): SignInProvider | undefined => {
    const provider = providers.get(String(req.params.provider));
    if (!provider) res.status(404).json({ error: 'Not found' });
    // Redirects that carry codes and one-time cookies must never be cached.
    else res.setHeader('Cache-Control', 'no-store');
    return provider;
  };

  router.get('/auth/:provider', async (req, res) => {
    const provider = providerOf(req, res);
    if (!provider) return;
    try {
      const state = generateState();
      const codeVerifier = generateCodeVerifier();
      const url = await provider.authorizationUrl({ state, codeVerifier });
      const linking = req.query.link === '1' && (await currentSession(req)) !== null;
      res.append('Set-Cookie', [
        flowCookie('state', state, secure),
        provider.usesPkce
          ? flowCookie('verifier', codeVerifier, secure)
          : clearedFlowCookie('verifier', secure),
        // Cleared otherwise, so an abandoned link flow cannot turn a later sign-in into a link.
        linking ? flowCookie('intent', 'link', secure) : clearedFlowCookie('intent', secure),
      ]);
      res.redirect(302, url.toString());
    } catch (error) {
      req.log.warn(
        { provider: provider.id, failure: describeFailure(error) },
        'could not start social sign-in',
      );
      res.append('Set-Cookie', clearedFlowCookies(secure));
      res.redirect(302, signInError('oauth_failed'));
    }
  });

  router.get('/auth/:provider/callback', async (req, res) => {
    const provider = providerOf(req, res);
    if (!provider) return;
    res.append('Set-Cookie', clearedFlowCookies(secure));
    const client = { ipAddress: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
    try {
      await limiter.consume(CALLBACK_RATE_LIMIT, [client.ipAddress]);

      const { code, state, error } = req.query;
      if (typeof error === 'string') {
        // The person declined, or the provider refused the request: nothing to warn about.
        req.log.info(
          { provider: provider.id, error: error.slice(0, 64) },
          'provider returned an error',
        );
        return res.redirect(302, signInError('oauth_failed'));
      }
      const codeVerifier = provider.usesPkce
        ? (readFlowCookie(req.headers.cookie, 'verifier') ?? null)
        : null;
      const problem = callbackProblem({
        code,
        state,
        expectedState: readFlowCookie(req.headers.cookie, 'state'),
        needsVerifier: provider.usesPkce,
        codeVerifier,
      });
      if (problem !== null || typeof code !== 'string') {
        req.log.warn({ provider: provider.id, reason: problem }, 'social sign-in callback refused');
        return res.redirect(302, signInError('oauth_failed'));
      }

      const profile = await provider.identify({ code, codeVerifier });
      const current = await currentSession(req);
      const linking = readFlowCookie(req.headers.cookie, 'intent') === 'link' && current !== null;
      const outcome = await service.complete({
        provider: provider.id,
        profile,
        linkToUserId: linking ? current.user.id : null,
        client,
      });
      await finish(req, res, provider, outcome, current);
    } catch (error) {
      if (error instanceof SecurityError && error.code === 'RATE_LIMITED') {
        return res.redirect(302, signInError('rate_limited'));
      }
      req.log.warn(
        { provider: provider.id, failure: describeFailure(error) },
        'social sign-in failed',
      );
      res.redirect(302, signInError('oauth_failed'));
    }
  });

  async function finish(
    req: Request,
    res: Response,
    provider: SignInProvider,
    outcome: SocialSignInOutcome,
    current: ValidatedSession | null,
  ): Promise<void> {
    switch (outcome.kind) {
      case 'refused': {
        const page = outcome.page === 'settings' ? '/settings/security' : '/sign-in';
        return res.redirect(302, `${page}?error=${outcome.code}`);
      }
      case 'linked': {
        // The session slid forward while being checked: the browser needs the later expiry too.
        if (current?.renewed) {
          const token = readSessionCookie(req.headers.cookie);
          if (token) {
            res.append('Set-Cookie', sessionCookie(token, current.session.expiresAt, secure));
          }
        }
        return res.redirect(302, `/settings/security?linked=${provider.id}`);
      }
      case 'second-factor': {
        // Only the code page can finish this sign-in; the cookie names the waiting attempt.
        res.append('Set-Cookie', pendingSignInCookie(outcome.pendingToken, secure));
        return res.redirect(302, `/sign-in/verify?provider=${provider.id}`);
      }
      case 'signed-in': {
        const { token, session, user } = outcome.started;
        res.append('Set-Cookie', sessionCookie(token, session.expiresAt, secure));
        // The new cookie replaces the old one, so nothing could use that session again.
        if (current) {
          await sessions
            .revoke({ userId: current.user.id, sessionId: current.session.id })
            .catch((error: unknown) =>
              req.log.warn(
                { failure: describeFailure(error) },
                'could not end the replaced session',
              ),
            );
        }
        return res.redirect(302, user.ageConfirmedAt ? '/' : '/welcome/age');
      }
    }
  }

  return router;
}
