import type { ReactNode } from 'react';
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import type { FormattedExecutionResult } from 'graphql';
import { createMemoryRouter, Outlet } from 'react-router';
import type { RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { Observable } from 'rxjs';
import { createSessionErrorLink } from '../app/apollo';
import { createCache } from '../app/cache';
import type { GraphQLTransport, SessionSignal, SessionSignalListener } from '../app/apollo';
import { LiveConnectionProvider, LiveConnectionStore } from '../app/live-connection';
import { TransportProvider } from '../app/transport-context';
import { SessionProvider } from '../features/account/session';
import type { ViewerFragment } from '../gql/graphql';
import { ToastProvider } from '../ui';

/** One operation as the fake server received it. */
export interface ReceivedOperation {
  operationName: string;
  variables: Record<string, unknown>;
}

type Sink = {
  next: (result: FormattedExecutionResult) => void;
  complete: () => void;
  error: (error: unknown) => void;
};

/**
 * A subscription that stays open: the fake server returns it for a subscription operation, and
 * the test pushes results into every subscriber attached to it, then ends it.
 */
export class LiveStream {
  private readonly sinks = new Set<Sink>();

  /** Subscribers attached right now (a resubscription detaches the old one first). */
  get subscribers(): number {
    return this.sinks.size;
  }

  push(result: FormattedExecutionResult): void {
    for (const sink of [...this.sinks]) sink.next(result);
  }

  /** Ends every attached subscription, as the server does after a generation's last event. */
  complete(): void {
    const sinks = [...this.sinks];
    this.sinks.clear();
    for (const sink of sinks) sink.complete();
  }

  /** Fails every attached subscription. */
  fail(result: FormattedExecutionResult): void {
    const sinks = [...this.sinks];
    this.sinks.clear();
    for (const sink of sinks) {
      sink.next(result);
      sink.complete();
    }
  }

  /** @internal Attaches one subscriber; returns how to detach it. */
  attach(sink: Sink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }
}

export type FakeServer = (
  operation: ReceivedOperation,
) => FormattedExecutionResult | LiveStream | Promise<FormattedExecutionResult | LiveStream>;

/** An error response the way the aiofm server words one. */
export function errorResult(
  code: string,
  message = 'Refused.',
  extensions: Record<string, unknown> = {},
): FormattedExecutionResult {
  return { data: null, errors: [{ message, extensions: { code, ...extensions } }] };
}

/** A signed-in user as `me` returns it, with typenames as the cache stores them. */
export function testViewer(overrides: Partial<ViewerFragment> = {}): ViewerFragment & {
  __typename: 'User';
} {
  return {
    __typename: 'User',
    id: 'user-1',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    emailVerified: true,
    avatarUrl: null,
    mfaEnabled: false,
    role: 'USER',
    createdAt: '2025-01-01T00:00:00.000Z',
    ageConfirmedAt: '2025-01-01T00:00:00.000Z',
    pendingEmail: null,
    hasPassword: true,
    linkedAccounts: [],
    ...overrides,
  };
}

/** The transport of the app with a fake server behind the same session-error watching. */
export interface TestTransport extends GraphQLTransport {
  received: ReceivedOperation[];
  restartLive: jest.Mock;
  emit: (signal: SessionSignal) => void;
}

export function createTestTransport(server: FakeServer): TestTransport {
  const listeners = new Set<SessionSignalListener>();
  const received: ReceivedOperation[] = [];
  const emit = (signal: SessionSignal) => {
    for (const listener of listeners) listener(signal);
  };
  const terminating = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        const request = {
          operationName: operation.operationName ?? '',
          variables: operation.variables as Record<string, unknown>,
        };
        received.push(request);
        let detach: (() => void) | undefined;
        let closed = false;
        Promise.resolve()
          .then(() => server(request))
          .then(
            (result) => {
              if (closed) return;
              if (result instanceof LiveStream) {
                detach = result.attach({
                  next: (value) => observer.next(value),
                  complete: () => observer.complete(),
                  error: (error) => observer.error(error),
                });
                return;
              }
              observer.next(result);
              observer.complete();
            },
            (error: unknown) => observer.error(error),
          );
        return () => {
          closed = true;
          detach?.();
        };
      }),
  );
  const apollo = new ApolloClient({
    link: ApolloLink.from([createSessionErrorLink(emit), terminating]),
    cache: createCache(),
  });
  return {
    apollo,
    live: new LiveConnectionStore(),
    received,
    restartLive: jest.fn(),
    onSessionSignal: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    dispose: () => apollo.stop(),
  };
}

/**
 * Renders `routes` under the app's providers (data, live connection, session, toasts) in a
 * memory router that starts at `initialEntry`; returns the router to inspect where navigation
 * led. `transport.live.handle('closed')` then `('connected')` plays a lost and regained
 * connection.
 */
export function renderApp(
  transport: TestTransport,
  routes: RouteObject[],
  initialEntry: string | { pathname: string; search?: string; state?: unknown },
  extra?: ReactNode,
) {
  const router = createMemoryRouter(
    [
      {
        element: (
          <SessionProvider>
            {extra}
            <Outlet />
          </SessionProvider>
        ),
        children: routes,
      },
    ],
    { initialEntries: [initialEntry] },
  );
  const ui = (
    <TransportProvider transport={transport}>
      <ApolloProvider client={transport.apollo}>
        <LiveConnectionProvider store={transport.live}>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </LiveConnectionProvider>
      </ApolloProvider>
    </TransportProvider>
  );
  return { router, ui };
}
