import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useQuery } from '@apollo/client/react';
import { MeDocument, SessionsDocument } from '../../gql/graphql';
import { createTestTransport, errorResult, renderApp, testViewer } from '../../testing/harness';
import { AccountMenu } from './AccountMenu';
import { RequireAccount } from './guards';
import { SESSION_ENDED_MESSAGE } from './session';

function SessionsProbe() {
  const { data, error } = useQuery(SessionsDocument);
  if (error) return <p>Sessions failed</p>;
  return <p>{data ? `${data.sessions.length} sessions` : 'Loading sessions'}</p>;
}

const routes = [
  { path: '/sign-in', element: <p>Sign-in page</p> },
  { path: '/welcome/age', element: <p>Age page</p> },
  {
    element: <RequireAccount />,
    children: [{ path: '/settings/sessions', element: <SessionsProbe /> }],
  },
];

describe('SessionProvider and RequireAccount', () => {
  it('sends anonymous visitors to sign in, remembering where they were going', async () => {
    const transport = createTestTransport(() => ({ data: { me: null } }));
    const { router, ui } = renderApp(transport, routes, '/settings/sessions?tab=1');
    render(ui);
    await screen.findByText('Sign-in page');
    expect(router.state.location.state).toEqual({
      from: { pathname: '/settings/sessions', search: '?tab=1', hash: '' },
    });
  });

  it('sends accounts without the 18+ confirmation to confirm it first', async () => {
    const transport = createTestTransport(() => ({
      data: { me: testViewer({ ageConfirmedAt: null }) },
    }));
    const { router, ui } = renderApp(transport, routes, '/settings/sessions');
    render(ui);
    await screen.findByText('Age page');
    expect(router.state.location.pathname).toBe('/welcome/age');
  });

  it('says the session ended and goes to sign in when an operation is refused as UNAUTHENTICATED', async () => {
    let sessionValid = true;
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'Me') {
        return { data: { me: sessionValid ? testViewer() : null } };
      }
      return sessionValid
        ? { data: { sessions: [] } }
        : errorResult('UNAUTHENTICATED', 'Sign in to continue.');
    });
    const { router, ui } = renderApp(transport, routes, '/settings/sessions');
    render(ui);
    await screen.findByText('0 sessions');

    // The session is revoked elsewhere; the next request finds out.
    sessionValid = false;
    await act(async () => {
      await transport.apollo.refetchQueries({ include: [SessionsDocument] }).catch(() => undefined);
    });

    await screen.findByText('Sign-in page');
    expect(screen.getByText(SESSION_ENDED_MESSAGE)).toBeTruthy();
    expect(router.state.location.state).toEqual({
      from: { pathname: '/settings/sessions', search: '', hash: '' },
    });
    await waitFor(() => expect(transport.restartLive).toHaveBeenCalled());
    // The previous user's data is gone from the cache.
    await waitFor(() =>
      expect(transport.apollo.cache.readQuery({ query: MeDocument })).toEqual({ me: null }),
    );
  });

  it('treats a live connection closed with 4401 like an ended session once `me` is gone', async () => {
    let sessionValid = true;
    const transport = createTestTransport(() => ({
      data: { me: sessionValid ? testViewer() : null, sessions: [] },
    }));
    const { router, ui } = renderApp(transport, routes, '/settings/sessions');
    render(ui);
    await screen.findByText('0 sessions');

    sessionValid = false;
    act(() => transport.emit({ type: 'socket-rejected' }));
    await screen.findByText('Sign-in page');
    expect(screen.getByText(SESSION_ENDED_MESSAGE)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
  });

  it('stays put when the live connection was closed but the session is still valid', async () => {
    const transport = createTestTransport(() => ({ data: { me: testViewer(), sessions: [] } }));
    const { router, ui } = renderApp(transport, routes, '/settings/sessions');
    render(ui);
    await screen.findByText('0 sessions');
    act(() => transport.emit({ type: 'socket-rejected' }));
    await waitFor(() =>
      expect(transport.received.filter((op) => op.operationName === 'Me')).toHaveLength(2),
    );
    expect(router.state.location.pathname).toBe('/settings/sessions');
    expect(screen.queryByText(SESSION_ENDED_MESSAGE)).toBeNull();
  });
});

describe('AccountMenu', () => {
  it('shows Sign in and Sign up links to anonymous visitors', async () => {
    const transport = createTestTransport(() => ({ data: { me: null } }));
    render(renderApp(transport, [{ path: '/', element: <AccountMenu /> }], '/').ui);
    expect((await screen.findByRole('link', { name: 'Sign in' })).getAttribute('href')).toBe(
      '/sign-in',
    );
    expect(screen.getByRole('link', { name: 'Sign up' }).getAttribute('href')).toBe('/sign-up');
  });

  it('opens with the keyboard, closes on Escape with focus back, and signs out', async () => {
    let signedIn = true;
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'SignOut') {
        signedIn = false;
        return { data: { signOut: true } };
      }
      return { data: { me: signedIn ? testViewer({ name: 'Grace Hopper' }) : null } };
    });
    const { router, ui } = renderApp(
      transport,
      [
        { path: '/', element: <AccountMenu /> },
        { path: '/sign-in', element: <p>Sign-in page</p> },
      ],
      '/',
    );
    render(ui);
    const button = await screen.findByRole('button', { name: 'Account menu: Grace Hopper' });
    expect(screen.getByText('GH')).toBeTruthy();
    expect(button.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const profile = screen.getByRole('link', { name: 'Profile' });
    profile.focus();
    fireEvent.keyDown(profile, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('link', { name: 'Security' }));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign out' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    });
    await screen.findByText('Sign-in page');
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(transport.received.map((op) => op.operationName)).toContain('SignOut');
    await waitFor(() => expect(transport.restartLive).toHaveBeenCalled());
    expect(screen.queryByText(SESSION_ENDED_MESSAGE)).toBeNull();
  });
});
