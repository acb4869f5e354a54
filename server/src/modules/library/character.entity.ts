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
import { AiModel } from './ai-model.entity';
import { CharacterTrait } from './library.types';

/** A character of mine, on its own or belonging to one of my AI models. */
@ObjectType({ description: 'A character of mine: description, traits and reference images' })
@Entity('characters')
@Index('characters_owner_created', ['ownerId', 'createdAt'])
export class Character {
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

  @Field(() => [CharacterTrait], {
    description: 'Named details templates can use as {{character.<name>}}',
  })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  traits!: CharacterTrait[];

  @Column({ type: 'uuid', nullable: true })
  aiModelId!: string | null;

  @ManyToOne(() => AiModel, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ai_model_id', foreignKeyConstraintName: 'characters_ai_model' })
  aiModel?: AiModel | null;

  /** Chosen among its reference images; null means the first one. */
  @Column({ type: 'uuid', nullable: true })
  coverAssetId!: string | null;

  @ManyToOne(() => Asset, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'cover_asset_id', foreignKeyConstraintName: 'characters_cover' })
  cover?: Asset | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
