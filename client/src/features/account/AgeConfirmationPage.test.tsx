import { act, fireEvent, render, screen } from '@testing-library/react';
import { createTestTransport, renderApp, testViewer } from '../../testing/harness';
import { AgeConfirmationPage } from './AgeConfirmationPage';
import { RequireAccount } from './guards';

const routes = [
  {
    element: <RequireAccount allowUnconfirmedAge />,
    children: [{ path: '/welcome/age', element: <AgeConfirmationPage /> }],
  },
  { path: '/settings/security', element: <p>Security page</p> },
  { path: '/sign-in', element: <p>Sign-in page</p> },
];

describe('AgeConfirmationPage', () => {
  it('asks for the explicit 18+ confirmation, then continues to the page that was wanted', async () => {
    let confirmed = false;
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'ConfirmAge') {
        confirmed = true;
        return { data: { confirmAge: testViewer({ ageConfirmedAt: '2025-06-01T00:00:00Z' }) } };
      }
      return {
        data: { me: testViewer({ ageConfirmedAt: confirmed ? '2025-06-01T00:00:00Z' : null }) },
      };
    });
    const { router, ui } = renderApp(transport, routes, {
      pathname: '/welcome/age',
      state: { from: { pathname: '/settings/security', search: '', hash: '' } },
    });
    render(ui);

    await screen.findByRole('heading', { level: 1, name: 'One more step' });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Confirm that you are 18 or older to continue.')).toBeTruthy();
    expect(confirmed).toBe(false);

    fireEvent.click(screen.getByLabelText('I am 18 or older'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    });
    await screen.findByText('Security page');
    expect(router.state.location.pathname).toBe('/settings/security');
  });

  it('lets the person sign out instead', async () => {
    let signedIn = true;
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'SignOut') {
        signedIn = false;
        return { data: { signOut: true } };
      }
      return { data: { me: signedIn ? testViewer({ ageConfirmedAt: null }) : null } };
    });
    const { router, ui } = renderApp(transport, routes, '/welcome/age');
    render(ui);
    await screen.findByRole('heading', { level: 1, name: 'One more step' });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    });
    await screen.findByText('Sign-in page');
    expect(router.state.location.pathname).toBe('/sign-in');
  });
});
