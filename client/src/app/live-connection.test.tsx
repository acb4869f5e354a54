import { act, render, screen } from '@testing-library/react';
import { ConnectionIndicator } from './ConnectionIndicator';
import {
  LiveConnectionProvider,
  LiveConnectionStore,
  nextLiveConnectionState,
} from './live-connection';

describe('live connection state', () => {
  it('is connecting until the first connection, then reconnecting after a loss', () => {
    let snapshot = { state: 'connecting' as const, hasConnected: false } as ReturnType<
      typeof nextLiveConnectionState
    >;
    snapshot = nextLiveConnectionState(snapshot, 'closed');
    expect(snapshot.state).toBe('connecting');
    snapshot = nextLiveConnectionState(snapshot, 'connecting');
    expect(snapshot.state).toBe('connecting');
    snapshot = nextLiveConnectionState(snapshot, 'connected');
    expect(snapshot.state).toBe('connected');
    snapshot = nextLiveConnectionState(snapshot, 'closed');
    expect(snapshot.state).toBe('reconnecting');
    snapshot = nextLiveConnectionState(snapshot, 'connecting');
    expect(snapshot.state).toBe('reconnecting');
    snapshot = nextLiveConnectionState(snapshot, 'connected');
    expect(snapshot.state).toBe('connected');
  });

  it('notifies subscribers only when the state changes', () => {
    const store = new LiveConnectionStore();
    const listener = jest.fn();
    const unsubscribe = store.subscribe(listener);
    store.handle('connecting');
    expect(listener).not.toHaveBeenCalled();
    store.handle('connected');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState()).toBe('connected');
    unsubscribe();
    store.handle('closed');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState()).toBe('reconnecting');
  });
});

describe('ConnectionIndicator', () => {
  it('says in words whether live updates flow', () => {
    const store = new LiveConnectionStore();
    render(
      <LiveConnectionProvider store={store}>
        <ConnectionIndicator />
      </LiveConnectionProvider>,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Connecting…');
    expect(status.getAttribute('data-state')).toBe('connecting');

    act(() => store.handle('connected'));
    expect(status.textContent).toContain('Live');
    expect(status.textContent).not.toContain('Connecting');
    expect(status.getAttribute('data-state')).toBe('connected');

    act(() => store.handle('closed'));
    expect(status.textContent).toContain('Reconnecting…');
    expect(status.getAttribute('data-state')).toBe('reconnecting');
  });
});
