import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createTestTransport, errorResult, renderApp, testViewer } from '../../testing/harness';
import type { ReceivedOperation } from '../../testing/harness';
import { SignInPage } from './SignInPage';

const routes = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/settings/sessions', element: <p>Sessions page</p> },
  { path: '/', element: <p>Home page</p> },
];

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
}

describe('SignInPage', () => {
  it('asks for the authenticator code when the account has MFA, then goes where the person was headed', async () => {
    const user = testViewer({ mfaEnabled: true });
    const signIns: Array<Record<string, unknown>> = [];
    let signedIn = false;
    const transport = createTestTransport((operation: ReceivedOperation) => {
      switch (operation.operationName) {
        case 'Me':
          return { data: { me: signedIn ? user : null } };
        case 'AuthProviders':
          return { data: { authProviders: [] } };
        case 'SignIn': {
          const input = operation.variables.input as Record<string, unknown>;
          signIns.push(input);
          if (!input.totpCode && !input.recoveryCode) return errorResult('MFA_REQUIRED');
          if (input.totpCode !== '654321') return errorResult('INVALID_MFA_CODE');
          signedIn = true;
          return { data: { signIn: user } };
        }
        default:
          throw new Error(`unexpected ${operation.operationName}`);
      }
    });
    const { router, ui } = renderApp(transport, routes, {
      pathname: '/sign-in',
      state: { from: { pathname: '/settings/sessions', search: '', hash: '' } },
    });
    render(ui);

    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fill('Email', ' ada@example.com ');
    fill('Password', 'correct horse battery');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { level: 1, name: 'Two-factor authentication' });
    const code = screen.getByLabelText('Authentication code', { exact: false });
    await waitFor(() => expect(document.activeElement).toBe(code));

    fill('Authentication code', '123');
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByText(/Enter the 6 digits/)).toBeTruthy();
    expect(signIns).toHaveLength(1);

    fill('Authentication code', '123456');
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByText(/That code is not valid/)).toBeTruthy();
    expect(code.getAttribute('aria-invalid')).toBe('true');

    fill('Authentication code', '654 321');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    });
    await screen.findByText('Sessions page');
    expect(router.state.location.pathname).toBe('/settings/sessions');
    expect(signIns).toEqual([
      { email: 'ada@example.com', password: 'correct horse battery' },
      { email: 'ada@example.com', password: 'correct horse battery', totpCode: '123456' },
      { email: 'ada@example.com', password: 'correct horse battery', totpCode: '654321' },
    ]);
    // The live connection is reopened so that it carries the new session cookie.
    expect(transport.restartLive).toHaveBeenCalledTimes(1);
  });

  it('offers a recovery code instead, and says when the password is wrong', async () => {
    const signIns: Array<Record<string, unknown>> = [];
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'Me') return { data: { me: null } };
      if (operation.operationName === 'AuthProviders') return { data: { authProviders: [] } };
      const input = operation.variables.input as Record<string, unknown>;
      signIns.push(input);
      if (input.password !== 'right password') return errorResult('INVALID_CREDENTIALS');
      if (!input.recoveryCode) return errorResult('MFA_REQUIRED');
      return errorResult('INVALID_MFA_CODE');
    });
    render(renderApp(transport, routes, '/sign-in').ui);

    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fill('Email', 'ada@example.com');
    fill('Password', 'wrong password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is incorrect.');

    fill('Password', 'right password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { level: 1, name: 'Two-factor authentication' });
    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    fill('Recovery code', ' abcd-efgh ');
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(
      await screen.findByText('That recovery code is not valid or was already used.'),
    ).toBeTruthy();
    expect(signIns.at(-1)).toEqual({
      email: 'ada@example.com',
      password: 'right password',
      recoveryCode: 'abcd-efgh',
    });
  });

  it('explains the error an OAuth redirect brought back', async () => {
    const transport = createTestTransport((operation) =>
      operation.operationName === 'Me'
        ? { data: { me: null } }
        : {
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
          },
    );
    render(renderApp(transport, routes, '/sign-in?error=email_in_use').ui);
    expect(
      await screen.findByText(/sign in with your password, then link this provider in Settings/),
    ).toBeTruthy();
    const link = await screen.findByRole('link', { name: 'Continue with GitHub' });
    expect(link.getAttribute('href')).toBe('/auth/github');
  });
});
