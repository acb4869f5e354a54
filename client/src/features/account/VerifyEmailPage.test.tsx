import { StrictMode } from 'react';
import { render, screen } from '@testing-library/react';
import { createTestTransport, errorResult, renderApp, testViewer } from '../../testing/harness';
import { ConfirmEmailPage } from './ConfirmEmailPage';
import { VerifyEmailPage } from './VerifyEmailPage';

const routes = [
  { path: '/verify-email', element: <VerifyEmailPage /> },
  { path: '/confirm-email', element: <ConfirmEmailPage /> },
];

describe('VerifyEmailPage', () => {
  it('sends the single-use token exactly once, even in StrictMode, and says it worked', async () => {
    const transport = createTestTransport((operation) =>
      operation.operationName === 'Me'
        ? { data: { me: null } }
        : { data: { verifyEmail: testViewer({ email: 'ada@example.com' }) } },
    );
    render(
      <StrictMode>{renderApp(transport, routes, '/verify-email?token=tok-once').ui}</StrictMode>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Email address confirmed' });
    expect(screen.getByText('Thank you: ada@example.com is confirmed.')).toBeTruthy();
    const sent = transport.received.filter((op) => op.operationName === 'VerifyEmail');
    expect(sent).toEqual([{ operationName: 'VerifyEmail', variables: { token: 'tok-once' } }]);
  });

  it('explains a used or expired link and offers a new one to a signed-in person', async () => {
    const transport = createTestTransport((operation) =>
      operation.operationName === 'Me'
        ? { data: { me: testViewer({ emailVerified: false }) } }
        : errorResult('INVALID_TOKEN', 'This link has expired.'),
    );
    render(renderApp(transport, routes, '/verify-email?token=tok-used').ui);
    await screen.findByRole('heading', { level: 1, name: 'This link can’t be used' });
    expect(await screen.findByRole('button', { name: 'Send a new link' })).toBeTruthy();
  });

  it('asks an anonymous visitor to sign in for a new link', async () => {
    const transport = createTestTransport((operation) =>
      operation.operationName === 'Me'
        ? { data: { me: null } }
        : errorResult('INVALID_TOKEN', 'This link has expired.'),
    );
    render(renderApp(transport, routes, '/verify-email?token=tok-old').ui);
    expect(await screen.findByRole('link', { name: 'Sign in to get a new link' })).toBeTruthy();
  });

  it('says so when the link has no token', async () => {
    const transport = createTestTransport(() => ({ data: { me: null } }));
    render(renderApp(transport, routes, '/verify-email').ui);
    await screen.findByRole('heading', { level: 1, name: 'This link is incomplete' });
    expect(transport.received.some((op) => op.operationName === 'VerifyEmail')).toBe(false);
  });
});

describe('ConfirmEmailPage', () => {
  it('confirms the new address once and shows it', async () => {
    const transport = createTestTransport((operation) =>
      operation.operationName === 'Me'
        ? { data: { me: null } }
        : { data: { confirmEmailChange: testViewer({ email: 'new@example.com' }) } },
    );
    render(
      <StrictMode>{renderApp(transport, routes, '/confirm-email?token=tok-new').ui}</StrictMode>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Email address changed' });
    expect(screen.getByText(/new@example\.com/)).toBeTruthy();
    expect(
      transport.received.filter((op) => op.operationName === 'ConfirmEmailChange'),
    ).toHaveLength(1);
  });
});
