import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { PurchaseKind } from './billing-checkout.entity';

export enum PaymentStatus {
  PAID = 'PAID',
  PARTIALLY_REFUNDED = 'PARTIALLY_REFUNDED',
  REFUNDED = 'REFUNDED',
  DISPUTED = 'DISPUTED',
}

/**
 * One payment in a user's billing history: a credit pack's checkout or a plan's invoice, with the
 * credits it granted and what refunds and disputes took back.
 */
@Entity('billing_payments')
@Index('billing_payments_user', ['userId', 'createdAt'])
export class BillingPayment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'enum', enum: PurchaseKind, enumName: 'billing_purchase_kind' })
  kind!: PurchaseKind;

  /** The pack or plan id from the catalogue. */
  @Column({ type: 'varchar', length: 60 })
  itemId!: string;

  @Column({ type: 'varchar', length: 200 })
  description!: string;

  @Index('billing_payments_checkout', { unique: true, where: 'checkout_session_id IS NOT NULL' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  checkoutSessionId!: string | null;

  @Index('billing_payments_invoice', { unique: true, where: 'invoice_id IS NOT NULL' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  invoiceId!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  subscriptionId!: string | null;

  /** How refunds and disputes (which name a charge or payment intent) find the payment. */
  @Index('billing_payments_payment_intent', { where: 'payment_intent_id IS NOT NULL' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  paymentIntentId!: string | null;

  @Index('billing_payments_charge', { where: 'charge_id IS NOT NULL' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  chargeId!: string | null;

  /** In the currency's minor unit (cents). */
  @Column({ type: 'integer' })
  amount!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ type: 'integer', default: 0 })
  amountRefunded!: number;

  /** Open and lost disputes: dispute id -> amount in minor units. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  disputes!: Record<string, number>;

  @Column({ type: 'integer' })
  credits!: number;

  /** Credits taken back by refunds and disputes (from the wallets, or owed). */
  @Column({ type: 'integer', default: 0 })
  creditsReversed!: number;

  @Column({ type: 'enum', enum: PaymentStatus, enumName: 'billing_payment_status' })
  status!: PaymentStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  receiptUrl!: string | null;

  /** For a plan's invoice: the period it paid for. */
  @Column({ type: 'timestamptz', nullable: true })
  periodStart!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  periodEnd!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
