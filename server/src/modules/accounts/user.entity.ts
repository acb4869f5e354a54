import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum Role {
  USER = 'USER',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, { name: 'Role' });

@ObjectType({ description: "A person's account. Only the signed-in user can read their own." })
@Entity('users')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-cased, so uniqueness ignores case. */
  @Field()
  @Index('users_email_unique', { unique: true })
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /** A data: URL image set by the user, or (until it is copied into storage) a provider's photo URL. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  avatarUrl!: string | null;

  /** argon2id; null for accounts that only sign in through a provider. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  /**
   * Set when a session is resolved: only a verified address listed in ADMIN_EMAILS is an admin,
   * so no stored flag or other path can grant the role.
   */
  isAdmin = false;

  @Field(() => Role)
  get role(): Role {
    return this.isAdmin ? Role.ADMIN : Role.USER;
  }

  @Field(() => Date, {
    nullable: true,
    description: 'When the user confirmed being 18 or older; null until they do (social sign-ups)',
  })
  @Column({ type: 'timestamptz', nullable: true })
  ageConfirmedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new address waiting for its confirmation link to be opened',
  })
  @Column({ type: 'varchar', length: 320, nullable: true })
  pendingEmail!: string | null;

  /** TOTP secret, encrypted with the app secret; set once MFA is confirmed. */
  @Column({ type: 'text', nullable: true })
  totpSecret!: string | null;

  /** A secret being set up, not yet confirmed with a code. Encrypted. */
  @Column({ type: 'text', nullable: true })
  pendingTotpSecret!: string | null;

  /** The last TOTP time step accepted, so a code cannot be used twice. */
  @Column({ type: 'bigint', nullable: true })
  totpLastCounter!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** Devices ("Firefox on Windows") this user signed in from, to notice a new one. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  knownDevices!: string[];

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  get emailVerified(): boolean {
    return this.emailVerifiedAt !== null;
  }

  @Field()
  get mfaEnabled(): boolean {
    return this.totpSecret !== null;
  }

  @Field({
    description: 'False for accounts created through a social provider that never set a password',
  })
  get hasPassword(): boolean {
    return this.passwordHash !== null;
  }
}
