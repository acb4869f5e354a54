import type Stripe from 'stripe';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../logger';
import type { LedgerService } from '../credits/ledger.service';
import type { BillingCatalogService } from './billing-catalog.service';
import type { PaymentGateway } from './payment-gateway';

/** What the webhook handlers need. */
export interface WebhookDeps {
  dataSource: DataSource;
  ledger: LedgerService;
  gateway: PaymentGateway;
  catalog: BillingCatalogService;
  logger: Logger;
}

/** The database side of an event, run in the transaction that records the event as processed. */
export type Effect = (manager: EntityManager, touched: Set<string>) => Promise<void>;

/**
 * A handler reads what it needs from Stripe first (outside any transaction: network calls must
 * not hold locks), then returns the effect to apply.
 */
export type EventHandler = (event: Stripe.Event, deps: WebhookDeps) => Promise<Effect>;

/** Thrown when an event cannot be applied yet; the webhook answers 500 and Stripe retries. */
export class RetryLater extends Error {
  override name = 'RetryLater';
}

/** An id from a field Stripe sends either as an id or as an expanded object. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

export const fromUnix = (seconds: number) => new Date(seconds * 1000);

/** The user behind a Stripe Customer, if the customer is one of ours. */
export async function userOfCustomer(
  manager: EntityManager | DataSource,
  customerId: string | null,
): Promise<string | null> {
  if (!customerId) return null;
  const [row] = (await manager.query(
    'SELECT user_id FROM billing_customers WHERE stripe_customer_id = $1',
    [customerId],
  )) as Array<{ user_id: string }>;
  return row?.user_id ?? null;
}

export const NOTHING: Effect = async () => undefined;
