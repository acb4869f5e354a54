import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { requestScoped } from '../../graphql/request-scoped';
import { Asset } from '../storage/asset.entity';
import { assetLoader } from '../storage/asset-loader';
import { AiModel } from './ai-model.entity';
import { Character } from './character.entity';
import { GenerationSource } from './generation-source.entity';
import { PromptTemplate } from './prompt-template.entity';
import { Recipe, RecipeVersion } from './recipe.entity';

/** A loader of rows by id: one statement per batch, null for ids that are gone. */
function byId<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  key: (row: T) => string,
  column = 'id',
) {
  return new DataLoader<string, T | null>(
    async (ids) => {
      const rows = await dataSource
        .getRepository(entity)
        .findBy({ [column]: In([...new Set(ids)]) } as never);
      const found = new Map(rows.map((row) => [key(row), row]));
      return ids.map((id) => found.get(id) ?? null);
    },
    { cache: false },
  );
}

/** The ordered reference images of a page of AI models or characters: two statements per batch. */
function referencesLoader(
  dataSource: DataSource,
  table: 'ai_model_references' | 'character_references',
  column: string,
) {
  return new DataLoader<string, Asset[]>(
    async (ownerIds) => {
      const links = (await dataSource.query(
        `SELECT ${column} AS owner_id, asset_id FROM ${table}
         WHERE ${column} = ANY($1::uuid[]) ORDER BY ${column}, position`,
        [ownerIds],
      )) as Array<{ owner_id: string; asset_id: string }>;
      const ids = [...new Set(links.map((link) => link.asset_id))];
      const assets = ids.length
        ? new Map(
            (await dataSource.getRepository(Asset).findBy({ id: In(ids) })).map((a) => [a.id, a]),
          )
        : new Map<string, Asset>();
      return ownerIds.map((owner) =>
        links
          .filter((link) => link.owner_id === owner && assets.has(link.asset_id))
          .map((link) => assets.get(link.asset_id)!),
      );
    },
    { cache: false },
  );
}

/** The AI models or characters that use each of a batch of images: one statement per batch. */
function usersOfAsset<T extends AiModel | Character>(
  dataSource: DataSource,
  entity: new () => T,
  table: 'ai_model_references' | 'character_references',
  column: string,
) {
  return new DataLoader<string, T[]>(
    async (assetIds) => {
      const rows = await dataSource
        .getRepository(entity)
        .createQueryBuilder('item')
        .innerJoin(table, 'r', `r.${column} = item.id`)
        .addSelect('r.asset_id', 'asset_id')
        .where('r.asset_id = ANY(:ids::uuid[])', { ids: [...assetIds] })
        .orderBy('item.name')
        .getRawAndEntities<{ asset_id: string; item_id: string }>();
      return assetIds.map((assetId) => {
        const ids = new Set(
          rows.raw.filter((raw) => raw.asset_id === assetId).map((raw) => raw.item_id),
        );
        return rows.entities.filter((item) => ids.has(item.id));
      });
    },
    { cache: false },
  );
}

/**
 * Batches every library lookup of one request, so a page of 50 items with their references,
 * covers and links costs the same few statements as a page of 2. Not cached across items: a
 * subscription reuses its context for hours.
 */
export function libraryLoaders(context: object, dataSource: DataSource) {
  return requestScoped(context, 'library', () => ({
    assets: assetLoader(context, dataSource),
    aiModels: byId(dataSource, AiModel, (model) => model.id),
    characters: byId(dataSource, Character, (character) => character.id),
    templates: byId(dataSource, PromptTemplate, (template) => template.id),
    recipes: byId(dataSource, Recipe, (recipe) => recipe.id),
    recipeVersions: byId(dataSource, RecipeVersion, (version) => version.id),
    sources: byId(dataSource, GenerationSource, (source) => source.generationId, 'generationId'),
    aiModelReferences: referencesLoader(dataSource, 'ai_model_references', 'ai_model_id'),
    characterReferences: referencesLoader(dataSource, 'character_references', 'character_id'),
    charactersUsingAsset: usersOfAsset(
      dataSource,
      Character,
      'character_references',
      'character_id',
    ),
    aiModelsUsingAsset: usersOfAsset(dataSource, AiModel, 'ai_model_references', 'ai_model_id'),
    modelCharacters: new DataLoader<string, Character[]>(
      async (modelIds) => {
        const rows = await dataSource
          .getRepository(Character)
          .find({ where: { aiModelId: In([...modelIds]) }, order: { name: 'ASC' } });
        return modelIds.map((id) => rows.filter((row) => row.aiModelId === id));
      },
      { cache: false },
    ),
    recipeVersionLists: new DataLoader<string, RecipeVersion[]>(
      async (recipeIds) => {
        const rows = await dataSource
          .getRepository(RecipeVersion)
          .find({ where: { recipeId: In([...recipeIds]) }, order: { version: 'DESC' } });
        return recipeIds.map((id) => rows.filter((row) => row.recipeId === id));
      },
      { cache: false },
    ),
    /** Keyed `recipeId:version`. */
    versionsByNumber: new DataLoader<string, RecipeVersion | null>(
      async (keys) => {
        const pairs = keys.map((key) => key.split(':') as [string, string]);
        const rows = await dataSource
          .getRepository(RecipeVersion)
          .createQueryBuilder('v')
          .where(
            '(v.recipe_id, v.version) IN (SELECT * FROM unnest(:ids::uuid[], :numbers::int[]))',
            { ids: pairs.map(([id]) => id), numbers: pairs.map(([, n]) => Number(n)) },
          )
          .getMany();
        const found = new Map(rows.map((row) => [`${row.recipeId}:${row.version}`, row]));
        return keys.map((key) => found.get(key) ?? null);
      },
      { cache: false },
    ),
    latestVersions: new DataLoader<string, RecipeVersion | null>(
      async (recipeIds) => {
        const rows = await dataSource
          .getRepository(RecipeVersion)
          .createQueryBuilder('v')
          .innerJoin(Recipe, 'r', 'r.id = v.recipe_id AND r.latest_version_number = v.version')
          .where('v.recipe_id = ANY(:ids::uuid[])', { ids: [...recipeIds] })
          .getMany();
        const found = new Map(rows.map((row) => [row.recipeId, row]));
        return recipeIds.map((id) => found.get(id) ?? null);
      },
      { cache: false },
    ),
  }));
}

export type LibraryLoaders = ReturnType<typeof libraryLoaders>;

/** The rows of `ids` that still exist, in order (characters since deleted are left out). */
export async function existing<T>(
  loader: DataLoader<string, T | null>,
  ids: string[],
): Promise<T[]> {
  const rows = await loader.loadMany(ids);
  return rows.filter((row): row is T => row !== null && !(row instanceof Error));
}
