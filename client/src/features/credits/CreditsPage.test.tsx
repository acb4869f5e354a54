import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { createTestTransport, errorResult, renderApp } from '../../testing/harness';
import type { ReceivedOperation } from '../../testing/harness';
import { CreditsPage, HISTORY_PAGE_SIZE } from './CreditsPage';

const routes = [{ path: '/credits', element: <CreditsPage /> }];

function balance(available: number, held = 0) {
  return {
    __typename: 'CreditBalance',
    available,
    held,
    subscription: 0,
    purchased: available,
    owed: 0,
  };
}

function me(available: number, held = 0) {
  return { data: { me: { __typename: 'User', id: 'user-1', credits: balance(available, held) } } };
}

function movement(index: number, amount = -5) {
  return {
    __typename: 'CreditTransaction',
    id: `tx-${index}`,
    kind: amount > 0 ? 'ADMIN_GRANT' : 'CAPTURE',
    amount,
    balanceAfter: 100 - index,
    description: `Movement ${index}`,
    createdAt: new Date(Date.UTC(2025, 10, 29, 12, 0) - index * 60_000).toISOString(),
  };
}

function page(indexes: number[], hasNextPage: boolean) {
  return {
    data: {
      creditTransactions: {
        __typename: 'CreditTransactionConnection',
        edges: indexes.map((index) => ({
          __typename: 'CreditTransactionEdge',
          cursor: `c${index}`,
          node: movement(index),
        })),
        pageInfo: {
          __typename: 'PageInfo',
          hasNextPage,
          endCursor: indexes.length ? `c${indexes[indexes.length - 1]}` : null,
        },
      },
    },
  };
}

/** Subscriptions stay open until the test pushes an event. */
function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

function rows() {
  return screen.getAllByTestId('credit-movement').map((row) => {
    const title = row.querySelector('.credit-history__description')?.textContent ?? '';
    return title;
  });
}

describe('CreditsPage', () => {
  it('shows the balance with its parts and the history with signed amounts', async () => {
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(45, 5);
      if (operation.operationName === 'CreditHistory') {
        return {
          data: {
            creditTransactions: {
              __typename: 'CreditTransactionConnection',
              edges: [
                { __typename: 'CreditTransactionEdge', cursor: 'c1', node: movement(1, -5) },
                { __typename: 'CreditTransactionEdge', cursor: 'c2', node: movement(2, 50) },
              ],
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c2' },
            },
          },
        };
      }
      return pending();
    });
    render(renderApp(transport, routes, '/credits').ui);

    expect((await screen.findByTestId('credits-available')).textContent).toBe('45');
    const card = screen.getByRole('region', { name: 'Balance' });
    expect(within(card).getByText('Held')).toBeTruthy();
    expect(within(card).getByText(/refunded automatically if the work fails/)).toBeTruthy();
    expect(within(card).getByText(/never expire/)).toBeTruthy();
    expect(within(card).getByText(/expire at the end of the plan’s period/)).toBeTruthy();

    const list = await screen.findByRole('list', { name: 'Credit movements, newest first' });
    expect(within(list).getByText('\u22125')).toBeTruthy();
    expect(within(list).getByText('5 credits taken')).toBeTruthy();
    expect(within(list).getByText('+50')).toBeTruthy();
    expect(within(list).getByText('50 credits added')).toBeTruthy();
    expect(within(list).getByText('Balance 99')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('loads older movements after the last cursor and keeps the ones shown', async () => {
    const first = Array.from({ length: HISTORY_PAGE_SIZE }, (_, index) => index + 1);
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(80);
      if (operation.operationName === 'CreditHistory') {
        return operation.variables.after === `c${HISTORY_PAGE_SIZE}`
          ? page([21, 22], false)
          : page(first, true);
      }
      return pending();
    });
    render(renderApp(transport, routes, '/credits').ui);

    const more = await screen.findByRole('button', { name: 'Load more' });
    expect(rows()).toHaveLength(HISTORY_PAGE_SIZE);
    fireEvent.click(more);

    await waitFor(() => expect(rows()).toHaveLength(HISTORY_PAGE_SIZE + 2));
    expect(rows()[0]).toBe('Movement 1');
    expect(rows().slice(-2)).toEqual(['Movement 21', 'Movement 22']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const historyRequests = transport.received.filter(
      (op: ReceivedOperation) => op.operationName === 'CreditHistory',
    );
    expect(historyRequests.map((op) => op.variables)).toEqual([
      { first: HISTORY_PAGE_SIZE },
      { first: HISTORY_PAGE_SIZE, after: `c${HISTORY_PAGE_SIZE}` },
    ]);
  });

  it('says when a page of older movements could not be loaded, and keeps the list', async () => {
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(80);
      if (operation.operationName === 'CreditHistory') {
        return operation.variables.after
          ? errorResult('INTERNAL_SERVER_ERROR', 'Boom.')
          : page([1, 2], true);
      }
      return pending();
    });
    render(renderApp(transport, routes, '/credits').ui);

    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Could not load older movements')).toBeTruthy();
    expect(rows()).toEqual(['Movement 1', 'Movement 2']);
    expect(screen.getByRole('button', { name: 'Load more' })).toBeTruthy();
  });

  it('shows the empty history', async () => {
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(0);
      if (operation.operationName === 'CreditHistory') return page([], false);
      return pending();
    });
    render(renderApp(transport, routes, '/credits').ui);
    expect(await screen.findByRole('heading', { name: 'No credit movements yet' })).toBeTruthy();
  });

  it('offers a retry when the history fails to load', async () => {
    let failing = true;
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(10);
      if (operation.operationName === 'CreditHistory') {
        return failing ? errorResult('INTERNAL_SERVER_ERROR', 'Boom.') : page([1], false);
      }
      return pending();
    });
    render(renderApp(transport, routes, '/credits').ui);

    expect(
      await screen.findByRole('heading', { name: 'Can’t load your credit history' }),
    ).toBeTruthy();
    failing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(rows()).toEqual(['Movement 1']));
  });

  it('updates the balance from creditsChanged and fetches the newest movements', async () => {
    let push: (result: FormattedExecutionResult) => void = () => undefined;
    let newest = false;
    const transport = createTestTransport((operation) => {
      if (operation.operationName === 'CreditBalance') return me(100);
      if (operation.operationName === 'CreditHistory') {
        return newest ? page([0, 1], true) : page([1, 2], true);
      }
      return new Promise<FormattedExecutionResult>((resolve) => {
        push = resolve;
      });
    });
    render(renderApp(transport, routes, '/credits').ui);

    expect((await screen.findByTestId('credits-available')).textContent).toBe('100');
    await waitFor(() => expect(rows()).toEqual(['Movement 1', 'Movement 2']));
    await waitFor(() =>
      expect(transport.received.some((op) => op.operationName === 'CreditsChanged')).toBe(true),
    );

    newest = true;
    push({ data: { creditsChanged: balance(95, 5) } });

    await waitFor(() => expect(screen.getByTestId('credits-available').textContent).toBe('95'));
    await waitFor(() => expect(rows()).toEqual(['Movement 0', 'Movement 1', 'Movement 2']));
    expect(transport.received.filter((op) => op.operationName === 'CreditBalance')).toHaveLength(1);
  });
});
