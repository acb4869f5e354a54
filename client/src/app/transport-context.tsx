import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { GraphQLTransport } from './apollo';

const TransportContext = createContext<GraphQLTransport | null>(null);

/** Makes the app's GraphQL transport (Apollo client, live connection) available to components. */
export function TransportProvider({
  transport,
  children,
}: {
  transport: GraphQLTransport;
  children: ReactNode;
}) {
  return <TransportContext.Provider value={transport}>{children}</TransportContext.Provider>;
}

/** The app's GraphQL transport. */
export function useTransport(): GraphQLTransport {
  const transport = useContext(TransportContext);
  if (!transport) throw new Error('useTransport must be used inside <TransportProvider>');
  return transport;
}
