import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { GenerationKind } from '../providers/provider';

/** IMAGE or VIDEO, as a GraphQL enum (the providers' type is a string union). */
export enum GenerationKindEnum {
  IMAGE = 'IMAGE',
  VIDEO = 'VIDEO',
}

export enum GenerationStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
  /** Refused by the provider's content filter. */
  BLOCKED = 'BLOCKED',
}

registerEnumType(GenerationStatus, { name: 'GenerationStatus' });
registerEnumType(GenerationKindEnum, { name: 'GenerationKind' });

/** The statuses a generation never leaves. */
export const FINAL_STATUSES = [
  GenerationStatus.SUCCEEDED,
  GenerationStatus.FAILED,
  GenerationStatus.CANCELED,
  GenerationStatus.BLOCKED,
];

export const ACTIVE_STATUSES = [GenerationStatus.QUEUED, GenerationStatus.RUNNING];

/**
 * One request to a provider, from start to its single end. Its credits are held under
 * `generation:{id}` and captured or released exactly once, in the transaction that ends it.
 */
@ObjectType({ description: 'One image or video generation, from start to its single end' })
@Entity('generations')
@Index('generations_owner_created', ['ownerId', 'createdAt'])
@Index('generations_owner_idempotency', ['ownerId', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
@Index('generations_running_heartbeat', ['heartbeatAt'], { where: "status = 'RUNNING'" })
@Check('generations_progress_range', 'progress >= 0 AND progress <= 1')
export class Generation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @Field(() => GenerationStatus)
  @Column({
    type: 'enum',
    enum: GenerationStatus,
    enumName: 'generation_status',
    default: GenerationStatus.QUEUED,
  })
  status!: GenerationStatus;

  @Field(() => GenerationKindEnum)
  @Column({ type: 'varchar', length: 10 })
  kind!: GenerationKind;

  @Field()
  @Column({ type: 'varchar', length: 40 })
  provider!: string;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  model!: string;

  @Field(() => String, { nullable: true })
  /** The provider's own version of the model, for provenance. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  modelVersion!: string | null;

  @Field()
  @Column({ type: 'text' })
  prompt!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  negativePrompt!: string | null;

  @Field(() => GraphQLJSONObject)
  /** Provider-specific parameters, validated and with defaults filled in. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Record<string, unknown>;

  @Field(() => Int, { description: 'The seed actually used' })
  /** The seed actually used (chosen at start when none was given). */
  @Column({ type: 'integer' })
  seed!: number;

  @Field(() => Int)
  @Column({ type: 'smallint' })
  count!: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  width!: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  height!: number;

  @Field()
  @Column({ type: 'varchar', length: 10 })
  aspectRatio!: string;

  @Field(() => Float, { nullable: true })
  @Column({ type: 'real', nullable: true })
  durationSeconds!: number | null;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  referenceAssetIds!: string[];

  @Field(() => Int, { description: 'Credits held, then spent or refunded' })
  @Column({ type: 'integer' })
  costCredits!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  @Field(() => Float, { description: '0..1' })
  @Column({ type: 'real', default: 0 })
  progress!: number;

  @Field(() => Int, { description: 'The number of the latest event' })
  /** The sequence number of the latest event. */
  @Column({ type: 'integer', default: 0 })
  lastSeq!: number;

  @Column({ type: 'varchar', length: 60, nullable: true })
  errorCode!: string | null;

  @Column({ type: 'text', nullable: true })
  errorMessage!: string | null;

  /** The provider's job id, so a retried or recovered run resumes it instead of paying again. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  remoteJobId!: string | null;

  @Field(() => Int)
  /** How many times a worker has started it (retries and recoveries included). */
  @Column({ type: 'smallint', default: 0 })
  attempts!: number;

  /** The latest preview image. */
  @Column({ type: 'uuid', nullable: true })
  previewAssetId!: string | null;

  /** Which worker runs it, and when that worker last said it is alive. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  workerId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelRequestedAt!: Date | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
