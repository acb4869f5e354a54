import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { GenerationStatus } from './generation.entity';

export enum GenerationEventType {
  CREATED = 'CREATED',
  STARTED = 'STARTED',
  PROGRESS = 'PROGRESS',
  PREVIEW = 'PREVIEW',
  OUTPUT = 'OUTPUT',
  RETRYING = 'RETRYING',
  CANCEL_REQUESTED = 'CANCEL_REQUESTED',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
  BLOCKED = 'BLOCKED',
}

registerEnumType(GenerationEventType, { name: 'GenerationEventType' });

/**
 * One numbered step of a generation's life. Numbers are gapless per generation (taken from
 * `generations.last_seq` under its row lock), so a subscriber that knows the last one it saw
 * can resume without missing or repeating anything.
 */
@ObjectType({ description: 'One numbered step of a generation' })
@Entity('generation_events')
@Index('generation_events_seq', ['generationId', 'seq'], { unique: true })
export class GenerationEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  generationId!: string;

  @Field(() => Int, { description: 'Gapless per generation, from 1' })
  @Column({ type: 'integer' })
  seq!: number;

  @Field(() => GenerationEventType)
  @Column({ type: 'enum', enum: GenerationEventType, enumName: 'generation_event_type' })
  type!: GenerationEventType;

  @Field(() => GenerationStatus)
  @Column({ type: 'enum', enum: GenerationStatus, enumName: 'generation_status' })
  status!: GenerationStatus;

  @Field(() => Float)
  @Column({ type: 'real' })
  progress!: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ type: 'uuid', nullable: true })
  assetId!: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
