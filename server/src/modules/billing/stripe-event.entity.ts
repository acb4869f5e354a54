import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Stripe webhook event that has been processed. It is inserted in the same transaction as the
 * event's effects, so a redelivered event finds it and changes nothing, and a failed one leaves
 * no row and is processed again when Stripe retries.
 */
@Entity('stripe_events')
export class StripeEvent {
  /** Stripe's id (evt_…). */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  /** When Stripe created the event. */
  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
