import { useQuery } from '@apollo/client/react';
import { BillingHistoryDocument } from '../../gql/graphql';
import type { BillingHistoryQuery } from '../../gql/graphql';
import { Button, Card, EmptyState, ErrorState, LoadingState, StatusBadge } from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { formatDate } from '../settings/format';
import { formatPeriod, paymentStatusWords } from './billing-format';
import { creditsLabel, formatCredits } from './format';
import { ManageBillingButton } from './ManageBillingButton';
import { formatMoney } from './money';
import { isWebUrl } from './redirect';
import type { BillingActions } from './use-billing-actions';
import { useLoadMore } from '../../app/use-load-more';

/** How many payments each page of the billing history holds. */
export const PAYMENTS_PAGE_SIZE = 20;

export type Payment = BillingHistoryQuery['billingHistory']['edges'][number]['node'];

/** The person's payments, newest first; pages are joined in the cache like the credit history. */
export function useBillingHistory() {
  return useQuery(BillingHistoryDocument, {
    variables: { first: PAYMENTS_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    refetchWritePolicy: 'merge',
    notifyOnNetworkStatusChange: true,
  });
}

export type BillingHistory = ReturnType<typeof useBillingHistory>;

/** "Creator plan, Dec 1 – 31": a plan's payment names the period it paid for. */
function paymentTitle(payment: Payment): string {
  if (payment.kind !== 'SUBSCRIPTION' || !payment.periodStart || !payment.periodEnd) {
    return payment.description;
  }
  const period = formatPeriod(payment.periodStart, payment.periodEnd);
  return period ? `${payment.description}, ${period}` : payment.description;
}

function PaymentRow({ payment }: { payment: Payment }) {
  const status = paymentStatusWords(payment.status);
  const title = paymentTitle(payment);
  const date = formatDate(payment.createdAt);
  const refunded =
    payment.amountRefunded > 0 && payment.status !== 'REFUNDED'
      ? `${formatMoney({ amount: payment.amountRefunded, currency: payment.amount.currency })} refunded`
      : null;
  return (
    <li className="payments__row" data-testid="billing-payment">
      <div className="payments__main">
        <span className="payments__description">{title}</span>
        <span className="payments__meta">
          <time dateTime={payment.createdAt}>{date}</time>
          {isWebUrl(payment.receiptUrl) && (
            <>
              {' · '}
              <a href={payment.receiptUrl} target="_blank" rel="noopener noreferrer">
                Receipt
                <span className="visually-hidden">
                  {' '}
                  for {title}, {date} (opens in a new tab)
                </span>
              </a>
            </>
          )}
        </span>
      </div>
      <div className="payments__figures">
        <span className="payments__amount">{formatMoney(payment.amount)}</span>
        <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
        {refunded && <span className="payments__meta">{refunded}</span>}
        <span className="payments__meta" data-testid="payment-credits">
          {payment.credits > 0 ? `+${creditsLabel(payment.credits)}` : 'No credits'}
          {payment.creditsReversed > 0 && `, ${formatCredits(payment.creditsReversed)} taken back`}
        </span>
      </div>
    </li>
  );
}

/**
 * Every payment with its receipt: packs bought and plan invoices, with what they brought and
 * what refunds or disputes took back.
 */
export function BillingHistorySection({
  history,
  canManage,
  actions,
}: {
  history: BillingHistory;
  /** Offers Manage billing here (when the plan card does not already offer it). */
  canManage: boolean;
  actions: BillingActions;
}) {
  const { data, error, loading, refetch, fetchMore } = history;

  const connection = data?.billingHistory;
  const payments = connection?.edges.map((edge) => edge.node) ?? [];
  const pageInfo = connection?.pageInfo;
  const { loadingMore, loadMore } = useLoadMore({
    pageInfo,
    fetchMore,
    pageSize: PAYMENTS_PAGE_SIZE,
    failureTitle: 'Could not load older payments',
    toastId: 'billing-history-more',
  });

  let body;
  if (connection && payments.length > 0) {
    body = (
      <ul className="payments" aria-label="Payments, newest first">
        {payments.map((payment) => (
          <PaymentRow key={payment.id} payment={payment} />
        ))}
      </ul>
    );
  } else if (connection) {
    body = (
      <EmptyState
        compact
        headingLevel={3}
        title="No payments yet"
        message="Credits you buy and the payments for a plan will be listed here, with their receipts."
      />
    );
  } else if (error) {
    body = (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t load your payments"
        message={errorMessage(readApiError(error))}
        onRetry={() => void refetch()}
        retrying={loading}
      />
    );
  } else {
    body = <LoadingState compact label="Loading your payments…" />;
  }

  return (
    <Card
      title="Billing history"
      description="Your payments, newest first, with the credits each one added."
      headerAside={
        canManage && payments.length > 0 ? <ManageBillingButton actions={actions} /> : undefined
      }
      footer={
        pageInfo?.hasNextPage ? (
          <Button loading={loadingMore} onClick={() => void loadMore()}>
            Load more<span className="visually-hidden"> payments</span>
          </Button>
        ) : undefined
      }
    >
      {body}
    </Card>
  );
}
