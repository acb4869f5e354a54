import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What an account holds credits for. User wallets are the only ones a person owns. */
export enum LedgerAccountType {
  /** Credits granted by a subscription; they expire at the end of the period. */
  SUBSCRIPTION = 'SUBSCRIPTION',
  /** Credits bought (and sign-up/admin grants); they never expire. */
  PURCHASED = 'PURCHASED',
  /** Credits held for work in progress. */
  ESCROW = 'ESCROW',
  /** Credits spent on finished work. */
  REVENUE = 'REVENUE',
  /** The source of free credits (sign-up, admin grants). */
  PROMOTIONS = 'PROMOTIONS',
  /** The source of paid credits, matched by Stripe payments. */
  STRIPE_CLEARING = 'STRIPE_CLEARING',
  /** Where expired subscription credits go. */
  EXPIRY = 'EXPIRY',
}

export const USER_WALLETS = [LedgerAccountType.SUBSCRIPTION, LedgerAccountType.PURCHASED] as const;

/**
 * A ledger account with its balance cached. The balance changes only together with a transfer,
 * in the same transaction; the CHECK makes a negative wallet impossible whatever the code does.
 * System sources (promotions, Stripe clearing) may run negative: they mirror money outside.
 */
@Entity('ledger_accounts')
@Index('ledger_accounts_owner_type', ['ownerId', 'type'], {
  unique: true,
  where: 'owner_id IS NOT NULL',
})
@Index('ledger_accounts_system_type_shard', ['type', 'shard'], {
  unique: true,
  where: 'owner_id IS NULL',
})
@Check('ledger_accounts_never_negative', 'allow_negative OR balance >= 0')
export class LedgerAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'enum', enum: LedgerAccountType, enumName: 'ledger_account_type' })
  type!: LedgerAccountType;

  @Column({ type: 'bigint', default: 0 })
  balance!: string;

  @Column({ type: 'boolean', default: false })
  allowNegative!: boolean;

  /**
   * System accounts are split into shards, each user's movements going to one of them: every
   * hold touches escrow, and one escrow row would make all users' holds wait on each other.
   */
  @Column({ type: 'smallint', default: 0 })
  shard!: number;
}
