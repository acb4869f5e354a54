import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum PurchaseKind {
  CREDIT_PACK = 'CREDIT_PACK',
  SUBSCRIPTION = 'SUBSCRIPTION',
}

export enum CheckoutStatus {
  /** Waiting for the person to pay on Stripe's page. */
  OPEN = 'OPEN',
  /** Paid (or, for a delayed payment method, submitted) on Stripe's page. */
  COMPLETE = 'COMPLETE',
  EXPIRED = 'EXPIRED',
  /** A delayed payment (e.g. a bank debit) did not go through. */
  FAILED = 'FAILED',
}

/** A Stripe Checkout Session we opened, so the return page can tell its outcome to its owner. */
@Entity('billing_checkouts')
@Index('billing_checkouts_user', ['userId', 'createdAt'])
export class BillingCheckout {
  /** Stripe's id (cs_…). */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'enum', enum: PurchaseKind, enumName: 'billing_purchase_kind' })
  kind!: PurchaseKind;

  /** The pack or plan id from the catalogue. */
  @Column({ type: 'varchar', length: 60 })
  itemId!: string;

  @Column({
    type: 'enum',
    enum: CheckoutStatus,
    enumName: 'billing_checkout_status',
    default: CheckoutStatus.OPEN,
  })
  status!: CheckoutStatus;

  /** The subscription a plan's checkout started. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  subscriptionId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
