import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, parse, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../logger';
import type { GraphQLContext } from './context';
import { formatGraphQLError, type createErrorFormatter } from './errors';

const MAX_MESSAGE_BYTES = 1024 * 1024;

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

/** GraphQL over WebSocket (graphql-ws protocol) on the HTTP server's `/graphql` path. */
export function attachWebSocket(params: {
  httpServer: Server;
  schema: GraphQLSchema;
  allowedOrigins: string[];
  logger: Logger;
  formatError: ReturnType<typeof createErrorFormatter>;
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

  const format = (errors: readonly GraphQLError[], fallbackCode: string) =>
    errors.map((error) =>
      formatGraphQLError(
        formatError,
        // graphql-js leaves request errors without a code; give them the ones HTTP uses.
        error.extensions.code || error.originalError ? error : withCode(error, fallbackCode),
      ),
    );

  const contextFor = (_ctx: unknown): GraphQLContext => {
    const requestId = randomUUID();
    return { requestId, logger: logger.child({ reqId: requestId, transport: 'ws' }) };
  };

  const disposable = useServer<Record<string, unknown>, { context?: GraphQLContext }>(
    {
      schema,
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
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: contextFor(ctx),
        };
      },
      onError: (_ctx, _id, _payload, errors) => format(errors, 'BAD_USER_INPUT'),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors, 'BAD_USER_INPUT') } : result,
    },
    wsServer,
  );

  return {
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
