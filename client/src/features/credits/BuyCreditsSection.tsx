import type { BillingCatalogQuery } from '../../gql/graphql';
import { Alert, Button, Card, EmptyState } from '../../ui';
import { creditsLabel } from './format';
import { formatMoney, pricePerHundredCredits } from './money';
import { actionKey } from './use-billing-actions';
import type { BillingActions } from './use-billing-actions';

export type CreditPack = BillingCatalogQuery['billingCatalog']['packs'][number];

function PackTile({ pack, actions }: { pack: CreditPack; actions: BillingActions }) {
  const key = actionKey({ kind: 'pack', id: pack.id });
  const onSale = pack.available && pack.price !== null;
  const size = creditsLabel(pack.credits);
  return (
    <li className="offer" data-testid="credit-pack">
      <h3 className="offer__name">{pack.name}</h3>
      {/* The name usually is the size ("500 credits"); say it only when it is not. */}
      {pack.name !== size && <p className="offer__credits">{size}</p>}
      {pack.price ? (
        <p className="offer__price">
          <span className="offer__amount">{formatMoney(pack.price)}</span>
          <span className="offer__unit-price">
            {pricePerHundredCredits(pack.price, pack.credits)}
          </span>
        </p>
      ) : null}
      {!onSale && <p className="offer__note">Not on sale right now.</p>}
      <Button
        className="offer__action"
        loading={actions.busy === key}
        disabled={!onSale || (actions.busy !== null && actions.busy !== key)}
        onClick={() => actions.checkout({ kind: 'pack', id: pack.id })}
      >
        Buy<span className="visually-hidden"> {pack.name}</span>
      </Button>
    </li>
  );
}

/**
 * Credit packs: one-off purchases of credits that never expire. Buy opens the payment
 * provider's checkout; the credits arrive once it confirms the payment.
 */
export function BuyCreditsSection({
  packs,
  owed,
  actions,
}: {
  packs: readonly CreditPack[];
  owed: number;
  actions: BillingActions;
}) {
  const failure = actions.checkoutError?.kind === 'pack' ? actions.checkoutError : null;
  return (
    <Card
      title="Buy credits"
      description="Bought credits never expire. You pay on the payment provider’s secure page and come back here."
    >
      {owed > 0 && (
        <p className="offer-note" data-testid="buy-settles-owed">
          The first {creditsLabel(owed)} of a purchase settle what your account owes.
        </p>
      )}
      {failure && (
        <Alert tone="danger" title="Checkout didn’t open">
          {failure.message}
        </Alert>
      )}
      {packs.length > 0 ? (
        <ul className="offers" aria-label="Credit packs">
          {packs.map((pack) => (
            <PackTile key={pack.id} pack={pack} actions={actions} />
          ))}
        </ul>
      ) : (
        <EmptyState
          compact
          headingLevel={3}
          title="Nothing on sale right now"
          message="This server offers no credit packs at the moment. Check again later."
        />
      )}
    </Card>
  );
}
