import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An output of a generation, in order. Rows are written as each output is stored, so a run that
 * dies half way leaves nothing behind that is not known (the next attempt removes them).
 */
@Entity('generation_outputs')
@Index('generation_outputs_asset', ['assetId'], { unique: true })
export class GenerationOutput {
  @PrimaryColumn('uuid')
  generationId!: string;

  @PrimaryColumn({ type: 'smallint' })
  position!: number;

  @Column({ type: 'uuid' })
  assetId!: string;

  /** Which attempt stored it; outputs of an attempt that did not finish are discarded. */
  @Column({ type: 'smallint' })
  attempt!: number;
}
