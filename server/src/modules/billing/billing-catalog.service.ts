import type { BillingConfig } from '../../config';
import type { Logger } from '../../logger';
import {
  CREDIT_PACKS,
  SUBSCRIPTION_PLANS,
  type CreditPackDefinition,
  type SubscriptionPlanDefinition,
} from './catalog';
import type { GatewayPrice, PaymentGateway } from './payment-gateway';
import type { BillingCatalog, CreditPack, SubscriptionPlan } from './billing.types';

/** Prices change rarely; reading them at most this often keeps the page fast. */
const PRICE_CACHE_MS = 10 * 60_000;

/** A catalogue item that is on sale: it has a Stripe Price configured. */
export interface SaleItem<T> {
  item: T;
  priceId: string;
}

/**
 * The catalogue as it is on sale here: the items whose Stripe Price is configured, with the price
 * read from Stripe (cached), so what is shown is what Stripe will charge.
 */
export class BillingCatalogService {
  private readonly prices = new Map<string, { price: GatewayPrice | null; readAt: number }>();

  constructor(
    private readonly config: BillingConfig | undefined,
    private readonly gateway: PaymentGateway | undefined,
    private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config && this.gateway);
  }

  pack(id: string): SaleItem<CreditPackDefinition> | undefined {
    const item = CREDIT_PACKS.find((pack) => pack.id === id);
    const priceId = item && this.config?.priceIds[item.priceVariable];
    return item && priceId ? { item, priceId } : undefined;
  }

  plan(id: string): SaleItem<SubscriptionPlanDefinition> | undefined {
    const item = SUBSCRIPTION_PLANS.find((plan) => plan.id === id);
    const priceId = item && this.config?.priceIds[item.priceVariable];
    return item && priceId ? { item, priceId } : undefined;
  }

  /** The plan sold through this Stripe Price, if any. */
  planByPrice(priceId: string): SubscriptionPlanDefinition | undefined {
    return SUBSCRIPTION_PLANS.find((plan) => this.config?.priceIds[plan.priceVariable] === priceId);
  }

  private async price(priceId: string): Promise<GatewayPrice | null> {
    const cached = this.prices.get(priceId);
    if (cached && Date.now() - cached.readAt < PRICE_CACHE_MS) return cached.price;
    try {
      const price = await this.gateway!.retrievePrice({ priceId });
      this.prices.set(priceId, { price, readAt: Date.now() });
      return price;
    } catch (error) {
      // Shown as unavailable, and asked again on the next request.
      this.logger.warn({ err: error, priceId }, 'could not read a Stripe price');
      return cached?.price ?? null;
    }
  }

  async planView(plan: SubscriptionPlanDefinition): Promise<SubscriptionPlan> {
    const priceId = this.config?.priceIds[plan.priceVariable];
    const price = priceId ? await this.price(priceId) : null;
    return {
      id: plan.id,
      name: plan.name,
      description: plan.description,
      monthlyCredits: plan.monthlyCredits,
      price: price ? { amount: price.unitAmount, currency: price.currency } : null,
      interval: price?.interval ?? null,
      available: Boolean(price?.active && price.interval),
    };
  }

  async catalog(): Promise<BillingCatalog> {
    if (!this.enabled) return { enabled: false, packs: [], plans: [] };
    const packs = CREDIT_PACKS.flatMap((pack) => (this.pack(pack.id) ? [pack] : []));
    const plans = SUBSCRIPTION_PLANS.flatMap((plan) => (this.plan(plan.id) ? [plan] : []));
    return {
      enabled: true,
      packs: await Promise.all(
        packs.map(async (pack): Promise<CreditPack> => {
          const price = await this.price(this.pack(pack.id)!.priceId);
          return {
            id: pack.id,
            name: pack.name,
            credits: pack.credits,
            price: price ? { amount: price.unitAmount, currency: price.currency } : null,
            available: Boolean(price?.active && !price.interval),
          };
        }),
      ),
      plans: await Promise.all(plans.map((plan) => this.planView(plan))),
    };
  }
}
