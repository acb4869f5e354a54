import type { EntityManager } from 'typeorm';
import type { FieldError } from '../providers/params';
import { STILL_TYPES } from '../storage/asset.service';

/**
 * Problems with a list of reference image ids: each must be a still image of mine that is an
 * upload or a generation output (not a preview or thumbnail). One statement.
 */
export async function referenceProblems(
  manager: EntityManager,
  userId: string,
  assetIds: string[],
  field = 'referenceAssetIds',
): Promise<FieldError[]> {
  const wanted = [...new Set(assetIds)];
  if (wanted.length !== assetIds.length) {
    return [{ field, message: 'Each reference image can be in the list once.' }];
  }
  if (wanted.length === 0) return [];
  const rows = (await manager.query(
    `SELECT id FROM assets
     WHERE owner_id = $1 AND id = ANY($2::uuid[]) AND kind IN ('REFERENCE', 'OUTPUT')
       AND content_type = ANY($3::text[]) AND duration_seconds IS NULL`,
    [userId, wanted, [...STILL_TYPES]],
  )) as Array<{ id: string }>;
  if (rows.length === wanted.length) return [];
  const found = new Set(rows.map((row) => row.id));
  const missing = wanted.filter((id) => !found.has(id)).length;
  return [
    {
      field,
      message: `${missing === 1 ? 'One image is' : `${missing} images are`} not among your uploads and generated stills (or no longer exist). Choose again.`,
    },
  ];
}

/** Replaces the ordered references of an AI model or character, in the caller's transaction. */
export async function replaceReferences(
  manager: EntityManager,
  target: { table: 'ai_model_references' | 'character_references'; column: string },
  ownerId: string,
  assetIds: string[],
): Promise<void> {
  await manager.query(`DELETE FROM ${target.table} WHERE ${target.column} = $1`, [ownerId]);
  if (assetIds.length === 0) return;
  await manager.query(
    `INSERT INTO ${target.table} (${target.column}, asset_id, position)
     SELECT $1, asset_id, position - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS r(asset_id, position)`,
    [ownerId, assetIds],
  );
}
