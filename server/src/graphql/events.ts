import { setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';
import { Client } from 'pg';
import type { PubSub } from 'type-graphql';
import type { Logger } from '../logger';

/**
 * Every live subscription listens on its topic's target: thousands of them are normal here, so
 * Node's "possible leak" warning (from 10 listeners up) would only be noise.
 */
function quietTarget(): EventTarget {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
}

/** The PostgreSQL channel every api process listens on. */
export const EVENTS_CHANNEL = 'aiofm_events';
// NOTIFY payloads are capped at 8000 bytes; events carry ids, never whole rows.
const MAX_PAYLOAD_BYTES = 7900;
const RECONNECT_MAX_MS = 10_000;

/** Publishes events to every process; subscribers receive them through `pubSub`. */
export interface EventBus {
  /** Announce an event to all api processes. Call after the transaction that caused it commits. */
  publish<T>(topic: string, payload: T): Promise<void>;
  /** The in-process side that type-graphql subscriptions read from. */
  readonly pubSub: PubSub;
}

interface Envelope {
  topic: string;
  payload: unknown;
}

/**
 * Bridges PostgreSQL LISTEN/NOTIFY into an in-process pubsub: `publish` sends NOTIFY, and one
 * listening connection per process re-publishes what arrives locally. Reconnects with backoff.
 */
export class PostgresEventBus implements EventBus {
  private readonly local = createPubSub<Record<string, [unknown]>>({ eventTarget: quietTarget() });
  private listener: Client | undefined;
  private stopped = false;
  private reconnectDelay = 250;
  private reconnectTimer: NodeJS.Timeout | undefined;

  readonly pubSub: PubSub = {
    publish: (topic: string, payload: unknown) => {
      void this.publish(topic, payload);
    },
    subscribe: (topic: string) => this.local.subscribe(topic),
  };

  constructor(
    private readonly databaseUrl: string,
    private readonly notify: (sql: string, params: unknown[]) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  async publish<T>(topic: string, payload: T): Promise<void> {
    const text = JSON.stringify({ topic, payload } satisfies Envelope);
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
      throw new Error(`Event on ${topic} is too large for NOTIFY; send ids, not rows`);
    }
    await this.notify('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, text]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'aiofm-events',
    });
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      this.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
      this.scheduleReconnect();
    };
    client.on('notification', (message) => this.deliver(message.payload));
    client.on('error', lost);
    client.on('end', () => lost());
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    if (this.stopped) {
      await client.end();
      return;
    }
    this.listener = client;
    this.reconnectDelay = 250;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().then(
        () => this.logger.info('event listener reconnected'),
        (error: unknown) => {
          this.logger.warn(
            { err: error, retryInMs: this.reconnectDelay },
            'event listener reconnect failed',
          );
          this.scheduleReconnect();
        },
      );
    }, delay);
  }

  private deliver(raw: string | undefined): void {
    if (!raw) return;
    try {
      const { topic, payload } = JSON.parse(raw) as Envelope;
      this.local.publish(topic, payload);
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored a malformed event');
    }
  }
}
