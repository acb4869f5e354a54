import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { requestScoped } from '../../graphql/request-scoped';
import { Asset } from './asset.entity';

/**
 * The request's loader of assets by id, shared by every field that points at one (outputs,
 * previews, covers, references): one statement per batch, null for ids that are gone. Not cached
 * across items: a subscription reuses its context for hours.
 */
export function assetLoader(context: object, dataSource: DataSource) {
  return requestScoped(
    context,
    'assets',
    () =>
      new DataLoader<string, Asset | null>(
        async (ids) => {
          const rows = await dataSource.getRepository(Asset).findBy({ id: In([...new Set(ids)]) });
          const found = new Map(rows.map((asset) => [asset.id, asset]));
          return ids.map((id) => found.get(id) ?? null);
        },
        { cache: false },
      ),
  );
}
