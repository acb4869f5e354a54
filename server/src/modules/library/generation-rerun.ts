import type { DataSource } from 'typeorm';
import { isUuid } from '../../graphql/ids';
import type { ComposedGeneration } from '../generations/generation-composer';
import { Generation } from '../generations/generation.entity';
import { generationNotFound } from '../generations/generation.errors';
import type { ProviderRegistry } from '../generations/provider-registry';
import { resolveSize } from '../providers/dimensions';
import { GenerationSource } from './generation-source.entity';
import { recordSource } from './library-composer';
import { LibraryError } from './library.errors';
import { ReferenceSource, type ProvenanceSnapshot } from './provenance';

/**
 * The request that makes one of my generations again exactly: its final prompt, settings, seed,
 * parameters and reference images as sent, with its provenance carried over (and `rerunOf`).
 * Refused when an image it used has been deleted since, as the result could not be the same.
 */
export async function composeRerun(
  dataSource: DataSource,
  registry: ProviderRegistry,
  userId: string,
  generationId: string,
): Promise<ComposedGeneration> {
  const generation = isUuid(generationId)
    ? await dataSource.getRepository(Generation).findOneBy({ id: generationId, ownerId: userId })
    : null;
  if (!generation) throw generationNotFound();
  const source = await dataSource.getRepository(GenerationSource).findOneBy({ generationId });

  const present = (await dataSource.query(
    'SELECT id, sha256 FROM assets WHERE owner_id = $1 AND id = ANY($2::uuid[])',
    [userId, generation.referenceAssetIds],
  )) as Array<{ id: string; sha256: string }>;
  if (present.length !== generation.referenceAssetIds.length) {
    throw new LibraryError(
      'NOT_FOUND',
      'An image this generation used has been deleted, so it cannot be made again exactly. Use its settings in the generate form with other images instead.',
    );
  }

  const capabilities = registry
    .find(generation.provider)
    ?.models()
    .find((model) => model.id === generation.model)?.capabilities;
  // Pixels where the model takes them, unless the ratio alone gives the same pixels: then the
  // ratio, which keeps the one recorded (320×184 is 16:9 as asked, not the reduced 40:23).
  const fromRatio = capabilities
    ? resolveSize(capabilities, { aspectRatio: generation.aspectRatio }).value
    : null;
  const sizedByRatio =
    fromRatio?.width === generation.width && fromRatio.height === generation.height;
  const size =
    capabilities?.size && !sizedByRatio
      ? { width: generation.width, height: generation.height }
      : { aspectRatio: generation.aspectRatio };
  const hashes = new Map(present.map((row) => [row.id, row.sha256]));
  const snapshot: ProvenanceSnapshot = source
    ? { ...source.snapshot, rerunOf: generation.id }
    : {
        recipe: null,
        template: null,
        variables: {},
        characters: [],
        aiModel: null,
        references: generation.referenceAssetIds.map((assetId) => ({
          assetId,
          sha256: hashes.get(assetId)!,
          source: ReferenceSource.REQUEST,
          sent: true,
        })),
        basePrompt: generation.prompt,
        addedContext: null,
        rerunOf: generation.id,
      };
  return {
    fields: {
      kind: generation.kind,
      provider: generation.provider,
      model: generation.model,
      prompt: generation.prompt,
      negativePrompt: generation.negativePrompt,
      count: generation.count,
      ...size,
      durationSeconds: generation.durationSeconds,
      // A model without seeds was given a random one for the record; it takes none.
      seed: capabilities?.seed === false ? null : generation.seed,
      referenceAssetIds: generation.referenceAssetIds,
      params: generation.params,
    },
    errors: [],
    record: (manager, id) =>
      recordSource(manager, id, snapshot, {
        recipeId: source?.recipeId ?? null,
        recipeVersionId: source?.recipeVersionId ?? null,
        templateId: source?.templateId ?? null,
        aiModelId: source?.aiModelId ?? null,
        characterIds: source?.characterIds ?? [],
      }),
  };
}
