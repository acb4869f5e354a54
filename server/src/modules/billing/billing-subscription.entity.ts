import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A user's Stripe subscription as Stripe last described it (always re-read from Stripe, so
 * events arriving out of order cannot leave an old state behind), plus which period's allowance
 * has been granted.
 */
@Entity('billing_subscriptions')
@Index('billing_subscriptions_user', ['userId', 'currentPeriodEnd'])
export class BillingSubscription {
  /** Stripe's id (sub_…). */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  /** The catalogue plan of its price; null for a price the catalogue does not know. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  planId!: string | null;

  /** Stripe's status: active, trialing, past_due, canceled, incomplete, unpaid, paused, … */
  @Column({ type: 'varchar', length: 40 })
  status!: string;

  @Column({ type: 'timestamptz' })
  currentPeriodStart!: Date;

  @Column({ type: 'timestamptz' })
  currentPeriodEnd!: Date;

  @Column({ type: 'boolean', default: false })
  cancelAtPeriodEnd!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  cancelAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** The start of the latest period whose allowance was granted, and how much of it. */
  @Column({ type: 'timestamptz', nullable: true })
  grantedPeriodStart!: Date | null;

  @Column({ type: 'integer', default: 0 })
  grantedCredits!: number;

  /**
   * When the stored state was read from Stripe. Two events handled at once may read the
   * subscription at different moments; only a later reading replaces an earlier one.
   */
  @Column({ type: 'timestamptz' })
  readAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
