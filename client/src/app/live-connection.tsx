import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';

/**
 * State of the live (WebSocket) connection that carries subscriptions:
 * - connecting: the first connection is being set up;
 * - connected: live updates flow;
 * - reconnecting: a connection was lost and the client is trying again.
 */
export type LiveConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** The graphql-ws client events the state follows. */
export type LiveConnectionEvent = 'connecting' | 'connected' | 'closed';

interface Snapshot {
  state: LiveConnectionState;
  /** Whether a connection was ever established; losing one after that is "reconnecting". */
  hasConnected: boolean;
}

/** The next state after a client event. */
export function nextLiveConnectionState(current: Snapshot, event: LiveConnectionEvent): Snapshot {
  switch (event) {
    case 'connected':
      return { state: 'connected', hasConnected: true };
    case 'connecting':
    case 'closed':
      return {
        state: current.hasConnected ? 'reconnecting' : 'connecting',
        hasConnected: current.hasConnected,
      };
  }
}

/** An external store of the live-connection state, fed by the graphql-ws client's events. */
export class LiveConnectionStore {
  private snapshot: Snapshot;
  private readonly listeners = new Set<() => void>();

  constructor(initial: LiveConnectionState = 'connecting') {
    this.snapshot = { state: initial, hasConnected: initial !== 'connecting' };
  }

  /** Feeds one client event into the store. */
  readonly handle = (event: LiveConnectionEvent): void => {
    const next = nextLiveConnectionState(this.snapshot, event);
    if (next.state === this.snapshot.state && next.hasConnected === this.snapshot.hasConnected)
      return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): LiveConnectionState => this.snapshot.state;
}

const LiveConnectionContext = createContext<LiveConnectionStore | null>(null);

export function LiveConnectionProvider({
  store,
  children,
}: {
  store: LiveConnectionStore;
  children: ReactNode;
}) {
  return <LiveConnectionContext.Provider value={store}>{children}</LiveConnectionContext.Provider>;
}

/** The current live-connection state; re-renders when it changes. */
export function useLiveConnection(): LiveConnectionState {
  const store = useContext(LiveConnectionContext);
  if (!store) throw new Error('useLiveConnection must be used inside <LiveConnectionProvider>');
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
