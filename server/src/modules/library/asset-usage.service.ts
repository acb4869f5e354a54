import type { DataSource } from 'typeorm';
import { cursorTimeSql, decodeCursor, pageOf } from '../../graphql/pagination';
import { Generation } from '../generations/generation.entity';
import { Asset, AssetKind } from '../storage/asset.entity';
import type { AssetService } from '../storage/asset.service';
import { LibraryError } from './library.errors';

/** Which of my generations and library items use an image, and deleting images truthfully. */
export class AssetUsageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assets: AssetService,
  ) {}

  /** My generations that used the image (sent, or as a character's or AI model's), newest first. */
  async generations(userId: string, assetId: string, first: number, after: string | null) {
    await this.assets.get(userId, assetId);
    const cursor = after ? decodeCursor(after) : null;
    const rows = (await this.dataSource.query(
      `SELECT g.id, ${cursorTimeSql('g.created_at')} AS cursor_time
       FROM generation_sources s JOIN generations g ON g.id = s.generation_id
       WHERE g.owner_id = $1 AND s.used_asset_ids @> ARRAY[$2::uuid]
         AND ($3::timestamptz IS NULL OR (g.created_at, g.id) < ($3::timestamptz, $4::uuid))
       ORDER BY g.created_at DESC, g.id DESC
       LIMIT $5`,
      [userId, assetId, cursor?.createdAt ?? null, cursor?.id ?? null, first + 1],
    )) as Array<{ id: string; cursor_time: string }>;
    return pageOf(rows, first, (ids) =>
      this.dataSource.getRepository(Generation).createQueryBuilder('g').whereInIds(ids).getMany(),
    );
  }

  /**
   * Deletes an uploaded reference image: its file and thumbnail, and its place in every AI model
   * and character (the database cascades). Generations keep its hash in their provenance.
   */
  async delete(userId: string, assetId: string): Promise<string> {
    const asset: Asset = await this.assets.get(userId, assetId);
    if (asset.kind !== AssetKind.REFERENCE) {
      throw new LibraryError(
        'ASSET_NOT_DELETABLE',
        asset.kind === AssetKind.OUTPUT
          ? 'This image is a result of a generation: delete the generation to delete it.'
          : 'Only uploaded reference images can be deleted this way.',
      );
    }
    await this.assets.delete(userId, assetId);
    return assetId;
  }
}
