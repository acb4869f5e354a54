import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { OperationTypeNode } from 'graphql';
import { createCache } from './cache';
import { GRAPHQL_PATH, graphqlWsUrl } from './endpoints';
import { LiveConnectionStore } from './live-connection';
import { LiveSocket } from './live-socket';

export { KEEP_ALIVE_MS, PONG_TIMEOUT_MS } from './live-socket';

/**
 * Signs from the server that the session is not (or no longer) what the page believes:
 * - unauthenticated: an operation failed with UNAUTHENTICATED (signed out, revoked, expired);
 * - age-confirmation-required: the account must confirm being 18 or older first;
 * - socket-rejected: the server closed the live connection with 4401.
 */
export type SessionSignal =
  | { type: 'unauthenticated'; operationName: string | undefined }
  | { type: 'age-confirmation-required'; operationName: string | undefined }
  | { type: 'socket-rejected' };

export type SessionSignalListener = (signal: SessionSignal) => void;

/** Everything the app needs to talk to the server. */
export interface GraphQLTransport {
  apollo: ApolloClient;
  live: LiveConnectionStore;
  /** Opens a new live connection, so that it carries the current session cookie. */
  restartLive: () => void;
  /** Listens for session signals; returns the function that stops listening. */
  onSessionSignal: (listener: SessionSignalListener) => () => void;
  /** Closes the live connection and stops the client. */
  dispose: () => void;
}

/** The error codes in a GraphQL error response, or none for other failures. */
function errorCodes(error: unknown): string[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.flatMap((entry) => {
    const code = entry.extensions?.code;
    return typeof code === 'string' ? [code] : [];
  });
}

/**
 * Watches every response for session problems and reports them: UNAUTHENTICATED (the session
 * ended) and AGE_CONFIRMATION_REQUIRED. The operation's own error still reaches its caller.
 */
export function createSessionErrorLink(signal: (event: SessionSignal) => void): ApolloLink {
  return new ErrorLink(({ error, operation }) => {
    const codes = errorCodes(error);
    if (codes.includes('UNAUTHENTICATED')) {
      signal({ type: 'unauthenticated', operationName: operation.operationName });
    } else if (codes.includes('AGE_CONFIRMATION_REQUIRED')) {
      signal({ type: 'age-confirmation-required', operationName: operation.operationName });
    }
  });
}

/**
 * Builds the Apollo client with a split link: queries and mutations over HTTP (cookies included),
 * subscriptions over one graphql-ws WebSocket. The WebSocket opens at once so the live indicator
 * is truthful from the first render, retries forever with capped exponential backoff and jitter,
 * and pings the server so a silently dropped connection is noticed. After a reconnect, the
 * queries on screen are refetched: they may have missed changes.
 *
 * Every response is also watched for session problems (UNAUTHENTICATED, AGE_CONFIRMATION_REQUIRED,
 * a 4401 close of the WebSocket), which are passed to the session signal listeners.
 */
export function createGraphQLTransport(
  location: Pick<Location, 'protocol' | 'host'> = window.location,
): GraphQLTransport {
  const live = new LiveConnectionStore();
  const listeners = new Set<SessionSignalListener>();
  const signal = (event: SessionSignal) => {
    for (const listener of listeners) listener(event);
  };
  let apollo: ApolloClient | null = null;

  const socket = new LiveSocket({
    url: graphqlWsUrl(location),
    live,
    onReconnected: () => void apollo?.refetchQueries({ include: 'active' }),
    onSessionRejected: () => signal({ type: 'socket-rejected' }),
  });

  const httpLink = new HttpLink({ uri: GRAPHQL_PATH, credentials: 'include' });
  const link = ApolloLink.from([
    createSessionErrorLink(signal),
    ApolloLink.split(
      (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
      socket.apolloLink,
      httpLink,
    ),
  ]);

  apollo = new ApolloClient({ link, cache: createCache() });

  return {
    apollo,
    live,
    restartLive: () => socket.restart(),
    onSessionSignal: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      listeners.clear();
      socket.dispose();
      apollo?.stop();
    },
  };
}
