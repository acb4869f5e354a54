import type Stripe from 'stripe';
import { missing } from './errors';
import { makeId } from './params';
import type { CheckoutDetails, Delivery, RecordedRequest, WebhookTarget } from './types';

/**
 * Everything the fake holds. The API, the simulations and the hosted pages all work on it;
 * `StripeFake` extends it, so tests see the same fields.
 */
export class FakeState {
  /** `http://127.0.0.1:<port>`: the base of the hosted pages' URLs. */
  readonly url: string;
  /** Every request received, in order (API calls and hosted pages). */
  readonly requests: RecordedRequest[] = [];
  /** Every event the simulation helpers produced, in order (also served at /v1/events/:id). */
  readonly events: Stripe.Event[] = [];
  /** Webhooks the fake delivered itself (hosted checkout page, `sendEvents`). */
  readonly deliveries: Delivery[] = [];
  /** When set, paying on the hosted checkout page delivers the resulting events here. */
  webhook: WebhookTarget | null = null;

  // The live state, by id. Tests may read (or tweak) it; responses and events are copies.
  readonly prices = new Map<string, Stripe.Price>();
  readonly products = new Map<string, Stripe.Product>();
  readonly customers = new Map<string, Stripe.Customer>();
  readonly sessions = new Map<string, Stripe.Checkout.Session>();
  readonly portalSessions = new Map<string, Stripe.BillingPortal.Session>();
  readonly subscriptions = new Map<string, Stripe.Subscription>();
  readonly invoices = new Map<string, Stripe.Invoice>();
  /** By invoice id: its payments, which Stripe shows only when `payments` is expanded. */
  readonly invoicePayments = new Map<string, Stripe.InvoicePayment[]>();
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly disputes = new Map<string, Stripe.Dispute>();

  // The fake's own bookkeeping, which Stripe does not show: what each session was created with.
  readonly checkoutDetails = new Map<string, CheckoutDetails>();
  readonly portalConfiguration = makeId('bpc_');

  constructor(url: string) {
    this.url = url;
  }
}

export function mustGet<T>(store: Map<string, T>, kind: string, id: string): T {
  const found = store.get(id);
  if (!found) throw missing(kind, id, 'id', 404);
  return found;
}
