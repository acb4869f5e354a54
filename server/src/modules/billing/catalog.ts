/**
 * What can be bought: credit packs (one-off payments) and subscription plans (a monthly
 * allowance). This is the one place the offer is defined; each item is sold through the Stripe
 * Price named by its environment variable, and what it costs is read from that Price, so the
 * amount shown is always the amount charged.
 */

/** A one-off purchase of credits that never expire. */
export interface CreditPackDefinition {
  id: string;
  name: string;
  credits: number;
  /** The environment variable that holds the pack's Stripe Price id. */
  priceVariable: string;
}

/** A subscription that grants `monthlyCredits` at the start of every period. */
export interface SubscriptionPlanDefinition {
  id: string;
  name: string;
  monthlyCredits: number;
  description: string;
  priceVariable: string;
}

export const CREDIT_PACKS: readonly CreditPackDefinition[] = [
  { id: 'pack-100', name: '100 credits', credits: 100, priceVariable: 'STRIPE_PRICE_PACK_100' },
  { id: 'pack-500', name: '500 credits', credits: 500, priceVariable: 'STRIPE_PRICE_PACK_500' },
  {
    id: 'pack-2000',
    name: '2,000 credits',
    credits: 2000,
    priceVariable: 'STRIPE_PRICE_PACK_2000',
  },
];

export const SUBSCRIPTION_PLANS: readonly SubscriptionPlanDefinition[] = [
  {
    id: 'creator',
    name: 'Creator',
    monthlyCredits: 600,
    description: '600 credits every month, for regular image work',
    priceVariable: 'STRIPE_PRICE_PLAN_CREATOR',
  },
  {
    id: 'studio',
    name: 'Studio',
    monthlyCredits: 2500,
    description: '2,500 credits every month, for video and heavy use',
    priceVariable: 'STRIPE_PRICE_PLAN_STUDIO',
  },
];

/** Every variable that maps a catalogue item to a Stripe Price. */
export const PRICE_VARIABLES = [
  ...CREDIT_PACKS.map((pack) => pack.priceVariable),
  ...SUBSCRIPTION_PLANS.map((plan) => plan.priceVariable),
];
