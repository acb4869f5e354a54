import { createServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { GraphQLContext } from '../graphql/context';
import { createErrorFormatter } from '../graphql/errors';
import { legacyJsonStatusPlugin } from '../graphql/http-status';
import type { Credentials } from '../graphql/authenticate';
import { attachWebSocket, type LiveConnections } from '../graphql/websocket';
import type { ValidatedSession } from '../modules/accounts/session.service';
import {
  clearedSessionCookie,
  readSessionCookie,
  sessionCookie,
} from '../modules/accounts/session-cookie';
import { readCookie, serializeCookie } from './cookies';
import { healthRoutes } from './health';
import { requestContext } from './request-context';
import { securityHeaders } from './security-headers';
import { staticClient } from './static-client';

const MAX_BODY = '1mb';

export interface HttpApi {
  server: Server;
  /** The open WebSocket connections, to close those whose session ended. */
  connections: LiveConnections;
  /** Stops taking requests, lets in-flight ones finish, closes live connections. */
  close(): Promise<void>;
}

/** The api process's HTTP server: GraphQL over HTTP and WebSocket, health, the client. */
export async function createHttpApi(params: {
  config: Config;
  logger: Logger;
  schema: GraphQLSchema;
  isReady: () => Promise<{ ready: boolean; checks: Record<string, boolean> }>;
  authenticate: (credentials: Credentials) => Promise<ValidatedSession | null>;
  /** Extra routes mounted before the client (e.g. the OAuth redirects). */
  routes?: Router[];
}): Promise<HttpApi> {
  const { config, logger, schema } = params;
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy, the client's address comes from X-Forwarded-For.
  app.set('trust proxy', config.trustProxy);
  const secureCookies = config.publicUrl.protocol === 'https:';
  const server = createServer(app);
  const formatError = createErrorFormatter({
    logger,
    exposeStack: config.nodeEnv === 'development',
  });

  const ws = attachWebSocket({
    httpServer: server,
    schema,
    allowedOrigins: config.allowedOrigins,
    logger,
    formatError,
    authenticate: params.authenticate,
    clientAddress: (request) =>
      (config.trustProxy
        ? String(request.headers['x-forwarded-for'] ?? '')
            .split(',')[0]
            ?.trim()
        : undefined) ||
      request.socket.remoteAddress ||
      null,
  });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({
        httpServer: server,
        stopGracePeriodMillis: config.shutdownTimeoutMs,
      }),
      ApolloServerPluginLandingPageDisabled(),
      legacyJsonStatusPlugin,
      { serverWillStart: async () => ({ drainServer: () => ws.close() }) },
    ],
    logger: logger.child({ component: 'apollo' }),
  });
  await apollo.start();

  app.use(requestContext(logger));
  app.use(securityHeaders(config));
  // Stored files are sent as they are: their ETags and byte ranges refer to the stored bytes.
  app.use(
    compression({
      filter: (req, res) => !req.path.startsWith('/files/') && compression.filter(req, res),
    }),
  );
  app.use(healthRoutes(params.isReady));

  // A browser opening the endpoint itself is sent to the playground.
  app.get('/graphql', (req, res, next) => {
    if (req.accepts(['json', 'html']) === 'html' && !req.query.query)
      return res.redirect(302, '/graphiql');
    next();
  });
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const validated = await params.authenticate({
          cookie: req.headers.cookie,
          authorization: req.headers.authorization,
        });
        const cookies = {
          available: true,
          set: (token: string, expiresAt: Date) =>
            res.append('Set-Cookie', sessionCookie(token, expiresAt, secureCookies)),
          clear: () => res.append('Set-Cookie', clearedSessionCookie(secureCookies)),
          get: (name: string) => readCookie(req.headers.cookie, name),
          expire: (name: string) =>
            res.append(
              'Set-Cookie',
              serializeCookie(name, '', { maxAge: 0, secure: secureCookies }),
            ),
        };
        // A renewed browser session gets its cookie again with the later expiry.
        const cookieToken = readSessionCookie(req.headers.cookie);
        if (validated?.renewed && cookieToken && !req.headers.authorization) {
          cookies.set(cookieToken, validated.session.expiresAt);
        }
        return {
          requestId: req.id,
          logger: req.log,
          identity: validated ? { user: validated.user, session: validated.session } : null,
          client: { ipAddress: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
          cookies,
        };
      },
    }),
  );

  for (const router of params.routes ?? []) app.use(router);
  app.use(staticClient(config.clientDir));
  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  app.use(httpErrorHandler);

  return {
    server,
    connections: ws.connections,
    close: () => apollo.stop(),
  };
}

/** Turns body-parser and static-file errors into plain answers; nothing else reaches here. */
function httpErrorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  const status = (error as { status?: number }).status ?? 500;
  const type = (error as { type?: string }).type;
  const message =
    type === 'entity.too.large'
      ? `The request body is larger than ${MAX_BODY}.`
      : type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : status === 404
          ? 'Not found'
          : 'The request could not be processed.';
  if (status >= 500) req.log?.error({ err: error }, 'request failed');
  if (req.path.startsWith('/graphql')) {
    res.status(status).json({
      errors: [
        {
          message,
          extensions: { code: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' },
        },
      ],
    });
    return;
  }
  res.status(status).json({ error: message });
}
