import type { Asset } from '../storage/asset.entity';
import type { LibraryLoaders } from './library-loaders';

/** The cover of an AI model or character: the chosen image, else its first reference. */
export async function coverOf(
  loaders: LibraryLoaders,
  item: { id: string; coverAssetId: string | null },
  references: (loaders: LibraryLoaders) => Promise<Asset[]>,
): Promise<Asset | null> {
  if (item.coverAssetId) {
    const cover = await loaders.assets.load(item.coverAssetId);
    if (cover) return cover;
  }
  return (await references(loaders))[0] ?? null;
}
