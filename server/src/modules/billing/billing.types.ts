import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { PageInfo } from '../../graphql/pagination';
import { PurchaseKind } from './billing-checkout.entity';
import { PaymentStatus } from './billing-payment.entity';

registerEnumType(PurchaseKind, { name: 'PurchaseKind', description: 'A credit pack or a plan' });
registerEnumType(PaymentStatus, {
  name: 'PaymentStatus',
  description: 'Where a payment stands after refunds and disputes',
});

/** A subscription's state, from Stripe's statuses. */
export enum SubscriptionStatus {
  ACTIVE = 'ACTIVE',
  TRIALING = 'TRIALING',
  PAST_DUE = 'PAST_DUE',
  UNPAID = 'UNPAID',
  PAUSED = 'PAUSED',
  INCOMPLETE = 'INCOMPLETE',
  INCOMPLETE_EXPIRED = 'INCOMPLETE_EXPIRED',
  CANCELED = 'CANCELED',
}
registerEnumType(SubscriptionStatus, { name: 'SubscriptionStatus' });

/** What the return page knows about a checkout. */
export enum CheckoutOutcomeStatus {
  /** Not paid yet. */
  OPEN = 'OPEN',
  /** Paid on Stripe's page; the credits arrive as soon as Stripe confirms it to us. */
  PROCESSING = 'PROCESSING',
  /** The credits (or the plan's first allowance) are in the wallet. */
  FULFILLED = 'FULFILLED',
  EXPIRED = 'EXPIRED',
  FAILED = 'FAILED',
}
registerEnumType(CheckoutOutcomeStatus, { name: 'CheckoutOutcomeStatus' });

@ObjectType({ description: 'An amount of money in the currency’s minor unit (e.g. cents)' })
export class Money {
  @Field(() => Int)
  amount!: number;

  @Field({ description: 'ISO 4217, lower case (usd, eur, …)' })
  currency!: string;
}

@ObjectType({ description: 'Credits bought once; they never expire' })
export class CreditPack {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  credits!: number;

  @Field(() => Money, { nullable: true, description: 'Null while the price cannot be read' })
  price!: Money | null;

  @Field({ description: 'Whether it can be bought right now' })
  available!: boolean;
}

@ObjectType({ description: 'A subscription with a monthly allowance of credits' })
export class SubscriptionPlan {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => Int)
  monthlyCredits!: number;

  @Field(() => Money, { nullable: true })
  price!: Money | null;

  @Field(() => String, { nullable: true, description: 'Billing interval: month, year, …' })
  interval!: string | null;

  @Field()
  available!: boolean;
}

@ObjectType()
export class BillingCatalog {
  @Field({ description: 'False when the server has no payment provider: nothing can be bought' })
  enabled!: boolean;

  @Field(() => [CreditPack])
  packs!: CreditPack[];

  @Field(() => [SubscriptionPlan])
  plans!: SubscriptionPlan[];
}

@ObjectType({ description: 'My plan, as Stripe last reported it' })
export class BillingSubscription {
  @Field(() => ID)
  id!: string;

  @Field(() => SubscriptionPlan, { nullable: true })
  plan!: SubscriptionPlan | null;

  @Field(() => SubscriptionStatus)
  status!: SubscriptionStatus;

  @Field()
  currentPeriodEnd!: Date;

  @Field()
  cancelAtPeriodEnd!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it renews, if it will' })
  renewsAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it ends or ended, if it does' })
  endsAt!: Date | null;
}

@ObjectType({ description: 'One payment: a credit pack or a plan’s invoice' })
export class BillingPayment {
  @Field(() => ID)
  id!: string;

  @Field(() => PurchaseKind)
  kind!: PurchaseKind;

  @Field()
  description!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => Int, { description: 'Refunded so far, in the minor unit' })
  amountRefunded!: number;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => Int, { description: 'Credits it granted' })
  credits!: number;

  @Field(() => Int, { description: 'Credits refunds and disputes took back' })
  creditsReversed!: number;

  @Field(() => String, { nullable: true, description: 'Stripe’s receipt or invoice page' })
  receiptUrl!: string | null;

  @Field(() => Date, { nullable: true, description: 'For a plan: the period it paid for' })
  periodStart!: Date | null;

  @Field(() => Date, { nullable: true })
  periodEnd!: Date | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class BillingPaymentEdge {
  @Field()
  cursor!: string;

  @Field(() => BillingPayment)
  node!: BillingPayment;
}

@ObjectType()
export class BillingHistoryConnection {
  @Field(() => [BillingPaymentEdge])
  edges!: BillingPaymentEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: 'A Stripe Checkout page to send the browser to' })
export class CheckoutSession {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;
}

@ObjectType({ description: 'What became of a checkout, for the page Stripe returns to' })
export class CheckoutOutcome {
  @Field(() => ID)
  id!: string;

  @Field(() => PurchaseKind)
  kind!: PurchaseKind;

  @Field({ description: 'The pack or plan bought' })
  itemName!: string;

  @Field(() => CheckoutOutcomeStatus)
  status!: CheckoutOutcomeStatus;

  @Field(() => Int, { description: 'Credits granted so far by this checkout' })
  credits!: number;
}

@ObjectType()
export class BillingPortalSession {
  @Field()
  url!: string;
}

const ITEM_ID = /^[a-z0-9-]+$/;

@InputType({ description: 'Give exactly one: a pack to buy or a plan to subscribe to' })
export class CreateCheckoutSessionInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 60)
  @Matches(ITEM_ID, { message: 'Give a pack id from billingCatalog.' })
  packId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 60)
  @Matches(ITEM_ID, { message: 'Give a plan id from billingCatalog.' })
  planId?: string | null;
}
