import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createTestTransport, errorResult, renderApp, testViewer } from '../../testing/harness';
import { SecurityPage } from './SecurityPage';

// jsdom has <dialog> but not its modal API; model the parts the dialogs rely on.
beforeAll(() => {
  const proto = HTMLDialogElement.prototype;
  if (!proto.showModal) {
    proto.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
  }
  if (!proto.close) {
    proto.close = function close(this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  }
});

const github = {
  __typename: 'LinkedAccount' as const,
  id: 'login-1',
  provider: 'github',
  providerName: 'GitHub',
  email: 'ada@users.example',
  createdAt: '2025-03-01T10:00:00Z',
};

const providers = [
  { __typename: 'AuthProvider', id: 'github', name: 'GitHub', startUrl: '/auth/github' },
  { __typename: 'AuthProvider', id: 'google', name: 'Google', startUrl: '/auth/google' },
];

const routes = [{ path: '/settings/security', element: <SecurityPage /> }];

describe('SecurityPage', () => {
  it('says once that a provider was linked, and drops the parameter', async () => {
    const transport = createTestTransport((operation) =>
      operation.operationName === 'Me'
        ? { data: { me: testViewer({ linkedAccounts: [github] }) } }
        : { data: { authProviders: [] } },
    );
    const { router, ui } = renderApp(transport, routes, '/settings/security?linked=github');
    render(ui);
    expect(await screen.findByText('GitHub is now linked to your account.')).toBeTruthy();
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('explains a refused link', async () => {
    const transport = createTestTransport((operation) =>
      operation.operationName === 'Me'
        ? { data: { me: testViewer() } }
        : { data: { authProviders: providers } },
    );
    const { router, ui } = renderApp(transport, routes, '/settings/security?error=already_linked');
    render(ui);
    expect(
      await screen.findByText(
        'That account at the provider is already linked to another aiofm account.',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('offers the providers not linked yet, and says why the last sign-in method stays', async () => {
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'Me') {
        return { data: { me: testViewer({ hasPassword: false, linkedAccounts: [github] }) } };
      }
      if (operation.operationName === 'AuthProviders')
        return { data: { authProviders: providers } };
      return errorResult('LAST_SIGN_IN_METHOD', 'This is the last way to sign in.');
    });
    render(renderApp(transport, routes, '/settings/security').ui);

    const card = await screen.findByRole('region', { name: 'Linked accounts' });
    const link = await within(card).findByRole('link', { name: 'Link Google' });
    expect(link.getAttribute('href')).toBe('/auth/google?link=1');
    expect(within(card).queryByRole('link', { name: 'Link GitHub' })).toBeNull();
    expect(screen.getByText(/Your account has no password: you sign in with GitHub/)).toBeTruthy();

    fireEvent.click(within(card).getByRole('button', { name: 'Unlink GitHub' }));
    await act(async () => {
      fireEvent.click(
        within(screen.getByRole('dialog')).getByRole('button', { name: 'Unlink GitHub' }),
      );
    });
    expect(await screen.findByText(/only way left to sign in/)).toBeTruthy();
  });
});
