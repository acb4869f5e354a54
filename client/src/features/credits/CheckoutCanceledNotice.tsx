import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, CloseIcon } from '../../ui';

/**
 * The payment provider sends the browser back to `/credits?checkout=canceled` when the person
 * leaves its checkout page. Say that nothing was charged, until dismissed; the parameter is
 * dropped at once so a reload or a shared address does not say it again.
 */
export function CheckoutCanceledNotice() {
  const [params, setParams] = useSearchParams();
  const canceled = params.get('checkout') === 'canceled';
  // Read once: the address loses the parameter right after.
  const [shown, setShown] = useState(canceled);

  useEffect(() => {
    if (!canceled) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('checkout');
        return next;
      },
      { replace: true },
    );
  }, [canceled, setParams]);

  if (!shown) return null;
  return (
    <Alert
      tone="info"
      className="checkout-canceled"
      actions={
        <Button
          variant="ghost"
          size="sm"
          icon={<CloseIcon size={16} />}
          onClick={() => setShown(false)}
        >
          Dismiss
        </Button>
      }
    >
      <p data-testid="checkout-canceled">Checkout canceled — nothing was charged.</p>
    </Alert>
  );
}
