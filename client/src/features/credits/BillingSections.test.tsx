import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { createTestTransport, errorResult, renderApp } from '../../testing/harness';
import type { ReceivedOperation } from '../../testing/harness';
import { PAYMENTS_PAGE_SIZE } from './BillingHistorySection';
import { CreditsPage } from './CreditsPage';
import { goTo } from './redirect';

// jsdom cannot leave the page: the redirect is recorded instead.
jest.mock('./redirect', () => ({
  ...jest.requireActual<typeof import('./redirect')>('./redirect'),
  goTo: jest.fn(),
}));
const goToMock = jest.mocked(goTo);

const routes = [{ path: '/credits', element: <CreditsPage /> }];

/** A price as the reader's locale writes it, e.g. usd(12) → "$12.00". */
function usd(major: number) {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(major);
}

function money(amount: number, currency = 'usd') {
  return { __typename: 'Money', amount, currency };
}

function me(available: number, owed = 0) {
  return {
    data: {
      me: {
        __typename: 'User',
        id: 'user-1',
        credits: {
          __typename: 'CreditBalance',
          available,
          held: 0,
          subscription: 0,
          purchased: available,
          owed,
        },
      },
    },
  };
}

const NO_MOVEMENTS = {
  data: {
    creditTransactions: {
      __typename: 'CreditTransactionConnection',
      edges: [],
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    },
  },
};

function pack(id: string, credits: number, cents: number, name = `${credits} credits`) {
  return { __typename: 'CreditPack', id, name, credits, price: money(cents), available: true };
}

function plan(id: string, name: string, monthlyCredits: number, cents: number) {
  return {
    __typename: 'SubscriptionPlan',
    id,
    name,
    description: `${monthlyCredits} credits every month`,
    monthlyCredits,
    price: money(cents),
    interval: 'month',
    available: true,
  };
}

const PACKS = [
  pack('pack-100', 100, 500),
  pack('pack-500', 500, 2000),
  pack('pack-2000', 2000, 6000, '2,000 credits'),
];
const PLANS = [plan('creator', 'Creator', 600, 1200), plan('studio', 'Studio', 2500, 4000)];

function catalog(enabled = true) {
  return {
    data: {
      billingCatalog: {
        __typename: 'BillingCatalog',
        enabled,
        packs: enabled ? PACKS : [],
        plans: enabled ? PLANS : [],
      },
    },
  };
}

function subscription(overrides: Record<string, unknown> = {}) {
  return {
    data: {
      subscription: {
        __typename: 'BillingSubscription',
        id: 'sub_1',
        plan: {
          __typename: 'SubscriptionPlan',
          id: 'creator',
          name: 'Creator',
          monthlyCredits: 600,
          price: money(1200),
          interval: 'month',
        },
        status: 'ACTIVE',
        cancelAtPeriodEnd: false,
        currentPeriodEnd: '2026-01-01T12:00:00.000Z',
        renewsAt: '2026-01-01T12:00:00.000Z',
        endsAt: null,
        ...overrides,
      },
    },
  };
}

function payment(index: number, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'BillingPayment',
    id: `pay-${index}`,
    kind: 'CREDIT_PACK',
    description: `Payment ${index}`,
    amount: money(2000),
    amountRefunded: 0,
    status: 'PAID',
    credits: 500,
    creditsReversed: 0,
    receiptUrl: `https://receipts.example/${index}`,
    periodStart: null,
    periodEnd: null,
    createdAt: new Date(Date.UTC(2025, 11, 20, 12, 0) - index * 3_600_000).toISOString(),
    ...overrides,
  };
}

function payments(nodes: Array<ReturnType<typeof payment>>, hasNextPage = false) {
  return {
    data: {
      billingHistory: {
        __typename: 'BillingHistoryConnection',
        edges: nodes.map((node) => ({
          __typename: 'BillingPaymentEdge',
          cursor: `p-${node.id}`,
          node,
        })),
        pageInfo: {
          __typename: 'PageInfo',
          hasNextPage,
          endCursor: nodes.length ? `p-${nodes[nodes.length - 1]!.id}` : null,
        },
      },
    },
  };
}

type Handler = (
  operation: ReceivedOperation,
) => FormattedExecutionResult | Promise<FormattedExecutionResult>;

/** The fake server of these tests: billing on, nothing bought; `handlers` change any answer. */
function billingServer(handlers: Record<string, Handler> = {}) {
  const defaults: Record<string, Handler> = {
    CreditBalance: () => me(100),
    CreditHistory: () => NO_MOVEMENTS,
    BillingCatalog: () => catalog(),
    MySubscription: () => ({ data: { subscription: null } }),
    BillingHistory: () => payments([]),
  };
  return createTestTransport((operation) => {
    const handler = handlers[operation.operationName] ?? defaults[operation.operationName];
    // Subscriptions (and anything not answered) stay open.
    return handler ? handler(operation) : new Promise(() => undefined);
  });
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function isBusy(button: HTMLElement) {
  return button.getAttribute('aria-busy') === 'true';
}

function isDisabled(button: HTMLElement) {
  return (button as HTMLButtonElement).disabled;
}

beforeEach(() => {
  goToMock.mockClear();
});

describe('buying credits and plans on the Credits page', () => {
  it('shows the packs and the plans with their prices', async () => {
    const transport = billingServer();
    render(renderApp(transport, routes, '/credits').ui);

    const packs = await screen.findByRole('list', { name: 'Credit packs' });
    const tiles = within(packs).getAllByTestId('credit-pack');
    expect(tiles).toHaveLength(3);
    expect(within(tiles[0]!).getByRole('heading', { name: '100 credits' })).toBeTruthy();
    expect(within(tiles[0]!).getByText(usd(5))).toBeTruthy();
    expect(within(tiles[0]!).getByText(`${usd(5)} per 100 credits`)).toBeTruthy();
    expect(within(tiles[2]!).getByText(usd(60))).toBeTruthy();
    expect(within(tiles[2]!).getByText(`${usd(3)} per 100 credits`)).toBeTruthy();
    expect(within(tiles[1]!).getByRole('button', { name: 'Buy 500 credits' })).toBeTruthy();

    const plans = screen.getByRole('list', { name: 'Plans' });
    const creator = within(plans).getAllByTestId('plan')[0]!;
    expect(within(creator).getByRole('heading', { name: 'Creator' })).toBeTruthy();
    expect(within(creator).getByText('600 credits a month')).toBeTruthy();
    expect(within(creator).getByText(`${usd(12)} per month`)).toBeTruthy();
    expect(within(creator).getByRole('button', { name: 'Subscribe to Creator' })).toBeTruthy();
  });

  it('opens a checkout for the pack and sends the browser to it', async () => {
    const answer = deferred<FormattedExecutionResult>();
    const transport = billingServer({ CreateCheckoutSession: () => answer.promise });
    render(renderApp(transport, routes, '/credits').ui);

    const buy = await screen.findByRole('button', { name: 'Buy 500 credits' });
    fireEvent.click(buy);

    // While the server opens the checkout, this button is busy and every other one waits.
    await waitFor(() => expect(isBusy(buy)).toBe(true));
    expect(isDisabled(screen.getByRole('button', { name: 'Buy 100 credits' }))).toBe(true);
    expect(isDisabled(screen.getByRole('button', { name: 'Subscribe to Creator' }))).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Buy 100 credits' }));

    answer.resolve({
      data: {
        createCheckoutSession: {
          __typename: 'CheckoutSession',
          id: 'cs_test_1',
          url: 'https://checkout.example/c/cs_test_1',
        },
      },
    });
    await waitFor(() =>
      expect(goToMock).toHaveBeenCalledWith('https://checkout.example/c/cs_test_1'),
    );
    expect(goToMock).toHaveBeenCalledTimes(1);
    const checkouts = transport.received.filter(
      (op) => op.operationName === 'CreateCheckoutSession',
    );
    expect(checkouts.map((op) => op.variables)).toEqual([{ input: { packId: 'pack-500' } }]);
  });

  it('subscribes to a plan through a checkout', async () => {
    const transport = billingServer({
      CreateCheckoutSession: () => ({
        data: {
          createCheckoutSession: {
            __typename: 'CheckoutSession',
            id: 'cs_test_2',
            url: 'https://checkout.example/c/cs_test_2',
          },
        },
      }),
    });
    render(renderApp(transport, routes, '/credits').ui);

    fireEvent.click(await screen.findByRole('button', { name: 'Subscribe to Studio' }));
    await waitFor(() =>
      expect(goToMock).toHaveBeenCalledWith('https://checkout.example/c/cs_test_2'),
    );
    expect(
      transport.received.find((op) => op.operationName === 'CreateCheckoutSession')?.variables,
    ).toEqual({ input: { planId: 'studio' } });
  });

  it('says why a checkout did not open and lets the person try again', async () => {
    const transport = billingServer({
      CreateCheckoutSession: () =>
        errorResult('PAYMENT_PROVIDER_UNAVAILABLE', 'The payment provider could not be reached.'),
    });
    render(renderApp(transport, routes, '/credits').ui);

    const buy = await screen.findByRole('button', { name: 'Buy 100 credits' });
    fireEvent.click(buy);

    const section = screen.getByRole('region', { name: 'Buy credits' });
    const alert = await within(section).findByRole('alert');
    expect(alert.textContent).toContain('Checkout didn’t open');
    expect(alert.textContent).toContain('Nothing was charged; try again in a minute.');
    expect(goToMock).not.toHaveBeenCalled();
    for (const name of ['Buy 100 credits', 'Buy 500 credits', 'Subscribe to Creator']) {
      const button = screen.getByRole('button', { name });
      expect(isBusy(button)).toBe(false);
      expect(isDisabled(button)).toBe(false);
    }
  });

  it('shows the catalogue again when the item is no longer on sale', async () => {
    const transport = billingServer({
      CreateCheckoutSession: () => errorResult('NOT_FOUND', 'That credit pack is not on sale.'),
    });
    render(renderApp(transport, routes, '/credits').ui);

    fireEvent.click(await screen.findByRole('button', { name: 'Buy 100 credits' }));
    expect((await screen.findByRole('alert')).textContent).toContain('no longer on sale');
    await waitFor(() =>
      expect(transport.received.filter((op) => op.operationName === 'BillingCatalog')).toHaveLength(
        2,
      ),
    );
  });

  it('says plainly that nothing can be bought when billing is off, with no buttons', async () => {
    const transport = billingServer({ BillingCatalog: () => catalog(false) });
    render(renderApp(transport, routes, '/credits').ui);

    const card = await screen.findByRole('region', { name: 'Buying credits' });
    expect(within(card).getByTestId('billing-off').textContent).toMatch(
      /isn’t available on this server, because its operators have not set up payments\. Credits can still be granted to you by the operators\./,
    );
    expect(within(card).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Buy|Subscribe|Manage billing)/ })).toBeNull();
    // Nothing was ever paid here, so there is no billing history to show either.
    await waitFor(() =>
      expect(transport.received.some((op) => op.operationName === 'BillingHistory')).toBe(true),
    );
    expect(screen.queryByRole('region', { name: 'Billing history' })).toBeNull();
    expect(screen.queryByText('No payments yet')).toBeNull();
  });

  it('keeps the payments made before billing was turned off, without Manage billing', async () => {
    const transport = billingServer({
      BillingCatalog: () => catalog(false),
      BillingHistory: () => payments([payment(1)]),
    });
    render(renderApp(transport, routes, '/credits').ui);

    const history = await screen.findByRole('region', { name: 'Billing history' });
    expect(within(history).getAllByTestId('billing-payment')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Manage billing' })).toBeNull();
  });

  it('shows the running plan with its renewal date; Manage billing opens the portal', async () => {
    const transport = billingServer({
      MySubscription: () => subscription(),
      CreateBillingPortalSession: () => ({
        data: {
          createBillingPortalSession: {
            __typename: 'BillingPortalSession',
            url: 'https://billing.example/p/session_1',
          },
        },
      }),
    });
    render(renderApp(transport, routes, '/credits').ui);

    const card = await screen.findByRole('region', { name: 'Your plan' });
    expect(within(card).getByTestId('my-plan-name').textContent).toBe('Creator');
    expect(within(card).getByText('Active')).toBeTruthy();
    expect(within(card).getByText(`600 credits a month · ${usd(12)} per month`)).toBeTruthy();
    expect(within(card).getByTestId('my-plan-date').textContent).toBe('Renews on Jan 1, 2026');
    // A second plan would be refused (ALREADY_SUBSCRIBED): none is offered.
    expect(screen.queryByRole('button', { name: /^Subscribe/ })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Plans' })).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Manage billing' })).toHaveLength(1);

    fireEvent.click(within(card).getByRole('button', { name: 'Manage billing' }));
    await waitFor(() =>
      expect(goToMock).toHaveBeenCalledWith('https://billing.example/p/session_1'),
    );
    expect(transport.received.some((op) => op.operationName === 'CreateBillingPortalSession')).toBe(
      true,
    );
  });

  it('says when a plan ends instead of renewing, and what a payment problem asks for', async () => {
    const transport = billingServer({
      MySubscription: () =>
        subscription({
          status: 'PAST_DUE',
          cancelAtPeriodEnd: true,
          renewsAt: null,
          endsAt: '2026-01-01T12:00:00.000Z',
        }),
    });
    render(renderApp(transport, routes, '/credits').ui);

    const card = await screen.findByRole('region', { name: 'Your plan' });
    expect(within(card).getByTestId('my-plan-date').textContent).toBe('Ends on Jan 1, 2026');
    expect(within(card).getByText('Payment past due')).toBeTruthy();
    expect(
      within(card).getByText(/Payment past due — update your payment method under Manage billing/),
    ).toBeTruthy();
  });

  it('offers the plans again after a plan ended, saying when it did', async () => {
    const transport = billingServer({
      MySubscription: () =>
        subscription({ status: 'CANCELED', renewsAt: null, endsAt: '2025-11-15T12:00:00.000Z' }),
    });
    render(renderApp(transport, routes, '/credits').ui);

    const card = await screen.findByRole('region', { name: 'Plans' });
    expect(within(card).getByText('Your Creator plan ended on Nov 15, 2025.')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Subscribe to Creator' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Your plan' })).toBeNull();
  });

  it('lists payments with their status, credits, receipts, and loads older ones', async () => {
    const first = [
      payment(1, {
        kind: 'SUBSCRIPTION',
        description: 'Creator plan',
        amount: money(1200),
        credits: 600,
        periodStart: '2025-12-01T12:00:00.000Z',
        periodEnd: '2025-12-31T12:00:00.000Z',
        receiptUrl: 'https://receipts.example/invoice-1',
      }),
      payment(2, { status: 'PARTIALLY_REFUNDED', amountRefunded: 1000 }),
      payment(3, { status: 'REFUNDED', amountRefunded: 2000, creditsReversed: 200 }),
      payment(4, { status: 'DISPUTED', receiptUrl: null }),
      ...Array.from({ length: PAYMENTS_PAGE_SIZE - 4 }, (_, index) => payment(index + 5)),
    ];
    const transport = billingServer({
      BillingHistory: (operation) =>
        operation.variables.after
          ? payments([payment(PAYMENTS_PAGE_SIZE + 1)], false)
          : payments(first, true),
    });
    render(renderApp(transport, routes, '/credits').ui);

    const list = await screen.findByRole('list', { name: 'Payments, newest first' });
    const rows = within(list).getAllByTestId('billing-payment');
    expect(rows).toHaveLength(PAYMENTS_PAGE_SIZE);

    expect(within(rows[0]!).getByText('Creator plan, Dec 1 – 31')).toBeTruthy();
    expect(within(rows[0]!).getByText(usd(12))).toBeTruthy();
    expect(within(rows[0]!).getByText('Paid')).toBeTruthy();
    expect(within(rows[0]!).getByTestId('payment-credits').textContent).toBe('+600 credits');
    const receipt = within(rows[0]!).getByRole('link', { name: /^Receipt for Creator plan/ });
    expect(receipt.getAttribute('href')).toBe('https://receipts.example/invoice-1');
    expect(receipt.getAttribute('target')).toBe('_blank');
    expect(receipt.getAttribute('rel')).toBe('noopener noreferrer');

    expect(within(rows[1]!).getByText('Partly refunded')).toBeTruthy();
    expect(within(rows[1]!).getByText(`${usd(10)} refunded`)).toBeTruthy();
    expect(within(rows[2]!).getByText('Refunded')).toBeTruthy();
    expect(within(rows[2]!).getByTestId('payment-credits').textContent).toBe(
      '+500 credits, 200 taken back',
    );
    expect(within(rows[3]!).getByText('Disputed')).toBeTruthy();
    expect(within(rows[3]!).queryByRole('link')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Load more payments' }));
    await waitFor(() =>
      expect(within(list).getAllByTestId('billing-payment')).toHaveLength(PAYMENTS_PAGE_SIZE + 1),
    );
    expect(screen.queryByRole('button', { name: 'Load more payments' })).toBeNull();
    const requests = transport.received.filter((op) => op.operationName === 'BillingHistory');
    expect(requests.map((op) => op.variables)).toEqual([
      { first: PAYMENTS_PAGE_SIZE },
      { first: PAYMENTS_PAGE_SIZE, after: `p-pay-${PAYMENTS_PAGE_SIZE}` },
    ]);
  });

  it('shows the empty billing history while billing is on', async () => {
    const transport = billingServer();
    render(renderApp(transport, routes, '/credits').ui);
    const history = await screen.findByRole('region', { name: 'Billing history' });
    expect(await within(history).findByRole('heading', { name: 'No payments yet' })).toBeTruthy();
    // Nothing bought yet: the portal would have no one to manage.
    expect(screen.queryByRole('button', { name: 'Manage billing' })).toBeNull();
  });

  it('offers Manage billing beside past payments, and words a refusal calmly', async () => {
    const transport = billingServer({
      BillingHistory: () => payments([payment(1)]),
      CreateBillingPortalSession: () =>
        errorResult('NO_BILLING_ACCOUNT', 'There is nothing to manage yet.'),
    });
    render(renderApp(transport, routes, '/credits').ui);

    const history = await screen.findByRole('region', { name: 'Billing history' });
    const manage = await within(history).findByRole('button', { name: 'Manage billing' });
    fireEvent.click(manage);
    expect(
      await screen.findByText(
        'There is nothing to manage yet: buy credits or choose a plan first.',
      ),
    ).toBeTruthy();
    expect(goToMock).not.toHaveBeenCalled();
    await waitFor(() => expect(isBusy(manage)).toBe(false));
  });

  it('warns that credits are owed and new generations are paused', async () => {
    const transport = billingServer({ CreditBalance: () => me(0, 120) });
    render(renderApp(transport, routes, '/credits').ui);

    const card = await screen.findByRole('region', { name: 'Balance' });
    expect(await within(card).findByText('120 credits owed')).toBeTruthy();
    const notice = within(card).getByTestId('credits-owed').textContent ?? '';
    expect(notice).toContain('refunded or disputed payment');
    expect(notice).toContain('owes 120 credits');
    expect(notice).toContain('New generations are paused until this is settled.');
    expect(notice).toContain('Credits you buy or are granted settle it first.');
    expect(await screen.findByTestId('buy-settles-owed')).toBeTruthy();
  });

  it('shows no owed notice while nothing is owed', async () => {
    const transport = billingServer();
    render(renderApp(transport, routes, '/credits').ui);
    await screen.findByTestId('credits-available');
    expect(screen.queryByTestId('credits-owed')).toBeNull();
  });

  it('says that a canceled checkout charged nothing, until dismissed', async () => {
    const transport = billingServer();
    const { router, ui } = renderApp(transport, routes, '/credits?checkout=canceled');
    render(ui);

    const notice = await screen.findByTestId('checkout-canceled');
    expect(notice.textContent).toBe('Checkout canceled — nothing was charged.');
    // The address forgets it, so a reload does not say it again.
    await waitFor(() => expect(router.state.location.search).toBe(''));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('checkout-canceled')).toBeNull();
  });

  it('reads the plan and the payments again when the balance changes', async () => {
    let push: (result: FormattedExecutionResult) => void = () => undefined;
    const transport = billingServer({
      CreditsChanged: () =>
        new Promise<FormattedExecutionResult>((resolve) => {
          push = resolve;
        }),
    });
    render(renderApp(transport, routes, '/credits').ui);
    await screen.findByRole('list', { name: 'Credit packs' });
    await waitFor(() =>
      expect(transport.received.some((op) => op.operationName === 'CreditsChanged')).toBe(true),
    );
    const count = (name: string) =>
      transport.received.filter((op) => op.operationName === name).length;
    expect(count('BillingHistory')).toBe(1);
    expect(count('MySubscription')).toBe(1);

    push({ data: { creditsChanged: me(600).data.me.credits } });
    await waitFor(() => expect(count('BillingHistory')).toBe(2));
    expect(count('MySubscription')).toBe(2);
    // The prices did not change with the balance.
    expect(count('BillingCatalog')).toBe(1);
  });
});
