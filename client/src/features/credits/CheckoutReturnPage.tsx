import { useId, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { CheckoutOutcomeDocument } from '../../gql/graphql';
import type { CheckoutOutcomeQuery } from '../../gql/graphql';
import {
  Button,
  CheckCircleIcon,
  EmptyState,
  ErrorState,
  LoadingState,
  ProgressBar,
  buttonClass,
} from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { creditsLabel } from './format';
import { useCreditBalance } from './use-credit-balance';
import './credits.css';

type Outcome = CheckoutOutcomeQuery['checkoutSession'];

/** "12:04 PM": when the page last asked, in the reader's locale. */
function formatTime(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(date);
}

function BackToCredits({ label = 'Back to Credits' }: { label?: string }) {
  return (
    <Link className={buttonClass('primary')} to="/credits">
      {label}
    </Link>
  );
}

/** The checkout is unknown to this account, or the address lost its `session_id`. */
function CheckoutNotFound({ missing }: { missing: boolean }) {
  return (
    <ErrorState
      headingLevel={1}
      title="Checkout not found"
      message={
        missing
          ? 'This address does not say which checkout to look up; it may have been cut short.'
          : 'There is no checkout with this address for your account. It may belong to another account you use.'
      }
      nextStep="Your balance and payments on the Credits page show every purchase that went through."
      actions={<BackToCredits />}
    />
  );
}

/** "500 credits added", "Creator plan is active: 600 credits added". */
export function fulfilledTitle(outcome: Pick<Outcome, 'kind' | 'itemName' | 'credits'>): string {
  const added = `${creditsLabel(outcome.credits)} added`;
  return outcome.kind === 'SUBSCRIPTION' ? `${outcome.itemName} is active: ${added}` : added;
}

/**
 * Paid, waiting for the server to hear it from the payment provider (a webhook, usually within
 * seconds). The page follows the balance live and looks again at each change.
 */
function Confirming({
  outcome,
  checking,
  checkedAt,
  onCheck,
}: {
  outcome: Outcome;
  checking: boolean;
  checkedAt: Date | null;
  onCheck: () => void;
}) {
  const titleId = useId();
  return (
    <section className="state checkout-return" aria-labelledby={titleId}>
      <h1 id={titleId} className="state__title">
        Confirming your payment…
      </h1>
      <p className="state__message">
        {outcome.status === 'PROCESSING'
          ? `Your payment for ${outcome.itemName} went through. The credits are added as soon as the payment provider confirms it, usually within a few seconds.`
          : `Waiting for the payment provider to confirm your payment for ${outcome.itemName}. This usually takes a few seconds.`}
      </p>
      <ProgressBar
        className="checkout-return__progress"
        label="Waiting for confirmation"
        value={null}
        showValue={false}
      />
      <p className="state__details">
        This page updates by itself. You can also leave it: the credits arrive either way.
      </p>
      <p className="state__details" role="status">
        {checkedAt && !checking ? `Not confirmed yet (checked at ${formatTime(checkedAt)}).` : ''}
      </p>
      <div className="state__actions">
        <Button variant="primary" loading={checking} onClick={onCheck}>
          Check again
        </Button>
        <Link className={buttonClass('secondary')} to="/credits">
          Back to Credits
        </Link>
      </div>
    </section>
  );
}

function CheckoutOutcomeView({ id }: { id: string }) {
  const query = useQuery(CheckoutOutcomeDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);
  const outcome = query.data?.checkoutSession;
  const waiting = outcome?.status === 'OPEN' || outcome?.status === 'PROCESSING';

  // The credits come with a creditsChanged event: each one is a reason to look again, so the
  // page turns to "added" without polling.
  useCreditBalance({
    onChange: () => {
      if (waiting) void query.refetch();
    },
  });

  async function checkAgain() {
    try {
      await query.refetch();
    } finally {
      setCheckedAt(new Date());
    }
  }

  if (!outcome) {
    if (query.error) {
      const problem = readApiError(query.error);
      if (problem.code === 'NOT_FOUND') return <CheckoutNotFound missing={false} />;
      return (
        <ErrorState
          headingLevel={1}
          title="Can’t check your payment"
          message={errorMessage(problem)}
          nextStep="If you paid, the credits still arrive: they show on the Credits page."
          onRetry={() => void query.refetch()}
          retrying={query.loading}
          actions={
            <Link className={buttonClass('secondary')} to="/credits">
              Back to Credits
            </Link>
          }
        />
      );
    }
    return <LoadingState label="Checking your payment…" />;
  }

  switch (outcome.status) {
    case 'OPEN':
    case 'PROCESSING':
      return (
        <Confirming
          outcome={outcome}
          checking={query.loading}
          checkedAt={checkedAt}
          onCheck={() => void checkAgain()}
        />
      );
    case 'FULFILLED':
      return (
        <EmptyState
          headingLevel={1}
          icon={<CheckCircleIcon size={24} />}
          title={fulfilledTitle(outcome)}
          message={
            outcome.kind === 'SUBSCRIPTION'
              ? 'Thank you for subscribing. Your plan adds its credits at the start of every period; manage it on the Credits page.'
              : `Thank you for buying ${outcome.itemName}. Bought credits never expire.`
          }
          action={<BackToCredits label="Go to Credits" />}
        />
      );
    case 'EXPIRED':
      return (
        <ErrorState
          headingLevel={1}
          title="This checkout expired"
          message="The checkout page was open too long and closed before a payment was made. Nothing was charged."
          nextStep="Go back to Credits and start again."
          actions={<BackToCredits />}
        />
      );
    case 'FAILED':
      return (
        <ErrorState
          headingLevel={1}
          title="The payment didn’t go through"
          message="The payment could not be completed, so no credits were added."
          nextStep="Go back to Credits and try again, perhaps with another payment method."
          actions={<BackToCredits />}
        />
      );
  }
}

/**
 * /credits/return?session_id=…: where the payment provider sends the browser after paying. Says
 * what became of the checkout, and waits live for the credits while the payment is confirmed.
 */
export function CheckoutReturnPage() {
  const [params] = useSearchParams();
  const id = params.get('session_id');
  return (
    <div className="checkout-return-page">
      <title>Your payment · aiofm</title>
      {id ? <CheckoutOutcomeView key={id} id={id} /> : <CheckoutNotFound missing />}
    </div>
  );
}
