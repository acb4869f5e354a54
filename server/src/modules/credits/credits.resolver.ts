import { randomUUID } from 'node:crypto';
import {
  Arg,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { DataSource } from 'typeorm';
import { requireIdentity, RequireRole } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { assertPageSize } from '../../graphql/pagination';
import { Role, User } from '../accounts/user.entity';
import { creditHistory, describe } from './credit-history';
import { CreditsError } from './credits.errors';
import { AdminGrantCreditsInput } from './credits.inputs';
import { CreditBalance, CreditTransaction, CreditTransactionConnection } from './credits.types';
import { TransferKind } from './ledger-transfer.entity';
import {
  CREDITS_CHANGED_TOPIC,
  type CreditsChangedEvent,
  type LedgerService,
} from './ledger.service';

@Resolver(() => User)
export class UserCreditsResolver {
  constructor(private readonly ledger: LedgerService) {}

  @FieldResolver(() => CreditBalance, { description: 'My credits (only on my own user)' })
  credits(@Root() user: User): Promise<CreditBalance> {
    return this.ledger.summary(user.id);
  }
}

@Resolver()
export class CreditsResolver {
  constructor(
    private readonly ledger: LedgerService,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => CreditTransactionConnection, { description: 'My credit movements, newest first' })
  creditTransactions(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<CreditTransactionConnection> {
    assertPageSize(first);
    return creditHistory(this.dataSource, {
      userId: requireIdentity(context).user.id,
      first,
      after,
    });
  }

  @Subscription(() => CreditBalance, {
    topics: CREDITS_CHANGED_TOPIC,
    filter: ({ payload, context }: { payload: CreditsChangedEvent; context: GraphQLContext }) =>
      payload.userId === context.identity?.user.id,
    description: 'My balance, pushed after every change',
  })
  creditsChanged(@Root() event: CreditsChangedEvent): Promise<CreditBalance> {
    return this.ledger.summary(event.userId);
  }

  @RequireRole(Role.ADMIN)
  @Mutation(() => CreditTransaction, {
    description: 'Grants credits to a user, with a reason (admins only)',
  })
  async adminGrantCredits(
    @Arg('input') input: AdminGrantCreditsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CreditTransaction> {
    const admin = requireIdentity(context).user;
    if (!(await this.dataSource.getRepository(User).existsBy({ id: input.userId }))) {
      throw new CreditsError('NOT_FOUND', 'There is no user with that id.');
    }
    const metadata = { reason: input.reason, grantedBy: admin.id };
    const { transfer } = await this.ledger.grant({
      userId: input.userId,
      amount: input.amount,
      kind: TransferKind.ADMIN_GRANT,
      key: `admin-grant:${input.idempotencyKey ?? randomUUID()}`,
      metadata,
    });
    context.logger.info(
      { adminId: admin.id, userId: input.userId, amount: input.amount },
      'credits granted',
    );
    return {
      id: transfer.id,
      kind: transfer.kind,
      amount: Number(transfer.amount),
      balanceAfter: Number(transfer.userBalanceAfter ?? 0),
      description: describe(transfer.kind, transfer.metadata, null),
      reference: null,
      createdAt: transfer.createdAt,
    };
  }
}
