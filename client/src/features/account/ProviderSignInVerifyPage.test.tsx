import { fireEvent, render, screen } from '@testing-library/react';
import { createTestTransport, errorResult, renderApp, testViewer } from '../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../testing/harness';
import { ProviderSignInVerifyPage } from './ProviderSignInVerifyPage';

const routes = [
  { path: '/sign-in/verify', element: <ProviderSignInVerifyPage /> },
  { path: '/sign-in', element: <p>Sign-in page</p> },
  { path: '/', element: <p>Home page</p> },
];

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
}

function transportFor(
  complete: (input: Record<string, unknown>) => 'ok' | ReturnType<typeof errorResult>,
) {
  let signedIn = false;
  const user = testViewer({ mfaEnabled: true });
  const server: FakeServer = (operation: ReceivedOperation) => {
    switch (operation.operationName) {
      case 'Me':
        return { data: { me: signedIn ? user : null } };
      case 'AuthProviders':
        return {
          data: {
            authProviders: [
              {
                __typename: 'AuthProvider',
                id: 'github',
                name: 'GitHub',
                startUrl: '/auth/github',
              },
            ],
          },
        };
      case 'CompleteSignIn': {
        const result = complete(operation.variables.input as Record<string, unknown>);
        if (result === 'ok') {
          signedIn = true;
          return { data: { completeSignIn: user } };
        }
        return result;
      }
      default:
        throw new Error(`unexpected ${operation.operationName}`);
    }
  };
  return createTestTransport(server);
}

describe('ProviderSignInVerifyPage', () => {
  it('finishes a provider sign-in with the authenticator code', async () => {
    const inputs: Array<Record<string, unknown>> = [];
    const transport = transportFor((input) => {
      inputs.push(input);
      return input.totpCode === '246810' ? 'ok' : errorResult('INVALID_MFA_CODE');
    });
    const { router, ui } = renderApp(transport, routes, {
      pathname: '/sign-in/verify',
      search: '?provider=github',
    });
    render(ui);

    expect(await screen.findByText(/You signed in with GitHub\./)).toBeTruthy();
    fill('Authentication code', '111111');
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByText(/That code is not valid/)).toBeTruthy();

    fill('Authentication code', '246810');
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByText('Home page')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
    expect(inputs).toEqual([{ totpCode: '111111' }, { totpCode: '246810' }]);
  });

  it('says when the waiting sign-in has expired and offers to start again', async () => {
    const transport = transportFor(() => errorResult('INVALID_TOKEN'));
    const { ui } = renderApp(transport, routes, {
      pathname: '/sign-in/verify',
      search: '?provider=github',
    });
    render(ui);
    await screen.findByRole('heading', { level: 1, name: 'Two-factor authentication' });
    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    fill('Recovery code', 'abcd-efgh-jkmn');
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByText(/This sign-in has expired/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Start signing in again' }).getAttribute('href')).toBe(
      '/sign-in',
    );
  });
});
