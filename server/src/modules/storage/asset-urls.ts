import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { BlobStore } from './blob-store';

/** How long an asset URL handed to a client works. */
export const ASSET_URL_SECONDS = 3600;
// A URL is handed out again until half its life is gone: repeated queries then return the same
// URL, so browsers reuse their cached image instead of downloading it under a new address.
const REUSE_SECONDS = ASSET_URL_SECONDS / 2;
const MAX_REMEMBERED = 10_000;

/**
 * Signed read URLs of assets for GraphQL fields, without SQL per item: an asset's own URL needs
 * only its row, and the storage keys of thumbnails are loaded in one statement per batch.
 */
export class AssetUrls {
  private readonly issued = new Map<string, { url: string; reuseUntil: number }>();
  // One loader per operation; nothing is cached across items beyond batching, as a
  // subscription's operation can live for hours.
  private readonly loaders = new WeakMap<object, DataLoader<string, string | null>>();

  constructor(
    private readonly blobs: BlobStore,
    private readonly dataSource: DataSource,
  ) {}

  /** A read URL of the object at `storageKey`, valid for at least half an hour. */
  async url(storageKey: string): Promise<string> {
    const now = Date.now();
    const known = this.issued.get(storageKey);
    if (known && known.reuseUntil > now) return known.url;
    const url = await this.blobs.signedReadUrl({
      key: storageKey,
      expiresInSeconds: ASSET_URL_SECONDS,
    });
    if (this.issued.size >= MAX_REMEMBERED) this.issued.clear();
    this.issued.set(storageKey, { url, reuseUntil: now + REUSE_SECONDS * 1000 });
    return url;
  }

  /** The read URL of a thumbnail asset, batched with every other one the operation asks for. */
  async thumbnailUrl(operation: object, thumbnailAssetId: string): Promise<string | null> {
    let loader = this.loaders.get(operation);
    if (!loader) {
      loader = new DataLoader((ids) => this.storageKeys(ids), { cache: false });
      this.loaders.set(operation, loader);
    }
    const key = await loader.load(thumbnailAssetId);
    return key ? this.url(key) : null;
  }

  private async storageKeys(ids: readonly string[]): Promise<Array<string | null>> {
    const rows = (await this.dataSource.query(
      'SELECT id, storage_key FROM assets WHERE id = ANY($1::uuid[])',
      [[...new Set(ids)]],
    )) as Array<{ id: string; storage_key: string }>;
    const byId = new Map(rows.map((row) => [row.id, row.storage_key]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
