import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import { TransferKind } from './ledger-transfer.entity';

registerEnumType(TransferKind, { name: 'CreditTransactionKind', description: 'Why credits moved' });

@ObjectType({ description: "A user's credits at a glance" })
export class CreditBalance {
  @Field(() => Int, { description: 'What can be spent now (both wallets)' })
  available!: number;

  @Field(() => Int, { description: 'Set aside for work in progress' })
  held!: number;

  @Field(() => Int, {
    description: "From the subscription; expires at the end of the plan's period",
  })
  subscription!: number;

  @Field(() => Int, { description: 'Bought or granted; never expires' })
  purchased!: number;

  @Field(() => Int, {
    description:
      'Owed after a refunded or disputed payment whose credits were spent; new generations wait until it is 0',
  })
  owed!: number;
}

@ObjectType({
  description: 'What a credit movement is about, e.g. a generation or a Stripe invoice',
})
export class CreditReference {
  @Field()
  type!: string;

  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'One movement of my credits' })
export class CreditTransaction {
  @Field(() => ID)
  id!: string;

  @Field(() => TransferKind)
  kind!: TransferKind;

  @Field(() => Int, { description: 'Signed from my point of view: positive in, negative out' })
  amount!: number;

  @Field(() => Int, { description: 'My available credits right after this movement' })
  balanceAfter!: number;

  @Field({ description: 'A readable line, e.g. "Refunded: the provider failed"' })
  description!: string;

  @Field(() => CreditReference, { nullable: true })
  reference!: CreditReference | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class CreditTransactionEdge {
  @Field()
  cursor!: string;

  @Field(() => CreditTransaction)
  node!: CreditTransaction;
}

@ObjectType()
export class CreditTransactionConnection {
  @Field(() => [CreditTransactionEdge])
  edges!: CreditTransactionEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
