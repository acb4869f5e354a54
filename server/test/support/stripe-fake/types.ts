import type Stripe from 'stripe';

// The shapes the fake's parts share. The public ones are re-exported from index.ts.

export const FAKE_API_VERSION = '2026-10-28.endive';

/** One request the fake received, with form and query parameters parsed into nested values. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  headers: Record<string, string | undefined>;
}

/** The `error` member of a Stripe error response. */
export interface StripeErrorBody {
  type: string;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
  decline_code?: string;
}

export interface FailNextOptions {
  /** Defaults to 500. */
  status?: number;
  /** Defaults to the `api_error` Stripe answers with when something breaks on its side. */
  error?: StripeErrorBody;
  /** How many matching requests fail; defaults to 1, so a client that retries then succeeds. */
  times?: number;
  /** Extra response headers, e.g. `{ 'stripe-should-retry': 'false' }`. */
  headers?: Record<string, string>;
}

export interface AddPriceOptions {
  id: string;
  /** In the currency's minor unit (cents). */
  unitAmount: number;
  currency?: string;
  /** Leave out for a one-off price. */
  interval?: 'day' | 'week' | 'month' | 'year';
  /** Prices with the same product name share one product. */
  productName: string;
  active?: boolean;
  metadata?: Record<string, string>;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface DeliverOptions {
  secret: string;
  /** Unix seconds the signature claims; defaults to now. */
  timestamp?: number;
  /** Replaces the computed `v1` signature (to send a forged one). */
  signature?: string;
  /** Replaces the whole `Stripe-Signature` header; `null` sends none. */
  header?: string | null;
}

export interface DeliveryResult {
  status: number;
  /** The endpoint's answer parsed, when it is a JSON object; otherwise empty. */
  body: Record<string, unknown>;
  /** The endpoint's answer as received. */
  text: string;
}

/** A webhook the fake delivered itself; status 0 when the endpoint could not be reached. */
export interface Delivery extends DeliveryResult {
  event: Stripe.Event;
}

export interface StripeFakeOptions {
  /** The only API key the fake accepts. */
  secretKey?: string;
  host?: string;
}

export type Metadata = Record<string, string>;
export type EventType = Stripe.Event['type'];
export type EventOf<T extends EventType> = Extract<Stripe.Event, { type: T }>;
export type JsonObject = Record<string, unknown>;
export type PaymentState = 'succeeded' | 'processing' | 'failed';
export type Period = { start: number; end: number };

export interface LineItemInput {
  price: string;
  quantity: number;
}

/** What a Checkout Session was created with that its public object does not show. */
export interface CheckoutDetails {
  lineItems: LineItemInput[];
  paymentIntentMetadata: Metadata;
  subscriptionMetadata: Metadata;
}

export interface InvoiceLineInput {
  price: Stripe.Price;
  quantity: number;
  amount: number;
  period: Period;
  subscriptionItem: string;
  proration: boolean;
  description: string;
}
