import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum UploadStatus {
  /** Waiting for the browser to PUT the bytes and call completeUpload. */
  PENDING = 'PENDING',
  /** Turned into an asset; the raw bytes are gone. */
  COMPLETED = 'COMPLETED',
}

/** A direct-to-storage upload in flight: what was claimed, and where the raw bytes go. */
@Entity('uploads')
@Index('uploads_owner', ['ownerId', 'createdAt'])
@Index('uploads_expiry', ['status', 'expiresAt'])
export class Upload {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  ownerId!: string;

  /** As the person named it, made safe (no path, no control characters). */
  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  @Column({ type: 'varchar', length: 100 })
  claimedContentType!: string;

  @Column({ type: 'int' })
  byteSize!: number;

  @Index('uploads_storage_key', { unique: true })
  @Column({ type: 'varchar', length: 1024 })
  storageKey!: string;

  @Column({
    type: 'enum',
    enum: UploadStatus,
    enumName: 'upload_status',
    default: UploadStatus.PENDING,
  })
  status!: UploadStatus;

  /** When the upload URL stops working; pending uploads past it are swept. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** The asset the upload became. */
  @Column({ type: 'uuid', nullable: true })
  assetId!: string | null;
}
