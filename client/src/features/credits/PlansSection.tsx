import type { BillingCatalogQuery, MySubscriptionQuery } from '../../gql/graphql';
import { Alert, Button, Card, ErrorState, LoadingState, StatusBadge } from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { formatDate } from '../settings/format';
import { isRunning, planDateLine, subscriptionStatusWords } from './billing-format';
import { creditsLabel } from './format';
import { ManageBillingButton } from './ManageBillingButton';
import { formatRecurringPrice } from './money';
import { actionKey } from './use-billing-actions';
import type { BillingActions } from './use-billing-actions';

export type Plan = BillingCatalogQuery['billingCatalog']['plans'][number];
export type MyPlan = NonNullable<MySubscriptionQuery['subscription']>;

/** The subscription query as the section needs it. */
export interface SubscriptionState {
  subscription: MyPlan | null | undefined;
  loading: boolean;
  error: unknown;
  refetch: () => void;
}

function PlanTile({ plan, actions }: { plan: Plan; actions: BillingActions }) {
  const key = actionKey({ kind: 'plan', id: plan.id });
  const onSale = plan.available && plan.price !== null;
  return (
    <li className="offer" data-testid="plan">
      <h3 className="offer__name">{plan.name}</h3>
      <p className="offer__description">{plan.description}</p>
      <p className="offer__credits">{creditsLabel(plan.monthlyCredits)} a month</p>
      {plan.price ? (
        <p className="offer__price">
          <span className="offer__amount">{formatRecurringPrice(plan.price, plan.interval)}</span>
        </p>
      ) : null}
      {!onSale && <p className="offer__note">Not on sale right now.</p>}
      <Button
        className="offer__action"
        loading={actions.busy === key}
        disabled={!onSale || (actions.busy !== null && actions.busy !== key)}
        onClick={() => actions.checkout({ kind: 'plan', id: plan.id })}
      >
        Subscribe<span className="visually-hidden"> to {plan.name}</span>
      </Button>
    </li>
  );
}

/** The running plan: what it is, whether all is well, what happens next, and Manage billing. */
function YourPlanCard({
  subscription,
  actions,
}: {
  subscription: MyPlan;
  actions: BillingActions;
}) {
  const status = subscriptionStatusWords(subscription.status);
  const plan = subscription.plan;
  const facts = plan
    ? [
        `${creditsLabel(plan.monthlyCredits)} a month`,
        plan.price ? formatRecurringPrice(plan.price, plan.interval) : null,
      ].filter(Boolean)
    : [];
  const ending = subscription.cancelAtPeriodEnd || Boolean(subscription.endsAt);
  return (
    <Card
      title="Your plan"
      description="Change or cancel your plan, and update your payment method, in the billing portal."
      headerAside={
        <StatusBadge tone={status.tone} className="plan-status">
          {status.label}
        </StatusBadge>
      }
      footer={<ManageBillingButton actions={actions} variant="primary" />}
    >
      <div className="my-plan">
        <p className="my-plan__name" data-testid="my-plan-name">
          {plan?.name ?? 'A plan no longer offered'}
        </p>
        {facts.length > 0 && <p className="my-plan__facts">{facts.join(' · ')}</p>}
        <p className="my-plan__date" data-testid="my-plan-date">
          {planDateLine(subscription)}
        </p>
        {ending && (
          <p className="my-plan__hint">
            It won’t renew. Its credits can be used until then; buy credits to keep some that never
            expire.
          </p>
        )}
        {status.advice && (
          <Alert
            tone={status.tone === 'danger' || status.tone === 'warning' ? status.tone : 'info'}
            announce="none"
          >
            {status.advice}
          </Alert>
        )}
      </div>
    </Card>
  );
}

/**
 * Plans: a monthly allowance of credits. With a plan running, the section is that plan and its
 * billing portal instead; the server refuses a second plan (ALREADY_SUBSCRIBED), so none is
 * offered.
 */
export function PlansSection({
  plans,
  plan,
  actions,
}: {
  plans: readonly Plan[];
  plan: SubscriptionState;
  actions: BillingActions;
}) {
  const { subscription } = plan;
  if (subscription && isRunning(subscription.status)) {
    return <YourPlanCard subscription={subscription} actions={actions} />;
  }

  const failure = actions.checkoutError?.kind === 'plan' ? actions.checkoutError : null;
  let body;
  if (subscription !== undefined) {
    body = (
      <ul className="offers" aria-label="Plans">
        {plans.map((item) => (
          <PlanTile key={item.id} plan={item} actions={actions} />
        ))}
      </ul>
    );
  } else if (plan.error) {
    body = (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t load your plan"
        message={errorMessage(readApiError(plan.error))}
        onRetry={plan.refetch}
        retrying={plan.loading}
      />
    );
  } else {
    // Plans are offered only once it is known that none is running.
    body = <LoadingState compact label="Loading your plan…" />;
  }

  // The plan that ended last, so a returning subscriber knows where they stand.
  const ended = subscription
    ? `${subscription.plan ? `Your ${subscription.plan.name} plan` : 'Your last plan'} ended on ${formatDate(subscription.endsAt ?? subscription.currentPeriodEnd)}.`
    : null;

  return (
    <Card
      title="Plans"
      description="A plan adds credits at the start of every period. They expire at its end; bought credits don’t."
    >
      {ended && <p className="offer-note">{ended}</p>}
      {failure && (
        <Alert tone="danger" title="Checkout didn’t open">
          {failure.message}
        </Alert>
      )}
      {body}
    </Card>
  );
}
