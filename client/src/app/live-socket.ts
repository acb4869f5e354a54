import { ApolloLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { CloseCode, createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import { Observable } from 'rxjs';
import type { Subscription } from 'rxjs';
import { reconnectDelay, sleep } from './backoff';
import type { LiveConnectionStore } from './live-connection';

/** How often the client pings the server to keep the live connection (and proxies) awake. */
export const KEEP_ALIVE_MS = 12_000;

/** A ping unanswered for this long means the connection is dead (sleep, network change). */
export const PONG_TIMEOUT_MS = 6_000;

/** Close code the client uses when it gives up on a silent connection; the client then reconnects. */
const KEEP_ALIVE_TIMEOUT_CLOSE_CODE = 4408;

/** Close code the server uses when the session behind the connection was revoked or expired. */
export const SESSION_REJECTED_CLOSE_CODE: number = CloseCode.Unauthorized;

export interface LiveSocketOptions {
  url: string;
  live: LiveConnectionStore;
  /** Called after the connection came back from a loss: queries on screen may have missed changes. */
  onReconnected: () => void;
  /** Called when the server closed the connection because the session is no longer valid. */
  onSessionRejected: () => void;
}

type Attach = (link: GraphQLWsLink) => void;

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && 'code' in value;
}

/**
 * The live (graphql-ws) connection behind subscriptions, which can be restarted.
 *
 * The browser sends the session cookie only when a WebSocket opens, so after signing in or out
 * the connection has to be replaced to carry the new identity; the server also closes it with
 * 4401 when the session is revoked or expires. `restart()` swaps in a new client, and every
 * active subscription moves over to it without its subscriber noticing. Events of a replaced
 * client are ignored, so the live indicator only follows the current one.
 */
export class LiveSocket {
  private client: Client;
  private link: GraphQLWsLink;
  private generation = 0;
  /** Consecutive 4401 closes; each restart after one waits a little longer. */
  private rejections = 0;
  private disposed = false;
  private readonly attached = new Set<Attach>();

  constructor(private readonly options: LiveSocketOptions) {
    this.client = this.createClient(this.generation, 0);
    this.link = new GraphQLWsLink(this.client);
  }

  /** The terminating Apollo link for subscriptions; follows the connection across restarts. */
  readonly apolloLink = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        let inner: Subscription | undefined;
        const attach: Attach = (link) => {
          inner?.unsubscribe();
          inner = link.request(operation).subscribe({
            next: (value) => observer.next(value),
            error: (error: unknown) => observer.error(error),
            complete: () => observer.complete(),
          });
        };
        this.attached.add(attach);
        attach(this.link);
        return () => {
          this.attached.delete(attach);
          inner?.unsubscribe();
        };
      }),
  );

  /** Replaces the connection with a new one (after signing in or out). */
  restart(): void {
    this.rejections = 0;
    this.replace(0);
  }

  /** Closes the connection for good. */
  dispose(): void {
    this.disposed = true;
    this.generation += 1;
    void Promise.resolve(this.client.dispose()).catch(() => undefined);
  }

  private replace(startDelayMs: number): void {
    if (this.disposed) return;
    const previous = this.client;
    this.generation += 1;
    this.client = this.createClient(this.generation, startDelayMs);
    this.link = new GraphQLWsLink(this.client);
    for (const attach of this.attached) attach(this.link);
    // A client that is still waiting to reconnect rejects its pending connection when disposed.
    void Promise.resolve(previous.dispose()).catch(() => undefined);
  }

  private createClient(generation: number, startDelayMs: number): Client {
    const { live } = this.options;
    const isCurrent = () => generation === this.generation;
    const baseUrl = this.options.url;
    let activeSocket: WebSocket | null = null;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    let waitBeforeConnecting = startDelayMs > 0;

    return createClient({
      // A connection replacing one the server rejected waits first, so a server that keeps
      // refusing is not asked again in a tight loop.
      url:
        startDelayMs > 0
          ? async () => {
              if (waitBeforeConnecting) {
                waitBeforeConnecting = false;
                await sleep(startDelayMs);
              }
              return baseUrl;
            }
          : baseUrl,
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => sleep(reconnectDelay(retries)),
      keepAlive: KEEP_ALIVE_MS,
      onNonLazyError: (error) => {
        // Only a fatal close ends the eager connection. A rejected session is handled by
        // replacing the client; anything else is worth a trace for operators.
        if (!isCurrent() || (isCloseEvent(error) && error.code === SESSION_REJECTED_CLOSE_CODE)) {
          return;
        }
        console.warn('aiofm: live connection closed by the server', error);
      },
      on: {
        connecting: () => {
          if (isCurrent()) live.handle('connecting');
        },
        connected: (socket, _payload, wasRetry) => {
          activeSocket = socket as WebSocket;
          if (!isCurrent()) return;
          this.rejections = 0;
          live.handle('connected');
          if (wasRetry) this.options.onReconnected();
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
        closed: (event) => {
          activeSocket = null;
          clearTimeout(pongTimer);
          if (!isCurrent()) return;
          live.handle('closed');
          if (isCloseEvent(event) && event.code === SESSION_REJECTED_CLOSE_CODE) {
            // graphql-ws treats 4401 as final: this client will not reconnect by itself.
            this.rejections += 1;
            this.options.onSessionRejected();
            this.replace(reconnectDelay(this.rejections - 1));
          }
        },
      },
    });
  }
}
