import { useQuery } from '@apollo/client/react';
import { CreditHistoryDocument, MySubscriptionDocument } from '../../gql/graphql';
import { Button, Card, EmptyState, ErrorState, LoadingState } from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { BillingHistorySection, useBillingHistory } from './BillingHistorySection';
import { BillingOffer, useBillingCatalog } from './BillingOffer';
import { isRunning } from './billing-format';
import { CheckoutCanceledNotice } from './CheckoutCanceledNotice';
import { formatCredits, historyLine } from './format';
import type { CreditMovement } from './format';
import { OwedNotice } from './OwedNotice';
import type { SubscriptionState } from './PlansSection';
import { useBillingActions } from './use-billing-actions';
import { useCreditBalance } from './use-credit-balance';
import { useLoadMore } from '../../app/use-load-more';
import './credits.css';

/** How many movements each page of the history holds. */
export const HISTORY_PAGE_SIZE = 20;

interface Balance {
  available: number;
  held: number;
  subscription: number;
  purchased: number;
  owed: number;
}

const PARTS: Array<{
  key: keyof Omit<Balance, 'available' | 'owed'>;
  label: string;
  explanation: string;
}> = [
  {
    key: 'subscription',
    label: 'Subscription',
    explanation: 'From your plan; they expire at the end of the plan’s period.',
  },
  {
    key: 'purchased',
    label: 'Purchased',
    explanation: 'Bought or granted to you; they never expire.',
  },
  {
    key: 'held',
    label: 'Held',
    explanation: 'Set aside for work in progress; refunded automatically if the work fails.',
  },
];

function BalanceCard({ balance }: { balance: ReturnType<typeof useCreditBalance> }) {
  const { credits, loading, error, refetching, refetch } = balance;

  let body;
  if (credits) {
    body = (
      <div className="credit-balance">
        <p className="credit-balance__available">
          <span className="credit-balance__number" data-testid="credits-available">
            {formatCredits(credits.available)}
          </span>
          <span className="credit-balance__unit">available</span>
        </p>
        <OwedNotice owed={credits.owed} />
        <dl className="credit-balance__parts">
          {PARTS.map((part) => (
            <div key={part.key} className="credit-balance__part">
              <dt>{part.label}</dt>
              <dd className="credit-balance__part-value">{formatCredits(credits[part.key])}</dd>
              <dd className="credit-balance__part-explanation">{part.explanation}</dd>
            </div>
          ))}
        </dl>
      </div>
    );
  } else if (error) {
    body = (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t load your balance"
        message={errorMessage(readApiError(error))}
        onRetry={() => void refetch()}
        retrying={refetching}
      />
    );
  } else if (loading) {
    body = <LoadingState compact label="Loading your balance…" />;
  } else {
    body = null;
  }

  return (
    <Card
      title="Balance"
      description="Available credits are what you can spend now: your subscription and purchased credits together."
    >
      {body}
    </Card>
  );
}

function HistoryRow({ movement }: { movement: CreditMovement }) {
  const line = historyLine(movement);
  return (
    <li className="credit-history__row" data-testid="credit-movement">
      <div className="credit-history__main">
        <span className="credit-history__description">{line.description}</span>
        <time className="credit-history__when" dateTime={line.createdAt}>
          {line.when}
        </time>
      </div>
      <div className="credit-history__figures">
        <span
          className={`credit-history__amount credit-history__amount--${line.direction}`}
          aria-hidden="true"
        >
          {line.amount}
        </span>
        <span className="visually-hidden">{line.amountLabel}</span>
        <span className="credit-history__after">Balance {line.balanceAfter}</span>
      </div>
    </li>
  );
}

function useCreditHistory() {
  return useQuery(CreditHistoryDocument, {
    variables: { first: HISTORY_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    // A refetch (after a change, a retry or a reconnect) joins the lines already loaded.
    refetchWritePolicy: 'merge',
    notifyOnNetworkStatusChange: true,
  });
}

function HistoryCard({ history }: { history: ReturnType<typeof useCreditHistory> }) {
  const { data, error, loading, refetch, fetchMore } = history;

  const connection = data?.creditTransactions;
  const movements = connection?.edges.map((edge) => edge.node) ?? [];
  const pageInfo = connection?.pageInfo;
  const { loadingMore, loadMore } = useLoadMore({
    pageInfo,
    fetchMore,
    pageSize: HISTORY_PAGE_SIZE,
    failureTitle: 'Could not load older movements',
    toastId: 'credit-history-more',
  });

  let body;
  if (connection && movements.length > 0) {
    body = (
      <ul className="credit-history" aria-label="Credit movements, newest first">
        {movements.map((movement) => (
          <HistoryRow key={movement.id} movement={movement} />
        ))}
      </ul>
    );
  } else if (connection) {
    body = (
      <EmptyState
        compact
        headingLevel={3}
        title="No credit movements yet"
        message="No credit movements yet. Credits you receive and spend will be listed here, newest first."
      />
    );
  } else if (error) {
    body = (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t load your credit history"
        message={errorMessage(readApiError(error))}
        onRetry={() => void refetch()}
        retrying={loading}
      />
    );
  } else {
    body = <LoadingState compact label="Loading your credit history…" />;
  }

  return (
    <Card
      title="History"
      description="Every credit in and out of your account, with what was available after it."
      footer={
        pageInfo?.hasNextPage ? (
          <Button loading={loadingMore} onClick={() => void loadMore()}>
            Load more
          </Button>
        ) : undefined
      }
    >
      {body}
    </Card>
  );
}

/** The person's plan: the running one, else the one that ended last (null if never one). */
function useMySubscription(): SubscriptionState {
  const query = useQuery(MySubscriptionDocument, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  return {
    subscription: query.data ? query.data.subscription : undefined,
    loading: query.loading,
    error: query.data ? undefined : query.error,
    refetch: () => void query.refetch(),
  };
}

/**
 * /credits: the signed-in person's balance, live, what they can buy (packs and plans), their
 * plan, and the history of their credits and of their payments.
 */
export function CreditsPage() {
  const history = useCreditHistory();
  const catalog = useBillingCatalog();
  const plan = useMySubscription();
  const payments = useBillingHistory();
  const actions = useBillingActions();
  // A change of balance is a new line in the history: fetch the newest page again (the cache
  // puts it in front of the lines already loaded). Purchases, plan renewals and refunds change
  // the balance too, so the plan and the payments are read again with it.
  // Fresh on every visit: a change made just before the live feed started (the welcome credits
  // granted as the email is confirmed) would otherwise stay unseen in the cached balance.
  const balance = useCreditBalance({
    fresh: true,
    onChange: () => {
      void history.refetch();
      void payments.refetch();
      plan.refetch();
    },
  });

  const billingEnabled = catalog.data?.billingCatalog.enabled === true;
  const hasPayments = (payments.data?.billingHistory.edges.length ?? 0) > 0;
  const running = Boolean(plan.subscription && isRunning(plan.subscription.status));
  // Until the plan is known, Manage billing might belong on the plan card instead.
  const planKnown = plan.subscription !== undefined || Boolean(plan.error);
  return (
    <div className="credits-page">
      <header className="page-header">
        <title>Credits · aiofm</title>
        <h1>Credits</h1>
        <p className="page-header__lead">
          Credits pay for the images and videos you create. Your balance updates as you use them.
        </p>
      </header>
      <CheckoutCanceledNotice />
      <BalanceCard balance={balance} />
      <BillingOffer
        catalog={catalog}
        plan={plan}
        owed={balance.credits?.owed ?? 0}
        actions={actions}
      />
      <HistoryCard history={history} />
      {/* Without payments on this server, a list of payments is only worth showing if it has some. */}
      {(billingEnabled || hasPayments) && (
        <BillingHistorySection
          history={payments}
          // The plan card offers it already; the portal needs the payment provider.
          canManage={billingEnabled && planKnown && !running}
          actions={actions}
        />
      )}
    </div>
  );
}
