import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Why credits moved; shown to people as a description of the line. */
export enum TransferKind {
  SIGNUP_GRANT = 'SIGNUP_GRANT',
  ADMIN_GRANT = 'ADMIN_GRANT',
  PURCHASE = 'PURCHASE',
  SUBSCRIPTION_GRANT = 'SUBSCRIPTION_GRANT',
  HOLD = 'HOLD',
  CAPTURE = 'CAPTURE',
  RELEASE = 'RELEASE',
  EXPIRY = 'EXPIRY',
  CLAWBACK = 'CLAWBACK',
}

/**
 * One immutable movement of `amount` credits from the debit account to the credit account.
 * Corrections are new transfers; the idempotency key makes every movement happen at most once.
 */
@Entity('ledger_transfers')
@Check('ledger_transfers_positive', 'amount > 0')
@Check('ledger_transfers_two_accounts', 'debit_account_id <> credit_account_id')
@Index('ledger_transfers_debit', ['debitAccountId', 'createdAt'])
@Index('ledger_transfers_credit', ['creditAccountId', 'createdAt'])
export class LedgerTransfer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  debitAccountId!: string;

  @Column({ type: 'uuid' })
  creditAccountId!: string;

  @Column({ type: 'bigint' })
  amount!: string;

  @Column({ type: 'enum', enum: TransferKind, enumName: 'ledger_transfer_kind' })
  kind!: TransferKind;

  /** What the movement is about, e.g. `generation` + its id, `stripe_invoice` + its id. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  referenceType!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  referenceId!: string | null;

  @Index('ledger_transfers_idempotency_key', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  idempotencyKey!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata!: Record<string, unknown>;

  /** The user whose wallet moved, and their total (both wallets) right after this transfer. */
  @Index('ledger_transfers_user', ['userId', 'createdAt'])
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'bigint', nullable: true })
  userBalanceAfter!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
