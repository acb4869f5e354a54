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
import { LiveConnectionStore } from '../app/live-connection';
import { TransportProvider } from '../app/transport-context';
import { SessionProvider } from '../features/account/session';
import type { ViewerFragment } from '../gql/graphql';
import { ToastProvider } from '../ui';

/** One operation as the fake server received it. */
export interface ReceivedOperation {
  operationName: string;
  variables: Record<string, unknown>;
}

export type FakeServer = (
  operation: ReceivedOperation,
) => FormattedExecutionResult | Promise<FormattedExecutionResult>;

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
        Promise.resolve()
          .then(() => server(request))
          .then(
            (result) => {
              observer.next(result);
              observer.complete();
            },
            (error: unknown) => observer.error(error),
          );
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
 * Renders `routes` under the app's providers (data, session, toasts) in a memory router that
 * starts at `initialEntry`; returns the router to inspect where navigation led.
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
        <ToastProvider>
          <RouterProvider router={router} />
        </ToastProvider>
      </ApolloProvider>
    </TransportProvider>
  );
  return { router, ui };
}
