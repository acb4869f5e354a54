import type { DataSource } from 'typeorm';
import {
  assertPageSize,
  cursorTimeSql,
  decodeCursor,
  encodeCursor,
} from '../../graphql/pagination';
import type { Logger } from '../../logger';
import { User } from '../accounts/user.entity';
import type { RateLimiter } from '../security/rate-limiter';
import type { BillingCatalogService } from './billing-catalog.service';
import { BillingCheckout, CheckoutStatus, PurchaseKind } from './billing-checkout.entity';
import { BillingCustomer } from './billing-customer.entity';
import { BillingSubscription } from './billing-subscription.entity';
import { BillingError, billingDisabled, providerUnavailable } from './billing.errors';
import {
  CheckoutOutcomeStatus,
  SubscriptionStatus,
  type BillingHistoryConnection,
  type BillingPayment,
  type BillingSubscription as BillingSubscriptionView,
  type CheckoutOutcome,
  type CheckoutSession,
} from './billing.types';
import { CREDIT_PACKS, SUBSCRIPTION_PLANS } from './catalog';
import type { PaymentGateway } from './payment-gateway';

/** A plan in one of these states still runs: another checkout would make a second one. */
const RUNNING_STATUSES = ['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete'];
const CHECKOUT_LIMIT = { action: 'billing-checkout', limit: 20, windowSeconds: 600 };

export function subscriptionStatus(stripeStatus: string): SubscriptionStatus {
  const status = stripeStatus.toUpperCase() as SubscriptionStatus;
  return Object.values(SubscriptionStatus).includes(status)
    ? status
    : SubscriptionStatus.INCOMPLETE;
}

/** Runs a Stripe call, turning its failure into one clear error (details go to the log only). */
async function callStripe<T>(logger: Logger, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    logger.error({ err: error }, `Stripe call failed: ${what}`);
    throw providerUnavailable();
  }
}

interface PaymentRow {
  id: string;
  kind: PurchaseKind;
  description: string;
  amount: number;
  currency: string;
  amount_refunded: number;
  status: BillingPayment['status'];
  credits: number;
  credits_reversed: number;
  receipt_url: string | null;
  period_start: Date | null;
  period_end: Date | null;
  created_at: Date;
  cursor_time: string;
}

/** Buying credits and plans: Stripe Checkout and Portal sessions, and what a user has bought. */
export class BillingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: BillingCatalogService,
    private readonly gateway: PaymentGateway | undefined,
    private readonly limiter: RateLimiter,
    private readonly publicUrl: URL,
    private readonly logger: Logger,
  ) {}

  private requireGateway(): PaymentGateway {
    if (!this.gateway || !this.catalog.enabled) throw billingDisabled();
    return this.gateway;
  }

  /** The user's Stripe Customer, created on first need and reused ever after. */
  private async customerId(gateway: PaymentGateway, userId: string): Promise<string> {
    const customers = this.dataSource.getRepository(BillingCustomer);
    const existing = await customers.findOneBy({ userId });
    if (existing) return existing.stripeCustomerId;
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    // Stripe's idempotency key makes concurrent first checkouts get the same customer.
    const stripeCustomerId = await callStripe(this.logger, 'create customer', () =>
      gateway.createCustomer({ userId, email: user.email, name: user.name }),
    );
    await customers
      .createQueryBuilder()
      .insert()
      .values({ userId, stripeCustomerId })
      .orIgnore()
      .execute();
    return (await customers.findOneByOrFail({ userId })).stripeCustomerId;
  }

  /** Opens a Stripe Checkout page for a pack (one-off payment) or a plan (subscription). */
  async createCheckoutSession(params: {
    userId: string;
    packId?: string | null;
    planId?: string | null;
  }): Promise<CheckoutSession> {
    const gateway = this.requireGateway();
    if (Boolean(params.packId) === Boolean(params.planId)) {
      throw new BillingError('BAD_USER_INPUT', 'Choose either a credit pack or a plan.');
    }
    const sale = params.packId
      ? this.catalog.pack(params.packId)
      : this.catalog.plan(params.planId!);
    if (!sale) {
      throw new BillingError(
        'NOT_FOUND',
        `That ${params.packId ? 'credit pack' : 'plan'} is not on sale. Choose one from the list.`,
      );
    }
    const kind = params.packId ? PurchaseKind.CREDIT_PACK : PurchaseKind.SUBSCRIPTION;
    if (kind === PurchaseKind.SUBSCRIPTION && (await this.runningSubscription(params.userId))) {
      throw new BillingError(
        'ALREADY_SUBSCRIBED',
        'You already have a plan. Change or cancel it under "Manage billing".',
      );
    }
    await this.limiter.consume(CHECKOUT_LIMIT, [params.userId]);
    const customerId = await this.customerId(gateway, params.userId);
    const base = new URL('/credits', this.publicUrl).toString();
    const session = await callStripe(this.logger, 'create checkout session', () =>
      gateway.createCheckoutSession({
        mode: kind === PurchaseKind.CREDIT_PACK ? 'payment' : 'subscription',
        customerId,
        priceId: sale.priceId,
        userId: params.userId,
        itemId: sale.item.id,
        // Stripe fills in {CHECKOUT_SESSION_ID} when it sends the browser back.
        successUrl: `${base}/return?session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${base}?checkout=canceled`,
      }),
    );
    if (!session.url) throw providerUnavailable();
    await this.dataSource.getRepository(BillingCheckout).insert({
      id: session.id,
      userId: params.userId,
      kind,
      itemId: sale.item.id,
    });
    return { id: session.id, url: session.url };
  }

  /** Opens Stripe's Customer Portal, where the user manages their plan and payment methods. */
  async createPortalSession(userId: string): Promise<string> {
    const gateway = this.requireGateway();
    const customer = await this.dataSource.getRepository(BillingCustomer).findOneBy({ userId });
    if (!customer) {
      throw new BillingError(
        'NO_BILLING_ACCOUNT',
        'There is nothing to manage yet: buy a pack or choose a plan first.',
      );
    }
    return callStripe(this.logger, 'create portal session', () =>
      gateway.createPortalSession({
        customerId: customer.stripeCustomerId,
        returnUrl: new URL('/credits', this.publicUrl).toString(),
      }),
    );
  }

  private runningSubscription(userId: string): Promise<BillingSubscription | null> {
    return this.dataSource
      .getRepository(BillingSubscription)
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.status IN (:...statuses)', {
        userId,
        statuses: RUNNING_STATUSES,
      })
      .orderBy('s.current_period_end', 'DESC')
      .getOne();
  }

  /** The user's running plan, or else the one that ended last; null if they never had one. */
  async subscription(userId: string): Promise<BillingSubscriptionView | null> {
    const row =
      (await this.runningSubscription(userId)) ??
      (await this.dataSource
        .getRepository(BillingSubscription)
        .findOne({ where: { userId }, order: { updatedAt: 'DESC' } }));
    if (!row) return null;
    const plan = SUBSCRIPTION_PLANS.find((candidate) => candidate.id === row.planId);
    const status = subscriptionStatus(row.status);
    const running = RUNNING_STATUSES.includes(row.status);
    return {
      id: row.id,
      plan: plan ? await this.catalog.planView(plan) : null,
      status,
      currentPeriodEnd: row.currentPeriodEnd,
      cancelAtPeriodEnd: row.cancelAtPeriodEnd,
      renewsAt: running && !row.cancelAtPeriodEnd && !row.cancelAt ? row.currentPeriodEnd : null,
      endsAt: row.endedAt ?? row.cancelAt ?? (row.cancelAtPeriodEnd ? row.currentPeriodEnd : null),
    };
  }

  /** My payments, newest first, as a Relay connection. */
  async history(params: {
    userId: string;
    first: number;
    after?: string | null;
  }): Promise<BillingHistoryConnection> {
    assertPageSize(params.first);
    const cursor = params.after ? decodeCursor(params.after) : null;
    const rows = (await this.dataSource.query(
      `SELECT id, kind, description, amount, currency, amount_refunded, status, credits,
              credits_reversed, receipt_url, period_start, period_end, created_at,
              ${cursorTimeSql('created_at')} AS cursor_time
       FROM billing_payments
       WHERE user_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC
       LIMIT $4`,
      [params.userId, cursor?.createdAt ?? null, cursor?.id ?? null, params.first + 1],
    )) as PaymentRow[];
    const page = rows.slice(0, params.first);
    return {
      edges: page.map((row) => ({
        cursor: encodeCursor(row),
        node: {
          id: row.id,
          kind: row.kind,
          description: row.description,
          amount: { amount: row.amount, currency: row.currency },
          amountRefunded: row.amount_refunded,
          status: row.status,
          credits: row.credits,
          creditsReversed: row.credits_reversed,
          receiptUrl: row.receipt_url,
          periodStart: row.period_start,
          periodEnd: row.period_end,
          createdAt: row.created_at,
        },
      })),
      pageInfo: {
        hasNextPage: rows.length > params.first,
        endCursor: page.length > 0 ? encodeCursor(page[page.length - 1]!) : null,
      },
    };
  }

  /**
   * What became of one of my checkouts. Until Stripe's webhook arrives, the session is read from
   * Stripe, so the return page can say "paid, your credits are on their way".
   */
  async checkoutOutcome(userId: string, sessionId: string): Promise<CheckoutOutcome> {
    const checkout = await this.dataSource
      .getRepository(BillingCheckout)
      .findOneBy({ id: sessionId, userId });
    if (!checkout) throw new BillingError('NOT_FOUND', 'There is no checkout with that id.');
    const itemName =
      checkout.kind === PurchaseKind.CREDIT_PACK
        ? (CREDIT_PACKS.find((pack) => pack.id === checkout.itemId)?.name ?? checkout.itemId)
        : `${SUBSCRIPTION_PLANS.find((plan) => plan.id === checkout.itemId)?.name ?? checkout.itemId} plan`;
    const outcome = (status: CheckoutOutcomeStatus, credits = 0): CheckoutOutcome => ({
      id: checkout.id,
      kind: checkout.kind,
      itemName,
      status,
      credits,
    });

    let subscriptionId = checkout.subscriptionId;
    let status = checkout.status;
    const credits = await this.grantedBy(checkout, subscriptionId);
    if (credits > 0) return outcome(CheckoutOutcomeStatus.FULFILLED, credits);
    if (status === CheckoutStatus.OPEN && this.gateway) {
      const gateway = this.gateway;
      const session = await callStripe(this.logger, 'retrieve checkout session', () =>
        gateway.retrieveCheckoutSession({ sessionId }),
      );
      status =
        session.status === 'complete'
          ? CheckoutStatus.COMPLETE
          : session.status === 'expired'
            ? CheckoutStatus.EXPIRED
            : CheckoutStatus.OPEN;
      subscriptionId =
        typeof session.subscription === 'string'
          ? session.subscription
          : (session.subscription?.id ?? null);
      const granted = await this.grantedBy(checkout, subscriptionId);
      if (granted > 0) return outcome(CheckoutOutcomeStatus.FULFILLED, granted);
    }
    switch (status) {
      case CheckoutStatus.COMPLETE:
        return outcome(CheckoutOutcomeStatus.PROCESSING);
      case CheckoutStatus.EXPIRED:
        return outcome(CheckoutOutcomeStatus.EXPIRED);
      case CheckoutStatus.FAILED:
        return outcome(CheckoutOutcomeStatus.FAILED);
      default:
        return outcome(CheckoutOutcomeStatus.OPEN);
    }
  }

  /** Credits a checkout has brought: the pack's payment, or the plan's first invoice. */
  private async grantedBy(
    checkout: BillingCheckout,
    subscriptionId: string | null,
  ): Promise<number> {
    const [row] = (await this.dataSource.query(
      checkout.kind === PurchaseKind.CREDIT_PACK
        ? `SELECT credits FROM billing_payments WHERE checkout_session_id = $1 AND user_id = $2`
        : `SELECT credits FROM billing_payments WHERE subscription_id = $1 AND user_id = $2
           ORDER BY created_at LIMIT 1`,
      [checkout.kind === PurchaseKind.CREDIT_PACK ? checkout.id : subscriptionId, checkout.userId],
    )) as Array<{ credits: number }>;
    return row?.credits ?? 0;
  }
}
