import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Generation } from '../generations/generation.entity';
import { AiModel } from './ai-model.entity';
import type { ProvenanceSnapshot } from './provenance';
import { PromptTemplate } from './prompt-template.entity';
import { Recipe, RecipeVersion } from './recipe.entity';

/**
 * What one generation was made from: links to the library items (cleared when they are deleted)
 * and a snapshot of them as they were at the start, which nothing ever changes.
 */
@Entity('generation_sources')
@Index('generation_sources_used_assets', { synchronize: false })
@Index('generation_sources_recipe', ['recipeId'])
export class GenerationSource {
  @PrimaryColumn('uuid')
  generationId!: string;

  @OneToOne(() => Generation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'generation_id', foreignKeyConstraintName: 'generation_sources_generation' })
  generation?: Generation;

  @Column({ type: 'uuid', nullable: true })
  recipeId!: string | null;

  @ManyToOne(() => Recipe, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recipe_id', foreignKeyConstraintName: 'generation_sources_recipe_fk' })
  recipe?: Recipe | null;

  @Column({ type: 'uuid', nullable: true })
  recipeVersionId!: string | null;

  @ManyToOne(() => RecipeVersion, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'recipe_version_id',
    foreignKeyConstraintName: 'generation_sources_recipe_version',
  })
  recipeVersion?: RecipeVersion | null;

  @Column({ type: 'uuid', nullable: true })
  templateId!: string | null;

  @ManyToOne(() => PromptTemplate, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'generation_sources_template' })
  template?: PromptTemplate | null;

  @Column({ type: 'uuid', nullable: true })
  aiModelId!: string | null;

  @ManyToOne(() => AiModel, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ai_model_id', foreignKeyConstraintName: 'generation_sources_ai_model' })
  aiModel?: AiModel | null;

  /** My characters it was made with; ids of characters since deleted stay (the snapshot names them). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  characterIds!: string[];

  /** Every image it used: its own references and those of its characters and AI model. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  usedAssetIds!: string[];

  @Column({ type: 'jsonb' })
  snapshot!: ProvenanceSnapshot;
}
