import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum HoldStatus {
  OPEN = 'OPEN',
  CAPTURED = 'CAPTURED',
  RELEASED = 'RELEASED',
}

/**
 * Credits set aside for work in progress. It remembers which wallets paid, so a release returns
 * each credit where it came from, and it ends exactly once: captured or released.
 */
@Entity('credit_holds')
@Check('credit_holds_split', 'from_subscription + from_purchased = amount AND amount > 0')
@Index('credit_holds_open_by_user', ['userId'], { where: "status = 'OPEN'" })
export class CreditHold {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('credit_holds_key', { unique: true })
  @Column({ type: 'varchar', length: 255 })
  key!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'bigint' })
  amount!: string;

  @Column({ type: 'bigint' })
  fromSubscription!: string;

  @Column({ type: 'bigint' })
  fromPurchased!: string;

  @Column({
    type: 'enum',
    enum: HoldStatus,
    enumName: 'credit_hold_status',
    default: HoldStatus.OPEN,
  })
  status!: HoldStatus;

  @Column({ type: 'varchar', length: 40, nullable: true })
  referenceType!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  referenceId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
