import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fixed-window attempt counter, shared by every process through PostgreSQL. */
@Entity('rate_limits')
export class RateLimitBucket {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @Column({ type: 'int' })
  count!: number;

  @Column({ type: 'timestamptz' })
  resetAt!: Date;
}
