import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One single-use MFA recovery code, stored as its SHA-256 (the codes are random, not chosen). */
@Entity('mfa_recovery_codes')
@Index('mfa_recovery_codes_user_hash', ['userId', 'codeHash'], { unique: true })
export class RecoveryCode {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
