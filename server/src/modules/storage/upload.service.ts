import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../logger';
import type { RateLimiter, RateLimitRule } from '../security/rate-limiter';
import { AssetKind, type Asset } from './asset.entity';
import type { AssetService } from './asset.service';
import { userPrefix, type BlobStore } from './blob-store';
import { sanitiseFilename } from './filename';
import { StorageError, uploadNotFound, uploadTooLarge } from './storage.errors';
import type { UploadTicket } from './storage.types';
import { Upload, UploadStatus } from './upload.entity';

/** Types a person may upload; what the bytes really are is checked on completion. */
export const UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** Uploads a person may start per hour. */
export const UPLOAD_RULE: RateLimitRule = { action: 'upload', limit: 120, windowSeconds: 3600 };

/** How long an upload URL works. */
export const UPLOAD_TTL_SECONDS = 15 * 60;

// A PUT that began just before expiry may still be streaming, and completing it is still fine.
const SWEEP_GRACE = '1 hour';
// Completed uploads are kept this long past expiry, so completing twice keeps returning the asset.
const COMPLETED_KEPT = '1 day';
const SWEEP_BATCH = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Uploads straight from the browser to storage: a signed URL for one file of the declared type
 * and size, then completion, which checks the real bytes and turns them into a REFERENCE asset.
 */
export class UploadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly assets: AssetService,
    private readonly limiter: RateLimiter,
    private readonly maxBytes: number,
    private readonly logger: Logger,
  ) {}

  /** Starts an upload; refuses other types than PNG, JPEG and WebP, and files over the limit. */
  async create(params: {
    userId: string;
    filename: string;
    contentType: string;
    byteSize: number;
  }): Promise<UploadTicket> {
    const contentType = params.contentType.split(';')[0]!.trim().toLowerCase();
    if (!(UPLOAD_TYPES as readonly string[]).includes(contentType)) {
      throw new StorageError(
        'BAD_USER_INPUT',
        `Upload a PNG, JPEG or WebP image (this file is ${contentType || 'of an unknown type'}).`,
        { acceptedTypes: [...UPLOAD_TYPES] },
      );
    }
    if (params.byteSize > this.maxBytes) throw uploadTooLarge(this.maxBytes);
    await this.limiter.consume(UPLOAD_RULE, [params.userId]);

    const id = randomUUID();
    const storageKey = `${userPrefix(params.userId)}uploads/${id}`;
    const target = await this.blobs.signedUploadTarget({
      key: storageKey,
      contentType,
      byteSize: params.byteSize,
      expiresInSeconds: UPLOAD_TTL_SECONDS,
    });
    await this.dataSource.getRepository(Upload).insert({
      id,
      ownerId: params.userId,
      filename: sanitiseFilename(params.filename),
      claimedContentType: contentType,
      byteSize: params.byteSize,
      storageKey,
      status: UploadStatus.PENDING,
      expiresAt: target.expiresAt,
    });
    return {
      id,
      url: target.url,
      method: target.method,
      headers: Object.entries(target.headers).map(([name, value]) => ({ name, value })),
      expiresAt: target.expiresAt,
      maxBytes: params.byteSize,
    };
  }

  /**
   * Turns an uploaded file into a REFERENCE asset. The bytes decide: a PNG named .jpg is a PNG,
   * text claimed as image/png is UNSUPPORTED_IMAGE. The upload's row stays locked meanwhile, so
   * completing twice, even at once, yields one asset.
   */
  async complete(params: { userId: string; id: string }): Promise<Asset> {
    if (!UUID.test(params.id)) throw uploadNotFound();
    const { asset, rawKey } = await this.dataSource.transaction(async (manager) => {
      const upload = await manager.getRepository(Upload).findOne({
        where: { id: params.id, ownerId: params.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!upload) throw uploadNotFound();
      if (upload.status === UploadStatus.COMPLETED && upload.assetId) {
        return {
          asset: await this.assets.get(params.userId, upload.assetId, manager),
          rawKey: null,
        };
      }
      const stored = await this.blobs.head({ key: upload.storageKey });
      if (!stored) {
        throw upload.expiresAt.getTime() < Date.now()
          ? new StorageError(
              'UPLOAD_EXPIRED',
              'This upload expired before its file arrived. Start the upload again.',
            )
          : new StorageError(
              'UPLOAD_INCOMPLETE',
              'The file has not arrived yet: send it to the upload URL first.',
            );
      }
      if (stored.byteSize > this.maxBytes) throw uploadTooLarge(this.maxBytes);
      const data = await this.blobs.get({ key: upload.storageKey });
      const created = await this.assets.storeImage({
        userId: params.userId,
        kind: AssetKind.REFERENCE,
        data,
        contentType: upload.claimedContentType,
        manager,
      });
      await manager
        .getRepository(Upload)
        .update({ id: upload.id }, { status: UploadStatus.COMPLETED, assetId: created.id });
      return { asset: created, rawKey: upload.storageKey };
    });
    if (rawKey) {
      // The asset holds a clean copy; the raw bytes (with their metadata) are not kept.
      await this.blobs.delete({ key: rawKey }).catch((error: unknown) => {
        this.logger.warn({ err: error, key: rawKey }, 'could not delete a completed upload');
      });
    }
    return asset;
  }

  /**
   * Deletes uploads nobody completed (with whatever bytes arrived) once they expired, and the
   * records of completed ones a day later. Rows stay locked until their objects are gone, so a
   * failure leaves them for the next run instead of orphaning objects.
   */
  async sweepExpired(): Promise<number> {
    let removed = 0;
    for (;;) {
      const swept = await this.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT id, storage_key FROM uploads
           WHERE (status = 'PENDING' AND expires_at < now() - interval '${SWEEP_GRACE}')
              OR (status = 'COMPLETED' AND expires_at < now() - interval '${COMPLETED_KEPT}')
           ORDER BY expires_at
           LIMIT ${SWEEP_BATCH}
           FOR UPDATE SKIP LOCKED`,
        )) as Array<{ id: string; storage_key: string }>;
        for (const row of rows) await this.blobs.delete({ key: row.storage_key });
        if (rows.length > 0) {
          await manager.query('DELETE FROM uploads WHERE id = ANY($1::uuid[])', [
            rows.map((row) => row.id),
          ]);
        }
        return rows.length;
      });
      removed += swept;
      if (swept < SWEEP_BATCH) return removed;
    }
  }
}
