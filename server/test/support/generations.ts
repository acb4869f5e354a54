import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { BrowserClient } from './browser-client';

export const START = `mutation ($input: StartGenerationInput!) {
  startGeneration(input: $input) { id status costCredits seed width height count lastSeq }
}`;
export type Started = {
  startGeneration: {
    id: string;
    status: string;
    costCredits: number;
    seed: number;
    width: number;
    height: number;
    count: number;
    lastSeq: number;
  };
};

export const GENERATION = `query ($id: ID!) { generation(id: $id) {
  id status progress attempts costCredits error { code message } lastSeq
  outputs { id kind contentType width height sha256 url }
  previews { id url }
} }`;
export type GenerationView = {
  generation: {
    id: string;
    status: string;
    progress: number;
    attempts: number;
    costCredits: number;
    error: { code: string; message: string } | null;
    lastSeq: number;
    outputs: Array<{
      id: string;
      kind: string;
      contentType: string;
      width: number;
      height: number;
      sha256: string;
      url: string;
    }>;
    previews: Array<{ id: string; url: string }>;
  };
};

export const EVENTS = `subscription ($id: ID!, $after: Int) {
  generationEvents(generationId: $id, afterSeq: $after) { seq type status progress message asset { id } }
}`;
export interface EventView {
  seq: number;
  type: string;
  status: string;
  progress: number;
  message: string | null;
  asset: { id: string } | null;
}

export const FINAL = ['SUCCEEDED', 'FAILED', 'CANCELED', 'BLOCKED'];

/** An image request for the built-in generator; override what a test needs. */
export function imageInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'IMAGE',
    provider: 'local',
    model: 'local-image',
    prompt: 'a lighthouse at dusk',
    aspectRatio: '1:1',
    width: 128,
    height: 128,
    ...overrides,
  };
}

/**
 * Collects a generation's events from `afterSeq` until it ends (or `stopAfter` events), over the
 * graphql-ws client given.
 */
export function collectEvents(
  client: WsClient,
  generationId: string,
  options: {
    afterSeq?: number;
    stopAfter?: number;
    timeoutMs?: number;
    onEvent?: (event: EventView) => void;
  } = {},
): Promise<EventView[]> {
  const events: EventView[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `events of ${generationId} did not end in time: ${JSON.stringify(events.map((e) => e.type))}`,
          ),
        ),
      options.timeoutMs ?? 20_000,
    );
    const unsubscribe = client.subscribe<{ generationEvents: EventView }>(
      { query: EVENTS, variables: { id: generationId, after: options.afterSeq ?? 0 } },
      {
        next: (result) => {
          if (result.errors) {
            clearTimeout(timer);
            reject(Object.assign(new Error(result.errors[0]!.message), { errors: result.errors }));
            return;
          }
          const event = result.data!.generationEvents;
          events.push(event);
          options.onEvent?.(event);
          if (options.stopAfter && events.length >= options.stopAfter) {
            clearTimeout(timer);
            unsubscribe();
            resolve(events);
          }
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {
          clearTimeout(timer);
          resolve(events);
        },
      },
    );
  });
}

/** Waits until the generation has ended, reading it over HTTP. */
export async function waitForEnd(browser: BrowserClient, id: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { generation } = await browser.ok<GenerationView>(GENERATION, { id });
    if (FINAL.includes(generation.status)) return generation;
    if (Date.now() > deadline) throw new Error(`generation ${id} still ${generation.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A graphql-ws client that opens its socket with the browser's session cookie. */
export function liveClientOf(server: { url: string }, browser: BrowserClient): WsClient {
  class CookieSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie: browser.cookieHeader() } });
    }
  }
  return createClient({
    url: `${server.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: CookieSocket,
    retryAttempts: 0,
  });
}
