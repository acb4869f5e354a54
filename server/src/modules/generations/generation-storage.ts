import type { AssetService } from '../storage/asset.service';
import type { ReferenceImage } from '../providers/provider';

/** What the pipeline needs from storage; the assets module provides it. */
export interface GenerationStorage {
  /** Throws NOT_FOUND unless every id is an image asset of this user. */
  assertOwnedImages(params: { userId: string; assetIds: string[] }): Promise<void>;
  /** The reference images as providers take them: a short-lived URL and the bytes. */
  references(params: { userId: string; assetIds: string[] }): Promise<ReferenceImage[]>;
  /** Stores a generated output or preview (hash, dimensions, thumbnail); returns the asset id. */
  storeGenerated(params: {
    userId: string;
    kind: 'OUTPUT' | 'PREVIEW';
    data: Buffer;
    contentType: string;
  }): Promise<string>;
  /** Removes assets and their files; ids that are gone already are skipped. */
  deleteAssets(params: { userId: string; assetIds: string[] }): Promise<void>;
}

/** The pipeline's storage, backed by the assets of the storage module. */
export function generationStorageFrom(assets: AssetService): GenerationStorage {
  return {
    assertOwnedImages: (params) => assets.assertOwnedImages(params),
    references: (params) => assets.references(params),
    storeGenerated: async (params) => (await assets.storeGenerated(params)).id,
    deleteAssets: (params) => assets.deleteMany(params),
  };
}
