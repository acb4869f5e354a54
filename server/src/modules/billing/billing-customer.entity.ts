import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The Stripe Customer of a user: created once, on their first checkout, and reused. */
@Entity('billing_customers')
export class BillingCustomer {
  @PrimaryColumn('uuid')
  userId!: string;

  @Index('billing_customers_stripe_id', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  stripeCustomerId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
