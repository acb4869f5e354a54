import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { createTestTransport, errorResult, renderApp } from '../../testing/harness';
import type { ReceivedOperation } from '../../testing/harness';
import { CheckoutReturnPage, fulfilledTitle } from './CheckoutReturnPage';

const routes = [
  { path: '/credits/return', element: <CheckoutReturnPage /> },
  { path: '/credits', element: <h1>Credits</h1> },
];

function balance(available: number) {
  return {
    __typename: 'CreditBalance',
    available,
    held: 0,
    subscription: 0,
    purchased: available,
    owed: 0,
  };
}

function me(available: number) {
  return { data: { me: { __typename: 'User', id: 'user-1', credits: balance(available) } } };
}

function outcome(status: string, overrides: Record<string, unknown> = {}) {
  return {
    data: {
      checkoutSession: {
        __typename: 'CheckoutOutcome',
        id: 'cs_test_1',
        kind: 'CREDIT_PACK',
        itemName: '500 credits',
        status,
        credits: status === 'FULFILLED' ? 500 : 0,
        ...overrides,
      },
    },
  };
}

function outcomeRequests(received: ReceivedOperation[]) {
  return received.filter((op) => op.operationName === 'CheckoutOutcome');
}

describe('CheckoutReturnPage', () => {
  it('waits live while the payment is confirmed, then says the credits were added', async () => {
    let push: (result: FormattedExecutionResult) => void = () => undefined;
    let status = 'PROCESSING';
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(50);
      if (operation.operationName === 'CheckoutOutcome') return outcome(status);
      return new Promise<FormattedExecutionResult>((resolve) => {
        push = resolve;
      });
    });
    render(renderApp(transport, routes, '/credits/return?session_id=cs_test_1').ui);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Confirming your payment…' }),
    ).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Waiting for confirmation' })).toBeTruthy();
    expect(outcomeRequests(transport.received).map((op) => op.variables)).toEqual([
      { id: 'cs_test_1' },
    ]);
    await waitFor(() =>
      expect(transport.received.some((op) => op.operationName === 'CreditsChanged')).toBe(true),
    );

    // The webhook granted the credits; the balance push is the cue to look again.
    status = 'FULFILLED';
    push({ data: { creditsChanged: balance(550) } });

    expect(
      await screen.findByRole('heading', { level: 1, name: '500 credits added' }),
    ).toBeTruthy();
    expect(outcomeRequests(transport.received)).toHaveLength(2);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('link', { name: 'Go to Credits' }).getAttribute('href')).toBe(
      '/credits',
    );
  });

  it('checks again on request, and says when it is still not confirmed', async () => {
    let status = 'OPEN';
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(50);
      if (operation.operationName === 'CheckoutOutcome') return outcome(status);
      return new Promise(() => undefined);
    });
    render(renderApp(transport, routes, '/credits/return?session_id=cs_test_1').ui);

    fireEvent.click(await screen.findByRole('button', { name: 'Check again' }));
    expect(await screen.findByText(/^Not confirmed yet \(checked at /)).toBeTruthy();
    expect(outcomeRequests(transport.received)).toHaveLength(2);

    status = 'FULFILLED';
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: '500 credits added' }),
    ).toBeTruthy();
  });

  it('says the plan is active with its first credits', async () => {
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(650);
      if (operation.operationName === 'CheckoutOutcome') {
        return outcome('FULFILLED', {
          kind: 'SUBSCRIPTION',
          itemName: 'Creator plan',
          credits: 600,
        });
      }
      return new Promise(() => undefined);
    });
    render(renderApp(transport, routes, '/credits/return?session_id=cs_test_1').ui);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Creator plan is active: 600 credits added',
      }),
    ).toBeTruthy();
  });

  it('explains an expired checkout and offers to go back and try again', async () => {
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(50);
      if (operation.operationName === 'CheckoutOutcome') return outcome('EXPIRED');
      return new Promise(() => undefined);
    });
    const { router, ui } = renderApp(transport, routes, '/credits/return?session_id=cs_test_1');
    render(ui);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'This checkout expired' }),
    ).toBeTruthy();
    expect(screen.getByText(/Nothing was charged\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Back to Credits' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/credits'));
  });

  it('explains a failed payment', async () => {
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(50);
      if (operation.operationName === 'CheckoutOutcome') return outcome('FAILED');
      return new Promise(() => undefined);
    });
    render(renderApp(transport, routes, '/credits/return?session_id=cs_test_1').ui);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'The payment didn’t go through' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to Credits' })).toBeTruthy();
  });

  it('says when the checkout is not one of this account’s', async () => {
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(50);
      if (operation.operationName === 'CheckoutOutcome') {
        return errorResult('NOT_FOUND', 'There is no checkout with that id.');
      }
      return new Promise(() => undefined);
    });
    render(renderApp(transport, routes, '/credits/return?session_id=cs_unknown').ui);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Checkout not found' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to Credits' })).toBeTruthy();
  });

  it('says when the address names no checkout, without asking the server', async () => {
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(50);
      return new Promise(() => undefined);
    });
    render(renderApp(transport, routes, '/credits/return').ui);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Checkout not found' }),
    ).toBeTruthy();
    expect(screen.getByText(/does not say which checkout/)).toBeTruthy();
    expect(outcomeRequests(transport.received)).toHaveLength(0);
  });

  it('offers a retry when the outcome cannot be read', async () => {
    let failing = true;
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(50);
      if (operation.operationName === 'CheckoutOutcome') {
        return failing ? errorResult('INTERNAL_SERVER_ERROR', 'Boom.') : outcome('FULFILLED');
      }
      return new Promise(() => undefined);
    });
    render(renderApp(transport, routes, '/credits/return?session_id=cs_test_1').ui);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Can’t check your payment' }),
    ).toBeTruthy();
    failing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: '500 credits added' }),
    ).toBeTruthy();
  });
});

describe('fulfilledTitle', () => {
  it('counts the credits of a pack, and names an active plan', () => {
    expect(fulfilledTitle({ kind: 'CREDIT_PACK', itemName: '100 credits', credits: 1 })).toBe(
      '1 credit added',
    );
    expect(
      fulfilledTitle({ kind: 'SUBSCRIPTION', itemName: 'Studio plan', credits: 2500 }),
    ).toMatch(/^Studio plan is active: 2.500 credits added$/);
  });
});
