import { Button } from '../../ui';
import type { ButtonVariant } from '../../ui';
import type { BillingActions } from './use-billing-actions';

/**
 * Opens the payment provider's billing portal (payment methods, invoices, the plan). Offered
 * only to people who have bought something: the server has no one to manage otherwise.
 */
export function ManageBillingButton({
  actions,
  variant = 'secondary',
}: {
  actions: BillingActions;
  variant?: ButtonVariant;
}) {
  return (
    <Button
      variant={variant}
      loading={actions.busy === 'portal'}
      disabled={actions.busy !== null && actions.busy !== 'portal'}
      onClick={actions.manageBilling}
    >
      Manage billing
    </Button>
  );
}
