import { Alert } from '../../ui';
import { creditsLabel } from './format';

/**
 * Credits owed: a payment was refunded or disputed after its credits were spent, so the account
 * is in debt and the server pauses new generations until the debt is settled.
 */
export function OwedNotice({ owed }: { owed: number }) {
  if (owed <= 0) return null;
  return (
    <Alert tone="warning" title={`${creditsLabel(owed)} owed`} className="credit-owed">
      <p data-testid="credits-owed">
        A refunded or disputed payment took back credits that had already been spent, so your
        account owes {creditsLabel(owed)}. New generations are paused until this is settled. Credits
        you buy or are granted settle it first.
      </p>
    </Alert>
  );
}
