import { useEffect, useState } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import {
  BillingCatalogDocument,
  CreateBillingPortalSessionDocument,
  CreateCheckoutSessionDocument,
  MySubscriptionDocument,
} from '../../gql/graphql';
import { useToast } from '../../ui';
import { billingError } from './billing-errors';
import { goTo, isWebUrl } from './redirect';

/** What a checkout is for: a credit pack or a plan. */
export type CheckoutItem = { kind: 'pack'; id: string } | { kind: 'plan'; id: string };

/** Names one action on the page: `pack:pack-500`, `plan:creator`, `portal`. */
export function actionKey(item: CheckoutItem | 'portal'): string {
  return item === 'portal' ? 'portal' : `${item.kind}:${item.id}`;
}

export interface CheckoutFailure {
  kind: CheckoutItem['kind'];
  message: string;
}

export interface BillingActions {
  /** The action that is on its way to the payment provider, or null: one at a time. */
  busy: string | null;
  /** Why the last checkout did not open, for the section it was started from. */
  checkoutError: CheckoutFailure | null;
  checkout: (item: CheckoutItem) => void;
  manageBilling: () => void;
}

/** The provider answered without a usable address; nothing happened, like an outage. */
const NO_ADDRESS = 'The payment provider can’t be reached right now. Try again in a minute.';

/**
 * Buying a pack, subscribing to a plan and opening the billing portal: each asks the server for
 * a page of the payment provider and sends the browser there. While one is on its way the other
 * buttons wait, so two checkouts are never opened at once.
 */
export function useBillingActions(): BillingActions {
  const apollo = useApolloClient();
  const toast = useToast();
  const [createCheckout] = useMutation(CreateCheckoutSessionDocument);
  const [createPortal] = useMutation(CreateBillingPortalSessionDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const [checkoutError, setCheckoutError] = useState<CheckoutFailure | null>(null);

  // The button stays busy while the browser leaves. Coming back with the Back button can show
  // this very page from the browser's memory (back/forward cache), busy button included.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) setBusy(null);
    };
    window.addEventListener('pageshow', onPageShow);
    return () => window.removeEventListener('pageshow', onPageShow);
  }, []);

  async function checkout(item: CheckoutItem) {
    if (busy) return;
    setBusy(actionKey(item));
    setCheckoutError(null);
    try {
      const input = item.kind === 'pack' ? { packId: item.id } : { planId: item.id };
      const result = await createCheckout({ variables: { input } });
      const url = result.data?.createCheckoutSession.url;
      if (!isWebUrl(url)) {
        setCheckoutError({ kind: item.kind, message: NO_ADDRESS });
        setBusy(null);
        return;
      }
      goTo(url);
    } catch (failure) {
      const problem = billingError(failure);
      setCheckoutError({ kind: item.kind, message: problem.message });
      setBusy(null);
      // The page was out of date: the offer changed, payments were turned off, or a plan started
      // in another tab. Show what is true now.
      if (problem.code === 'NOT_FOUND' || problem.code === 'BILLING_DISABLED') {
        void apollo.refetchQueries({ include: [BillingCatalogDocument] });
      }
      if (problem.code === 'ALREADY_SUBSCRIBED') {
        void apollo.refetchQueries({ include: [MySubscriptionDocument] });
      }
    }
  }

  async function manageBilling() {
    if (busy) return;
    setBusy('portal');
    try {
      const result = await createPortal();
      const url = result.data?.createBillingPortalSession.url;
      if (!isWebUrl(url)) {
        toast.show({
          id: 'billing-portal',
          tone: 'danger',
          title: 'Billing can’t be opened',
          message: NO_ADDRESS,
        });
        setBusy(null);
        return;
      }
      goTo(url);
    } catch (failure) {
      const problem = billingError(failure);
      // Nobody to manage yet is not a failure: say what to do first.
      const nothingYet = problem.code === 'NO_BILLING_ACCOUNT';
      toast.show({
        id: 'billing-portal',
        tone: nothingYet ? 'info' : 'danger',
        title: nothingYet ? undefined : 'Billing can’t be opened',
        message: problem.message,
      });
      setBusy(null);
    }
  }

  return {
    busy,
    checkoutError,
    checkout: (item) => void checkout(item),
    manageBilling: () => void manageBilling(),
  };
}
