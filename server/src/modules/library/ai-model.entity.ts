import { Field, ID, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Asset } from '../storage/asset.entity';

/** A persona of mine: a description and reference images that keep generations consistent. */
@ObjectType({ description: 'A persona of mine: a description and reference images' })
@Entity('ai_models')
@Index('ai_models_owner_created', ['ownerId', 'createdAt'])
export class AiModel {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field()
  @Column({ type: 'text', default: '' })
  description!: string;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** Chosen among its reference images; null means the first one. */
  @Column({ type: 'uuid', nullable: true })
  coverAssetId!: string | null;

  @ManyToOne(() => Asset, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'cover_asset_id', foreignKeyConstraintName: 'ai_models_cover' })
  cover?: Asset | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
