import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { addPrice } from './catalog';
import { FakeHttp } from './http';
import * as simulate from './simulations';
import { FakeState } from './state';
import type {
  AddPriceOptions,
  DeliverOptions,
  Delivery,
  FailNextOptions,
  RecordedRequest,
  StripeFakeOptions,
} from './types';
import { deliver, sendEvents, signedHeader } from './webhooks';
import { failRequest } from './wire';

/**
 * A loopback stand-in for the Stripe API (version 2026-10-28.endive) and its hosted pages, for
 * integration and browser tests. The real `stripe` client talks to it unchanged. The simulation
 * helpers play Stripe's side (a buyer paying, a renewal, a refund) and return the events Stripe
 * would send; tests deliver them to the app's webhook with `deliver` or `fake.sendEvents`.
 *
 * Objects are typed as the stripe package's resources, so the compiler holds every response to
 * the documented shape of this API version.
 */

export { FAKE_API_VERSION } from './types';
export type {
  AddPriceOptions,
  DeliverOptions,
  Delivery,
  DeliveryResult,
  FailNextOptions,
  RecordedRequest,
  StripeErrorBody,
  StripeFakeOptions,
  WebhookTarget,
} from './types';
export { makeId, maskKey, parseStripeParams } from './params';
export { deliver, eventPayload, signedHeader } from './webhooks';

/** The fake's state (see FakeState) with its server, test controls and simulations. */
export class StripeFake extends FakeState {
  private readonly front: FakeHttp;

  constructor(
    private readonly server: http.Server,
    host: string,
    readonly port: number,
    secretKey: string,
  ) {
    super(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    const front = new FakeHttp(this, secretKey);
    this.front = front;
    server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      front.handle(request, response).catch((error: Error) => failRequest(response, error));
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve, reject) => {
      // The Stripe client keeps its sockets alive, which would hold close() open.
      this.server.closeAllConnections();
      this.server.close((error) => (error ? reject(error) : resolve()));
    });
  }

  // --- Test controls ---------------------------------------------------------------------------

  /** The next request(s) whose path starts with `match`, or that `match` accepts, fail. */
  failNext(match: string | ((request: RecordedRequest) => boolean), options: FailNextOptions = {}) {
    this.front.failNext(match, options);
  }

  addPrice(options: AddPriceOptions): Stripe.Price {
    return addPrice(this, options);
  }

  /** The module's `signedHeader`, for tests that hold only the fake. */
  signedHeader(payload: string, secret: string, timestamp?: number): string {
    return signedHeader(payload, secret, timestamp);
  }

  /** The module's `deliver`, for tests that hold only the fake. */
  deliver(webhookUrl: string, event: Stripe.Event | string, options: DeliverOptions) {
    return deliver(webhookUrl, event, options);
  }

  /** Delivers events to `fake.webhook` one after another, as Stripe would, and records them. */
  sendEvents(events: Stripe.Event[]): Promise<Delivery[]> {
    return sendEvents(this, events);
  }

  // --- Simulations: what happens on Stripe's side -------------------------------------------

  /**
   * The buyer pays on the hosted page. Payment mode: a payment intent and its charge.
   * Subscription mode: a subscription, its first invoice and that invoice's payment. With
   * `asyncPayment` (a bank debit) the payment is still processing and the session unpaid;
   * `succeedAsyncPayment` or `failAsyncPayment` settles it later.
   */
  completeCheckout(sessionId: string, options: { asyncPayment?: boolean } = {}): Stripe.Event[] {
    return simulate.completeCheckout(this, sessionId, options);
  }

  /** The delayed payment of a completed checkout succeeds. */
  succeedAsyncPayment(sessionId: string): Stripe.Event[] {
    return simulate.succeedAsyncPayment(this, sessionId);
  }

  /** The delayed payment of a completed checkout fails; the session stays unpaid. */
  failAsyncPayment(sessionId: string): Stripe.Event[] {
    return simulate.failAsyncPayment(this, sessionId);
  }

  expireCheckout(sessionId: string): Stripe.Event[] {
    return simulate.expireCheckout(this, sessionId);
  }

  /**
   * The current period ends: the next one starts and its invoice is paid (with `paymentFails`
   * it stays open and the subscription goes past due). A subscription set to cancel at the
   * end of the period ends instead.
   */
  renewSubscription(
    subscriptionId: string,
    options: { paymentFails?: boolean } = {},
  ): Stripe.Event[] {
    return simulate.renewSubscription(this, subscriptionId, options);
  }

  /**
   * The subscriber switches its first item to another recurring price and pays at once
   * (`proration_behavior: always_invoice`). The fake prorates the whole period, so the invoice
   * is for the difference; another interval restarts the period.
   */
  changePlan(subscriptionId: string, newPriceId: string): Stripe.Event[] {
    return simulate.changePlan(this, subscriptionId, newPriceId);
  }

  cancelSubscription(subscriptionId: string, options: { atPeriodEnd: boolean }): Stripe.Event[] {
    return simulate.cancelSubscription(this, subscriptionId, options);
  }

  /** Refunds `amount` of a charge, by default all that is left. */
  refundCharge(chargeId: string, amount?: number): Stripe.Event[] {
    return simulate.refundCharge(this, chargeId, amount);
  }

  /** The card holder's bank disputes `amount` of a charge, by default all of it. */
  createDispute(chargeId: string, amount?: number): Stripe.Event[] {
    return simulate.createDispute(this, chargeId, amount);
  }

  closeDispute(disputeId: string, outcome: 'won' | 'lost'): Stripe.Event[] {
    return simulate.closeDispute(this, disputeId, outcome);
  }
}

/** Starts the fake on `host` and a free port; give the Stripe client that host and `fake.port`. */
export async function startStripeFake(options: StripeFakeOptions = {}): Promise<StripeFake> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return new StripeFake(server, host, port, options.secretKey ?? 'sk_test_fake');
}
