import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import type { BillingCatalogService } from './billing-catalog.service';
import type { BillingService } from './billing.service';
import {
  BillingCatalog,
  BillingHistoryConnection,
  BillingPortalSession,
  BillingSubscription,
  CheckoutOutcome,
  CheckoutSession,
  CreateCheckoutSessionInput,
} from './billing.types';

@Resolver()
export class BillingResolver {
  constructor(
    private readonly billing: BillingService,
    private readonly catalog: BillingCatalogService,
  ) {}

  @Query(() => BillingCatalog, { description: 'The credit packs and plans on sale, with prices' })
  billingCatalog(): Promise<BillingCatalog> {
    return this.catalog.catalog();
  }

  @Query(() => BillingSubscription, {
    nullable: true,
    description: 'My plan: the running one, else the one that ended last',
  })
  subscription(@Ctx() context: GraphQLContext): Promise<BillingSubscription | null> {
    return this.billing.subscription(requireIdentity(context).user.id);
  }

  @Query(() => BillingHistoryConnection, { description: 'My payments, newest first' })
  billingHistory(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<BillingHistoryConnection> {
    return this.billing.history({ userId: requireIdentity(context).user.id, first, after });
  }

  @Query(() => CheckoutOutcome, { description: 'What became of one of my checkouts' })
  checkoutSession(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<CheckoutOutcome> {
    return this.billing.checkoutOutcome(requireIdentity(context).user.id, id);
  }

  @Mutation(() => CheckoutSession, {
    description:
      'Opens a Stripe Checkout page for a credit pack or a plan; send the browser to its url',
  })
  createCheckoutSession(
    @Arg('input') input: CreateCheckoutSessionInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CheckoutSession> {
    return this.billing.createCheckoutSession({
      userId: requireIdentity(context).user.id,
      packId: input.packId,
      planId: input.planId,
    });
  }

  @Mutation(() => BillingPortalSession, {
    description: "Opens Stripe's billing portal to change or cancel my plan and payment methods",
  })
  async createBillingPortalSession(@Ctx() context: GraphQLContext): Promise<BillingPortalSession> {
    return { url: await this.billing.createPortalSession(requireIdentity(context).user.id) };
  }
}
