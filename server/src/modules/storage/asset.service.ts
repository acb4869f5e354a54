import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  assertPageSize,
  cursorTimeSql,
  decodeCursor,
  encodeCursor,
} from '../../graphql/pagination';
import type { Logger } from '../../logger';
import { Asset, AssetKind } from './asset.entity';
import { userPrefix, type BlobStore } from './blob-store';
import { inspectVideo, makeThumbnail, normaliseStill, type EncodedMedia } from './image-processing';
import { assetNotFound, StorageError } from './storage.errors';
import type { AssetConnection } from './storage.types';
import { isUuid } from '../../graphql/ids';

/** Kinds an image is stored as; thumbnails are made by the service itself. */
export type ImageAssetKind = Exclude<AssetKind, AssetKind.THUMBNAIL>;

/** A stored reference image handed to a provider: a URL it can fetch, or the bytes. */
export interface AssetReference {
  asset: Asset;
  url: string;
  contentType: string;
  bytes(): Promise<Buffer>;
}

/** The still image types a reference may be (a clip cannot guide a picture). */
export const STILL_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp'];

/** Where an asset's bytes live: per user, per kind. */
export const assetKey = (userId: string, kind: AssetKind, id: string, extension: string) =>
  `${userPrefix(userId)}${kind.toLowerCase()}/${id}.${extension}`;

/**
 * Stored images and videos. Every method takes the acting user and finds rows by owner in the
 * query, so another user's asset is simply not found.
 */
export class AssetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly logger: Logger,
  ) {}

  /**
   * Stores a still PNG, JPEG or WebP (detected from the bytes; `contentType` is only the
   * caller's claim, logged when it is wrong), re-encoded without metadata, with a thumbnail.
   * Throws UNSUPPORTED_IMAGE for anything else. `manager` joins the caller's transaction.
   */
  async storeImage(params: {
    userId: string;
    kind: ImageAssetKind;
    data: Buffer;
    contentType?: string;
    manager?: EntityManager;
  }): Promise<Asset> {
    const image = await normaliseStill(params.data);
    if (params.contentType && params.contentType !== image.contentType) {
      this.logger.debug(
        { claimed: params.contentType, detected: image.contentType },
        'stored an image whose claimed type was wrong',
      );
    }
    return this.persist({
      userId: params.userId,
      kind: params.kind,
      media: image,
      thumbnail: await makeThumbnail(image.data),
      manager: params.manager,
    });
  }

  /**
   * Stores a generated clip as it came: an animated GIF or WebP (its size and length read from
   * it), or an MP4 or WebM, whose `width`, `height` and `durationSeconds` the caller gives (from
   * the request). The thumbnail is the first frame, or `poster` (e.g. the last preview) for
   * containers no decoder here can read. Throws UNSUPPORTED_VIDEO for anything else.
   */
  async storeVideo(params: {
    userId: string;
    kind: AssetKind.OUTPUT | AssetKind.PREVIEW;
    data: Buffer;
    contentType?: string;
    width?: number;
    height?: number;
    durationSeconds?: number;
    poster?: Buffer;
    manager?: EntityManager;
  }): Promise<Asset> {
    const video = await inspectVideo(params.data);
    const width = video?.width ?? params.width;
    const height = video?.height ?? params.height;
    if (!video || !width || !height) {
      throw new StorageError(
        'UNSUPPORTED_VIDEO',
        video
          ? 'The size of the video is unknown: give its width and height.'
          : 'The provider returned a file that is not an MP4, WebM, GIF or animated WebP video.',
      );
    }
    const thumbnailSource = params.poster ?? (video.decodable ? params.data : undefined);
    return this.persist({
      userId: params.userId,
      kind: params.kind,
      media: {
        data: params.data,
        contentType: video.contentType,
        extension: video.extension,
        width,
        height,
        durationSeconds: video.durationSeconds ?? params.durationSeconds ?? null,
      },
      thumbnail: thumbnailSource ? await makeThumbnail(thumbnailSource) : undefined,
      manager: params.manager,
    });
  }

  /**
   * Stores what a provider produced, whatever it is: a still image through storeImage, a clip
   * through storeVideo (the size and length given are used when the bytes do not say).
   */
  async storeGenerated(params: {
    userId: string;
    kind: AssetKind.OUTPUT | AssetKind.PREVIEW | 'OUTPUT' | 'PREVIEW';
    data: Buffer;
    contentType?: string;
    width?: number;
    height?: number;
    durationSeconds?: number;
    poster?: Buffer;
    manager?: EntityManager;
  }): Promise<Asset> {
    const kind = params.kind === 'OUTPUT' ? AssetKind.OUTPUT : AssetKind.PREVIEW;
    const video = await inspectVideo(params.data);
    return video
      ? this.storeVideo({ ...params, kind })
      : this.storeImage({
          userId: params.userId,
          kind,
          data: params.data,
          contentType: params.contentType,
          manager: params.manager,
        });
  }

  /** Writes the blobs, then the rows; when either fails, the blobs are removed again. */
  private async persist(params: {
    userId: string;
    kind: AssetKind;
    media: EncodedMedia;
    thumbnail?: EncodedMedia;
    manager?: EntityManager;
  }): Promise<Asset> {
    const repository = (params.manager ?? this.dataSource.manager).getRepository(Asset);
    const row = (media: EncodedMedia, kind: AssetKind, thumbnailAssetId: string | null) => {
      const id = randomUUID();
      return repository.create({
        id,
        ownerId: params.userId,
        kind,
        storageKey: assetKey(params.userId, kind, id, media.extension),
        contentType: media.contentType,
        byteSize: media.data.length,
        width: media.width,
        height: media.height,
        durationSeconds: media.durationSeconds,
        sha256: createHash('sha256').update(media.data).digest('hex'),
        thumbnailAssetId,
      });
    };
    const thumbnail = params.thumbnail && row(params.thumbnail, AssetKind.THUMBNAIL, null);
    const asset = row(params.media, params.kind, thumbnail?.id ?? null);
    const writes = [
      { row: asset, media: params.media },
      ...(thumbnail && params.thumbnail ? [{ row: thumbnail, media: params.thumbnail }] : []),
    ];
    try {
      await Promise.all(
        writes.map(({ row, media }) =>
          this.blobs.put({ key: row.storageKey, body: media.data, contentType: media.contentType }),
        ),
      );
      // One statement: the thumbnail row first, as the asset's foreign key points to it.
      await repository.insert(writes.map(({ row }) => row).reverse());
    } catch (error) {
      await Promise.all(writes.map(({ row }) => this.blobs.delete({ key: row.storageKey }))).catch(
        (cleanup: unknown) =>
          this.logger.warn({ err: cleanup }, 'could not remove the blobs of an asset not stored'),
      );
      throw error;
    }
    return asset;
  }

  /** One of my assets; NOT_FOUND otherwise. */
  async get(userId: string, id: string, manager?: EntityManager): Promise<Asset> {
    const asset = isUuid(id)
      ? await (manager ?? this.dataSource.manager)
          .getRepository(Asset)
          .findOneBy({ id, ownerId: userId })
      : null;
    if (!asset) throw assetNotFound();
    return asset;
  }

  /**
   * My assets with these ids, in the order asked (duplicates once), e.g. a generation's
   * reference images; NOT_FOUND unless every one exists and is mine.
   */
  async getOwned(userId: string, ids: string[]): Promise<Asset[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    if (!wanted.every(isUuid)) throw assetNotFound();
    const rows = await this.dataSource
      .getRepository(Asset)
      .createQueryBuilder('asset')
      .where('asset.ownerId = :userId AND asset.id = ANY(:ids::uuid[])', { userId, ids: wanted })
      .getMany();
    const byId = new Map(rows.map((asset) => [asset.id, asset]));
    if (byId.size !== wanted.length) throw assetNotFound();
    return wanted.map((id) => byId.get(id)!);
  }

  /** My assets of one kind, newest first, as a Relay connection. */
  async page(params: {
    userId: string;
    kind: AssetKind;
    first: number;
    after?: string | null;
  }): Promise<AssetConnection> {
    assertPageSize(params.first);
    const cursor = params.after ? decodeCursor(params.after) : null;
    const query = this.dataSource
      .getRepository(Asset)
      .createQueryBuilder('asset')
      .addSelect(cursorTimeSql('asset.created_at'), 'cursor_time')
      .where('asset.ownerId = :userId AND asset.kind = :kind', {
        userId: params.userId,
        kind: params.kind,
      })
      .orderBy('asset.createdAt', 'DESC')
      .addOrderBy('asset.id', 'DESC')
      .limit(params.first + 1);
    if (cursor) {
      query.andWhere('(asset.createdAt, asset.id) < (:createdAt::timestamptz, :id::uuid)', cursor);
    }
    const { entities, raw } = await query.getRawAndEntities<{ cursor_time: string }>();
    const edges = entities.slice(0, params.first).map((node, index) => ({
      node,
      cursor: encodeCursor({ cursor_time: raw[index]!.cursor_time, id: node.id }),
    }));
    return {
      edges,
      pageInfo: {
        hasNextPage: entities.length > params.first,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }

  /** The bytes of one of my assets. */
  async readBytes(userId: string, id: string): Promise<Buffer> {
    const asset = await this.get(userId, id);
    return this.blobs.get({ key: asset.storageKey });
  }

  /** Throws NOT_FOUND unless every id is a still image (PNG, JPEG, WebP) of mine. */
  async assertOwnedImages(params: { userId: string; assetIds: string[] }): Promise<void> {
    const assets = await this.getOwned(params.userId, params.assetIds);
    if (
      !assets.every((asset) => STILL_TYPES.includes(asset.contentType) && !asset.durationSeconds)
    ) {
      throw assetNotFound();
    }
  }

  /**
   * My images as a provider takes them: a signed URL valid for `expiresInSeconds` (fetchable by
   * the provider only when PUBLIC_URL or the bucket is reachable from it) and the bytes, for
   * providers that take uploads. NOT_FOUND unless all are mine.
   */
  async references(params: {
    userId: string;
    assetIds: string[];
    expiresInSeconds?: number;
  }): Promise<AssetReference[]> {
    const assets = await this.getOwned(params.userId, params.assetIds);
    const expiresInSeconds = params.expiresInSeconds ?? 3600;
    return Promise.all(
      assets.map(async (asset) => ({
        asset,
        url: await this.blobs.signedReadUrl({ key: asset.storageKey, expiresInSeconds }),
        contentType: asset.contentType,
        bytes: () => this.blobs.get({ key: asset.storageKey }),
      })),
    );
  }

  /** Deletes one of my assets and its thumbnail: rows first, then their blobs. */
  async delete(userId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw assetNotFound();
    const [rows] = (await this.dataSource.query(
      `DELETE FROM assets
       WHERE owner_id = $1
         AND (id = $2 OR id = (SELECT thumbnail_asset_id FROM assets WHERE id = $2 AND owner_id = $1))
       RETURNING storage_key`,
      [userId, id],
    )) as [Array<{ storage_key: string }>, number];
    if (rows.length === 0) throw assetNotFound();
    await Promise.all(rows.map((row) => this.blobs.delete({ key: row.storage_key })));
  }

  /** Deletes several of my assets with their thumbnails; ids already gone are skipped. */
  async deleteMany(params: { userId: string; assetIds: string[] }): Promise<void> {
    const ids = [...new Set(params.assetIds)].filter(isUuid);
    if (ids.length === 0) return;
    const [rows] = (await this.dataSource.query(
      `DELETE FROM assets
       WHERE owner_id = $1
         AND (id = ANY($2::uuid[]) OR id IN (
           SELECT thumbnail_asset_id FROM assets WHERE id = ANY($2::uuid[]) AND owner_id = $1))
       RETURNING storage_key`,
      [params.userId, ids],
    )) as [Array<{ storage_key: string }>, number];
    await Promise.all(rows.map((row) => this.blobs.delete({ key: row.storage_key })));
  }

  /** Everything of mine in storage, for account deletion: every row, then every blob. */
  async deleteAllOf(userId: string): Promise<{ assets: number; objects: number }> {
    const [, assets] = (await this.dataSource.query('DELETE FROM assets WHERE owner_id = $1', [
      userId,
    ])) as [unknown, number];
    await this.dataSource.query('DELETE FROM uploads WHERE owner_id = $1', [userId]);
    const objects = await this.blobs.deletePrefix({ prefix: userPrefix(userId) });
    return { assets, objects };
  }
}
