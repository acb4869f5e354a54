import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';

export enum AssetKind {
  /** An image a person uploaded to guide a generation. */
  REFERENCE = 'REFERENCE',
  /** A finished image or video of a generation. */
  OUTPUT = 'OUTPUT',
  /** An in-progress image a provider showed while working. */
  PREVIEW = 'PREVIEW',
  /** The small WebP of another asset. */
  THUMBNAIL = 'THUMBNAIL',
  AVATAR = 'AVATAR',
}

registerEnumType(AssetKind, {
  name: 'AssetKind',
  description: 'What an asset is for',
  valuesConfig: {
    REFERENCE: { description: 'An image uploaded to guide generations' },
    OUTPUT: { description: 'A finished image or video of a generation' },
    PREVIEW: { description: 'An in-progress image shown while a generation runs' },
    THUMBNAIL: { description: 'The small WebP of another asset' },
    AVATAR: { description: 'A profile picture' },
  },
});

/** One stored image or video of a user; its bytes live in blob storage under `storageKey`. */
@ObjectType({ description: 'A stored image or video of mine' })
@Entity('assets')
@Index('assets_owner_kind', ['ownerId', 'kind', 'createdAt'])
export class Asset {
  /** Chosen before the row exists: the storage key contains it. */
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  @Field(() => AssetKind)
  @Column({ type: 'enum', enum: AssetKind, enumName: 'asset_kind' })
  kind!: AssetKind;

  @Index('assets_storage_key', { unique: true })
  @Column({ type: 'varchar', length: 1024 })
  storageKey!: string;

  @Field({ description: 'The real type of the stored bytes, e.g. image/webp' })
  @Column({ type: 'varchar', length: 100 })
  contentType!: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  byteSize!: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  width!: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  height!: number;

  @Field(() => Float, { nullable: true, description: 'Length of a video, in seconds' })
  @Column({ type: 'double precision', nullable: true })
  durationSeconds!: number | null;

  @Field({ description: 'Hex SHA-256 of the stored bytes' })
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'uuid', nullable: true })
  thumbnailAssetId!: string | null;

  /** Only for the foreign key: a thumbnail's row goes with its asset's. */
  @ManyToOne(() => Asset, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'thumbnail_asset_id', foreignKeyConstraintName: 'assets_thumbnail' })
  thumbnail?: Asset | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
