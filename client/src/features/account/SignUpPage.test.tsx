import { act, fireEvent, render, screen } from '@testing-library/react';
import { createTestTransport, errorResult, renderApp, testViewer } from '../../testing/harness';
import { SignUpPage } from './SignUpPage';
import { VerifyEmailBanner } from './VerifyEmailBanner';

const routes = [
  { path: '/sign-up', element: <SignUpPage /> },
  { path: '/', element: <p>Home page</p> },
];

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: false }), { target: { value } });
}

function errorOf(label: string): string | null {
  const input = screen.getByLabelText(label, { exact: false });
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  const error = ids
    .map((id) => document.getElementById(id))
    .find((node) => node?.id.endsWith('-error'));
  return error?.textContent ?? null;
}

describe('SignUpPage', () => {
  it('checks the form before sending it, including the 18+ box', async () => {
    const transport = createTestTransport(() => ({ data: { me: null, authProviders: [] } }));
    render(renderApp(transport, routes, '/sign-up').ui);
    await screen.findByRole('heading', { level: 1, name: 'Create an account' });
    const checkbox = screen.getByLabelText('I am 18 or older') as HTMLInputElement;
    expect(checkbox.checked).toBe(false);

    fill('Password', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(errorOf('Name')).toBe('Enter your name.');
    expect(errorOf('Email')).toBe('Enter your email address.');
    expect(errorOf('Password')).toBe('Use at least 10 characters.');
    expect(errorOf('I am 18 or older')).toBe('You must be 18 or older to use aiofm.');
    expect(transport.received.some((op) => op.operationName === 'SignUp')).toBe(false);
  });

  it('shows the server’s field errors, then signs the new account in with the banner', async () => {
    let attempt = 0;
    let me: ReturnType<typeof testViewer> | null = null;
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'Me') return { data: { me } };
      if (operation.operationName === 'AuthProviders') return { data: { authProviders: [] } };
      attempt += 1;
      if (attempt === 1) {
        return errorResult('EMAIL_TAKEN', 'An account with this email already exists.', {
          fieldErrors: [
            { field: 'email', messages: ['An account with this email already exists.'] },
          ],
        });
      }
      if (attempt === 2) {
        return errorResult(
          'WEAK_PASSWORD',
          'Do not use your name or email address in your password.',
          {
            fieldErrors: [
              {
                field: 'password',
                messages: ['Do not use your name or email address in your password.'],
              },
            ],
          },
        );
      }
      me = testViewer({ email: 'new@example.com', emailVerified: false });
      return { data: { signUp: me } };
    });
    render(renderApp(transport, routes, '/sign-up', <VerifyEmailBanner />).ui);
    await screen.findByRole('heading', { level: 1, name: 'Create an account' });

    fill('Name', 'Ada Lovelace');
    fill('Email', 'taken@example.com');
    fill('Password', 'a long enough password');
    fireEvent.click(screen.getByLabelText('I am 18 or older'));
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByText('An account with this email already exists. Sign in instead.');
    expect(errorOf('Email')).toBe('An account with this email already exists. Sign in instead.');

    fill('Email', 'new@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByText('Do not use your name or email address in your password.');
    expect(errorOf('Password')).toBe('Do not use your name or email address in your password.');

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    });
    await screen.findByText('Home page');
    expect(screen.getByText(/Check your inbox to confirm/).textContent).toBe(
      'Check your inbox to confirm new@example.com',
    );
    expect(screen.getByRole('button', { name: 'Resend email' })).toBeTruthy();
    expect(transport.restartLive).toHaveBeenCalledTimes(1);
  });

  it('says how long to wait when resending is rate limited', async () => {
    const transport = createTestTransport((operation) =>
      operation.operationName === 'Me'
        ? { data: { me: testViewer({ emailVerified: false }) } }
        : errorResult('RATE_LIMITED', 'Slow down.', { retryAfterSeconds: 600 }),
    );
    render(
      renderApp(transport, [{ path: '/', element: <p>Home</p> }], '/', <VerifyEmailBanner />).ui,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Resend email' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many attempts. Try again in 10 minutes.',
    );
  });
});
