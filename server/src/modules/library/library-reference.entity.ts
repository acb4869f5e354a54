import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Asset } from '../storage/asset.entity';
import { AiModel } from './ai-model.entity';
import { Character } from './character.entity';

/*
 * The ordered reference images of AI models and characters. Deleting an image deletes its rows
 * here (the foreign key cascades), so nothing points at a file that no longer exists.
 */

@Entity('ai_model_references')
@Index('ai_model_references_asset', ['assetId'])
export class AiModelReference {
  @PrimaryColumn('uuid')
  aiModelId!: string;

  @PrimaryColumn('uuid')
  assetId!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @ManyToOne(() => AiModel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ai_model_id', foreignKeyConstraintName: 'ai_model_references_ai_model' })
  aiModel?: AiModel;

  @ManyToOne(() => Asset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'ai_model_references_asset_fk' })
  asset?: Asset;
}

@Entity('character_references')
@Index('character_references_asset', ['assetId'])
export class CharacterReference {
  @PrimaryColumn('uuid')
  characterId!: string;

  @PrimaryColumn('uuid')
  assetId!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @ManyToOne(() => Character, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'character_id', foreignKeyConstraintName: 'character_references_character' })
  character?: Character;

  @ManyToOne(() => Asset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'character_references_asset_fk' })
  asset?: Asset;
}
