import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import { reconnectDelay, sleep } from './backoff';
import { GRAPHQL_PATH, graphqlWsUrl } from './endpoints';
import { LiveConnectionStore } from './live-connection';

/** How often the client pings the server to keep the live connection (and proxies) awake. */
export const KEEP_ALIVE_MS = 12_000;

/** A ping unanswered for this long means the connection is dead (sleep, network change). */
export const PONG_TIMEOUT_MS = 6_000;

/** Close code the client uses when it gives up on a silent connection; the client then reconnects. */
const KEEP_ALIVE_TIMEOUT_CLOSE_CODE = 4408;

/** Everything the app needs to talk to the server. */
export interface GraphQLTransport {
  apollo: ApolloClient;
  ws: Client;
  live: LiveConnectionStore;
  /** Closes the live connection and stops the client. */
  dispose: () => void;
}

/**
 * Builds the Apollo client with a split link: queries and mutations over HTTP (cookies included),
 * subscriptions over one graphql-ws WebSocket. The WebSocket opens at once (`lazy: false`) so the
 * live indicator is truthful from the first render, retries forever with capped exponential
 * backoff and jitter, and pings the server so a silently dropped connection is noticed.
 * After a reconnect, the queries on screen are refetched: they may have missed changes.
 */
export function createGraphQLTransport(
  location: Pick<Location, 'protocol' | 'host'> = window.location,
): GraphQLTransport {
  const live = new LiveConnectionStore();
  let activeSocket: WebSocket | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let apollo: ApolloClient | null = null;

  const ws = createClient({
    url: graphqlWsUrl(location),
    lazy: false,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => sleep(reconnectDelay(retries)),
    keepAlive: KEEP_ALIVE_MS,
    onNonLazyError: (error) => {
      // Only a fatal close (e.g. a server-side error during connection setup) ends the eager
      // connection; subscriptions reconnect it when they restart. Keep a trace for operators.
      console.warn('aiofm: live connection closed by the server', error);
    },
    on: {
      connecting: () => live.handle('connecting'),
      connected: (socket, _payload, wasRetry) => {
        activeSocket = socket as WebSocket;
        live.handle('connected');
        if (wasRetry) void apollo?.refetchQueries({ include: 'active' });
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          if (activeSocket?.readyState === WebSocket.OPEN) {
            activeSocket.close(KEEP_ALIVE_TIMEOUT_CLOSE_CODE, 'Keep-alive timeout');
          }
        }, PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: () => {
        activeSocket = null;
        clearTimeout(pongTimer);
        live.handle('closed');
      },
    },
  });

  const httpLink = new HttpLink({ uri: GRAPHQL_PATH, credentials: 'include' });
  const wsLink = new GraphQLWsLink(ws);
  const link = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    wsLink,
    httpLink,
  );

  apollo = new ApolloClient({ link, cache: new InMemoryCache() });

  return {
    apollo,
    ws,
    live,
    dispose: () => {
      clearTimeout(pongTimer);
      void ws.dispose();
      apollo?.stop();
    },
  };
}
