import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum TokenPurpose {
  VERIFY_EMAIL = 'VERIFY_EMAIL',
  RESET_PASSWORD = 'RESET_PASSWORD',
  CHANGE_EMAIL = 'CHANGE_EMAIL',
  /** A provider sign-in of an account with MFA, waiting for its second factor. */
  PENDING_SIGN_IN = 'PENDING_SIGN_IN',
}

/** A single-use link sent by email. Only the SHA-256 of the token is stored. */
@Entity('account_tokens')
export class AccountToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('account_tokens_hash_unique', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'enum', enum: TokenPurpose, enumName: 'token_purpose' })
  purpose!: TokenPurpose;

  @Index('account_tokens_user_id')
  @Column({ type: 'uuid' })
  userId!: string;

  /** For CHANGE_EMAIL: the address being confirmed. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
