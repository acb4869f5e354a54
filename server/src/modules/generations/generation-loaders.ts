import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { requestScoped } from '../../graphql/request-scoped';
import { Asset } from '../storage/asset.entity';
import { assetLoader } from '../storage/asset-loader';

/**
 * Batches the assets of a page of generations into one query each (outputs, previews and
 * references). Not cached: a live subscription reuses its context, and outputs change.
 */
export function generationLoaders(context: object, dataSource: DataSource) {
  return requestScoped(context, 'generations', () => ({
    outputs: new DataLoader<string, Asset[]>(
      async (generationIds) => {
        const rows = (await dataSource.query(
          `SELECT o.generation_id, o.asset_id FROM generation_outputs o
           WHERE o.generation_id = ANY($1::uuid[]) ORDER BY o.generation_id, o.position`,
          [generationIds],
        )) as Array<{ generation_id: string; asset_id: string }>;
        const assets = await assetsById(
          dataSource,
          rows.map((row) => row.asset_id),
        );
        return generationIds.map((id) =>
          rows
            .filter((row) => row.generation_id === id)
            .flatMap((row) => (assets.has(row.asset_id) ? [assets.get(row.asset_id)!] : [])),
        );
      },
      { cache: false },
    ),
    assets: assetLoader(context, dataSource),
  }));
}

async function assetsById(dataSource: DataSource, ids: string[]): Promise<Map<string, Asset>> {
  if (ids.length === 0) return new Map();
  const assets = await dataSource.getRepository(Asset).findBy({ id: In(ids) });
  return new Map(assets.map((asset) => [asset.id, asset]));
}
