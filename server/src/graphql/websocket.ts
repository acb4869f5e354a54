import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, parse, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../logger';
import type { Identity } from '../modules/accounts/session.service';
import type { Credentials } from './authenticate';
import type { GraphQLContext } from './context';
import { AppError, formatGraphQLError, type createErrorFormatter } from './errors';

const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Close code sent when the session behind a live connection ends (sign-out, revoke, expiry). */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/**
 * A browser may only open the live connection from an allowed origin (or the server's own
 * host); clients without an Origin header (scripts, partners) authenticate by token instead.
 */
export function isAllowedOrigin(request: IncomingMessage, allowedOrigins: string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (allowedOrigins.includes(origin)) return true;
  const host = request.headers.host;
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}

/** The open live connections and who they belong to. */
export interface LiveConnections {
  /** Session ids with at least one open connection. */
  sessionIds(): string[];
  /** Closes every connection whose identity matches (e.g. its session ended). */
  closeWhere(match: (identity: Identity) => boolean, code: number, reason: string): number;
}

/** GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's `/graphql` path. */
export function attachWebSocket(params: {
  httpServer: Server;
  schema: GraphQLSchema;
  allowedOrigins: string[];
  logger: Logger;
  formatError: ReturnType<typeof createErrorFormatter>;
  authenticate: (credentials: Credentials) => Promise<Identity | null>;
  clientAddress: (request: IncomingMessage) => string | null;
}) {
  const { httpServer, schema, allowedOrigins, logger, formatError } = params;
  // Upgrades are handled here (not by ws itself) so the origin is checked before the handshake
  // and the HTTP server's own errors stay with the HTTP server.
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const refuse = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/graphql') {
      return refuse(socket, '404 Not Found');
    }
    if (!isAllowedOrigin(request, allowedOrigins)) {
      logger.warn({ origin: request.headers.origin }, 'refused a WebSocket from a foreign origin');
      return refuse(socket, '403 Forbidden');
    }
    wsServer.handleUpgrade(request, socket, head, (client) =>
      wsServer.emit('connection', client, request),
    );
  };
  httpServer.on('upgrade', onUpgrade);

  // Who each open socket belongs to, resolved once when the connection is set up.
  const identities = new Map<WebSocket, Identity | null>();

  const format = (errors: readonly GraphQLError[], fallbackCode: string) =>
    errors.map((error) =>
      formatGraphQLError(
        formatError,
        // graphql-js leaves request errors without a code; give them the ones HTTP uses.
        error.extensions.code || error.originalError ? error : withCode(error, fallbackCode),
      ),
    );

  // No cookie travels over an open socket: starting a session needs HTTP (resolvers check
  // `available` first); ending one needs no cookie change, the socket is closed anyway.
  const cookies = {
    available: false,
    set: () => {
      throw new AppError(
        'BAD_REQUEST',
        'Sign in and out over HTTP, where the session cookie can be set.',
      );
    },
    clear: () => undefined,
    get: () => undefined,
    expire: () => undefined,
  };

  const disposable = useServer<
    Record<string, unknown> | undefined,
    { socket: WebSocket; request: IncomingMessage }
  >(
    {
      schema,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const identity = await params.authenticate({
          cookie: ctx.extra.request.headers.cookie,
          authorization:
            typeof authorization === 'string'
              ? authorization
              : ctx.extra.request.headers.authorization,
        });
        identities.set(ctx.extra.socket, identity);
        return true;
      },
      onClose: (ctx) => {
        identities.delete(ctx.extra.socket);
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document);
        if (errors.length > 0)
          return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const requestId = randomUUID();
        const contextValue: GraphQLContext = {
          requestId,
          logger: logger.child({ reqId: requestId, transport: 'ws' }),
          identity: identities.get(ctx.extra.socket) ?? null,
          client: {
            ipAddress: params.clientAddress(ctx.extra.request),
            userAgent: ctx.extra.request.headers['user-agent'] ?? null,
          },
          cookies,
        };
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        };
      },
      onError: (_ctx, _id, _payload, errors) => format(errors, 'BAD_USER_INPUT'),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors, 'BAD_USER_INPUT') } : result,
    },
    wsServer,
  );

  const connections: LiveConnections = {
    sessionIds: () => [
      ...new Set(
        [...identities.values()].flatMap((identity) => (identity ? [identity.session.id] : [])),
      ),
    ],
    closeWhere: (match, code, reason) => {
      let closed = 0;
      for (const [socket, identity] of identities) {
        if (identity && match(identity)) {
          socket.close(code, reason);
          identities.delete(socket);
          closed++;
        }
      }
      return closed;
    },
  };

  return {
    connections,
    /** Closes every live connection (code 1001, "going away") so clients reconnect elsewhere. */
    async close(): Promise<void> {
      httpServer.off('upgrade', onUpgrade);
      await disposable.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
