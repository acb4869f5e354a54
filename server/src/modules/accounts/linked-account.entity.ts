import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A social or OpenID Connect login linked to the account' })
@Entity('linked_accounts')
@Index('linked_accounts_provider_subject', ['provider', 'subject'], { unique: true })
@Index('linked_accounts_user_provider', ['userId', 'provider'], { unique: true })
export class LinkedAccount {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Field({ description: 'Provider id: google, github, discord or oidc' })
  @Column({ type: 'varchar', length: 32 })
  provider!: string;

  /** The provider's stable id for the person. */
  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Field(() => String, { nullable: true, description: 'The email the provider reported, if any' })
  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
