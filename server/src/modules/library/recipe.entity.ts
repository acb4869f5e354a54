import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
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
import { GenerationKindEnum } from '../generations/generation.entity';
import type { GenerationKind } from '../providers/provider';
import { AiModel } from './ai-model.entity';
import { RecipeSettings, TemplateSnapshot } from './library.types';
import { PromptTemplate } from './prompt-template.entity';

/** A saved generation preset of mine; its settings live in immutable, numbered versions. */
@ObjectType({ description: 'A saved generation preset; editing it adds a version' })
@Entity('recipes')
@Index('recipes_owner_created', ['ownerId', 'createdAt'])
export class Recipe {
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

  @Field(() => Int, { description: 'The number of its newest version' })
  @Column({ type: 'integer', default: 1 })
  latestVersionNumber!: number;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** One version of a recipe, never changed once written. */
@ObjectType({ description: 'One version of a recipe; never changes once saved' })
@Entity('recipe_versions')
@Index('recipe_versions_number', ['recipeId', 'version'], { unique: true })
export class RecipeVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  recipeId!: string;

  @ManyToOne(() => Recipe, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipe_id', foreignKeyConstraintName: 'recipe_versions_recipe' })
  recipe?: Recipe;

  @Field(() => Int)
  @Column({ type: 'integer' })
  version!: number;

  @Field(() => GenerationKindEnum)
  @Column({ type: 'varchar', length: 10 })
  kind!: GenerationKind;

  @Field()
  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  model!: string;

  /** The template it was made from, while that template exists. */
  @Column({ type: 'uuid', nullable: true })
  templateId!: string | null;

  @ManyToOne(() => PromptTemplate, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'recipe_versions_template' })
  sourceTemplate?: PromptTemplate | null;

  @Field(() => TemplateSnapshot, {
    nullable: true,
    description: 'The template as it was when this version was saved; runs use this text',
  })
  @Column({ type: 'jsonb', nullable: true })
  template!: TemplateSnapshot | null;

  @Field(() => RecipeSettings)
  @Column({ type: 'jsonb' })
  settings!: RecipeSettings;

  @Field(() => GraphQLJSONObject, { description: "Values for the template's variables" })
  @Column({ type: 'jsonb', default: () => "'{}'" })
  variables!: Record<string, string>;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  characterIds!: string[];

  @Column({ type: 'uuid', nullable: true })
  aiModelId!: string | null;

  @ManyToOne(() => AiModel, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ai_model_id', foreignKeyConstraintName: 'recipe_versions_ai_model' })
  aiModel?: AiModel | null;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  referenceAssetIds!: string[];

  @Field(() => String, { nullable: true, description: 'What changed in this version' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
