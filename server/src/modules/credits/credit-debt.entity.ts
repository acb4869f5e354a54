import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Credits a user owes: a refunded or disputed payment whose credits were already spent. While any
 * is open, new holds (and so new generations) are refused; credits that arrive later settle it
 * first.
 */
@Entity('credit_debts')
@Check('credit_debts_settled_within_amount', 'settled >= 0 AND settled <= amount AND amount > 0')
@Index('credit_debts_open_by_user', ['userId', 'createdAt'], { where: 'settled < amount' })
export class CreditDebt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'bigint' })
  amount!: string;

  @Column({ type: 'bigint', default: 0 })
  settled!: string;

  /** Shown to the user, e.g. "payment refunded". */
  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  referenceType!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  referenceId!: string | null;

  /** The reversal that left this shortfall; one debt per reversal. */
  @Index('credit_debts_key', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  key!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
