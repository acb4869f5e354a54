import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { createAuthenticator } from '../../graphql/authenticate';
import type { EventBus } from '../../graphql/events';
import { SESSION_ENDED_CLOSE_CODE, type LiveConnections } from '../../graphql/websocket';
import type { Logger } from '../../logger';
import type { TaskList } from '../../queue/queue';
import { createSecretBox } from '../security/encryption';
import { RateLimiter } from '../security/rate-limiter';
import { AccountResolver, LinkedAccountResolver } from './account.resolver';
import { AccountService } from './account.service';
import type { AuthProvider } from './accounts.types';
import { LinkedAccountService, PROVIDER_NAMES } from './linked-accounts.service';
import { MfaResolver } from './mfa.resolver';
import { MfaService } from './mfa.service';
import { SessionResolver } from './session.resolver';
import {
  SESSIONS_REVOKED_TOPIC,
  SessionService,
  type SessionsRevokedEvent,
} from './session.service';

// Expired sessions are refused on every request; this sweep closes their idle live connections.
const LIVE_SESSION_SWEEP_MS = 60_000;
export const PRUNE_TASK = 'accounts.prune';

/** Sign-in providers enabled by configuration, in the order they are offered. */
export function enabledProviders(config: Config): AuthProvider[] {
  const { oauth } = config;
  return (['google', 'github', 'discord', 'oidc'] as const)
    .filter((id) => oauth[id])
    .map((id) => ({
      id,
      name: id === 'oidc' ? oauth.oidc!.name : PROVIDER_NAMES[id]!,
      startUrl: `/auth/${id}`,
    }));
}

/** The accounts domain, wired: services, resolvers, worker tasks and the live-connection guard. */
export function createAccountsModule(params: {
  config: Config;
  dataSource: DataSource;
  events: EventBus;
  logger: Logger;
}) {
  const { config, dataSource, events, logger } = params;
  const limiter = new RateLimiter(dataSource);
  const sessions = new SessionService(dataSource, events);
  const mfa = new MfaService(
    dataSource,
    createSecretBox(config.appSecret, 'totp'),
    limiter,
    config.publicUrl,
  );
  const accounts = new AccountService(dataSource, sessions, mfa, limiter, config.publicUrl, logger);
  const linkedAccounts = new LinkedAccountService(dataSource, config.oauth.oidc?.name);
  const providers = enabledProviders(config);

  const tasks: TaskList = {
    [PRUNE_TASK]: async () => {
      const removed = {
        sessions: await sessions.pruneExpired(),
        rateLimits: await limiter.prune(),
        tokens: (
          (await dataSource.query(
            `DELETE FROM account_tokens WHERE expires_at < now() - interval '7 days'`,
          )) as [unknown, number]
        )[1],
      };
      logger.info(removed, 'pruned expired account records');
    },
  };

  return {
    services: { accounts, sessions, mfa, linkedAccounts, limiter },
    resolvers: [
      new AccountResolver(accounts, sessions, linkedAccounts, () => providers),
      new LinkedAccountResolver(linkedAccounts),
      new SessionResolver(sessions),
      new MfaResolver(mfa, accounts),
    ],
    authenticate: createAuthenticator(sessions, config.adminEmails),
    tasks,
    cron: [{ task: PRUNE_TASK, match: '17 * * * *' }],

    /**
     * Closes the live connections of sessions that end: at once when one is revoked (sign-out,
     * password change, "sign out other sessions"), and within a minute when one expires.
     */
    guardLiveConnections(
      connections: LiveConnections,
      sweepMs = LIVE_SESSION_SWEEP_MS,
    ): () => Promise<void> {
      const revoked = events.pubSub.subscribe(SESSIONS_REVOKED_TOPIC)[Symbol.asyncIterator]();
      void (async () => {
        for (;;) {
          const next = await revoked.next();
          if (next.done) return;
          const event = next.value as SessionsRevokedEvent;
          connections.closeWhere(
            ({ user, session }) =>
              user.id === event.userId &&
              (event.sessionIds
                ? event.sessionIds.includes(session.id)
                : session.id !== event.allExcept),
            SESSION_ENDED_CLOSE_CODE,
            'Session ended',
          );
        }
      })();
      const sweep = setInterval(() => {
        const open = connections.sessionIds();
        sessions.stillValid(open).then(
          (valid) =>
            connections.closeWhere(
              ({ session }) => !valid.has(session.id),
              SESSION_ENDED_CLOSE_CODE,
              'Session ended',
            ),
          (error: unknown) => logger.warn({ err: error }, 'could not check live sessions'),
        );
      }, sweepMs);
      sweep.unref();
      return async () => {
        clearInterval(sweep);
        await revoked.return?.();
      };
    },
  };
}
