import Stripe from 'stripe';
import type { BillingConfig } from '../../config';

/** The Stripe API version every request and webhook payload is read in. */
export const STRIPE_API_VERSION = '2026-10-28.endive';

/** A Stripe Price as the catalogue shows it. */
export interface GatewayPrice {
  id: string;
  /** In the currency's minor unit (cents). */
  unitAmount: number;
  currency: string;
  /** For recurring prices: day, week, month or year. */
  interval: string | null;
  active: boolean;
}

/**
 * The payment processor, as billing uses it. The Stripe SDK is constructed here and nowhere else;
 * card data never reaches our servers: people pay on Stripe's hosted pages.
 */
export interface PaymentGateway {
  retrievePrice(params: { priceId: string }): Promise<GatewayPrice>;
  createCustomer(params: { userId: string; email: string; name: string }): Promise<string>;
  createCheckoutSession(params: {
    mode: 'payment' | 'subscription';
    customerId: string;
    priceId: string;
    userId: string;
    itemId: string;
    successUrl: string;
    cancelUrl: string;
  }): Promise<Stripe.Checkout.Session>;
  retrieveCheckoutSession(params: { sessionId: string }): Promise<Stripe.Checkout.Session>;
  createPortalSession(params: { customerId: string; returnUrl: string }): Promise<string>;
  retrieveSubscription(params: { subscriptionId: string }): Promise<Stripe.Subscription>;
  /** The invoice with its payments expanded (to find the charge a refund refers to). */
  retrieveInvoice(params: { invoiceId: string }): Promise<Stripe.Invoice>;
  /** The payment intent with its latest charge expanded (receipt, refunds). */
  retrievePaymentIntent(params: { paymentIntentId: string }): Promise<Stripe.PaymentIntent>;
  retrieveCharge(params: { chargeId: string }): Promise<Stripe.Charge>;
  /** Verifies a webhook's signature against the raw body; throws when it is forged or stale. */
  verifyEvent(params: { payload: Buffer; signature: string }): Stripe.Event;
}

/** How old a signed webhook may be before it is refused as a replay (Stripe's default). */
const WEBHOOK_TOLERANCE_SECONDS = 300;

export function createStripeGateway(config: BillingConfig): PaymentGateway {
  const stripe = new Stripe(config.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    host: config.apiUrl.hostname,
    port: config.apiUrl.port || (config.apiUrl.protocol === 'http:' ? 80 : 443),
    protocol: config.apiUrl.protocol === 'http:' ? 'http' : 'https',
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'aiofm' },
  });

  return {
    async retrievePrice({ priceId }) {
      const price = await stripe.prices.retrieve(priceId);
      return {
        id: price.id,
        unitAmount: price.unit_amount ?? 0,
        currency: price.currency,
        interval: price.recurring?.interval ?? null,
        active: price.active,
      };
    },

    async createCustomer({ userId, email, name }) {
      // The key makes a retried creation return the same customer instead of a second one.
      const customer = await stripe.customers.create(
        { email, name, metadata: { userId } },
        { idempotencyKey: `customer:${userId}` },
      );
      return customer.id;
    },

    createCheckoutSession(params) {
      const metadata = { userId: params.userId, itemId: params.itemId };
      return stripe.checkout.sessions.create({
        mode: params.mode,
        customer: params.customerId,
        client_reference_id: params.userId,
        line_items: [{ price: params.priceId, quantity: 1 }],
        success_url: params.successUrl,
        cancel_url: params.cancelUrl,
        metadata,
        ...(params.mode === 'payment'
          ? { payment_intent_data: { metadata } }
          : { subscription_data: { metadata } }),
      });
    },

    retrieveCheckoutSession: ({ sessionId }) => stripe.checkout.sessions.retrieve(sessionId),

    async createPortalSession({ customerId, returnUrl }) {
      const session = await stripe.billingPortal.sessions.create({
        customer: customerId,
        return_url: returnUrl,
      });
      return session.url;
    },

    retrieveSubscription: ({ subscriptionId }) => stripe.subscriptions.retrieve(subscriptionId),
    retrieveInvoice: ({ invoiceId }) =>
      stripe.invoices.retrieve(invoiceId, { expand: ['payments'] }),
    retrievePaymentIntent: ({ paymentIntentId }) =>
      stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge'] }),
    retrieveCharge: ({ chargeId }) => stripe.charges.retrieve(chargeId),

    verifyEvent: ({ payload, signature }) =>
      stripe.webhooks.constructEvent(
        payload,
        signature,
        config.webhookSecret,
        WEBHOOK_TOLERANCE_SECONDS,
      ),
  };
}
