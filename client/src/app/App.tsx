import { useState } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { NoticeToasts } from '../features/notices/NoticeToasts';
import { ToastProvider } from '../ui';
import type { GraphQLTransport } from './apollo';
import { LiveConnectionProvider } from './live-connection';
import { routes } from './routes';
import { ThemeProvider } from './theme';
import { TransportProvider } from './transport-context';

/** The app's providers around the router: data, live connection, theme, toasts. */
export function App({ transport }: { transport: GraphQLTransport }) {
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <TransportProvider transport={transport}>
      <ApolloProvider client={transport.apollo}>
        <LiveConnectionProvider store={transport.live}>
          <ThemeProvider>
            <ToastProvider>
              <NoticeToasts />
              <RouterProvider router={router} />
            </ToastProvider>
          </ThemeProvider>
        </LiveConnectionProvider>
      </ApolloProvider>
    </TransportProvider>
  );
}
