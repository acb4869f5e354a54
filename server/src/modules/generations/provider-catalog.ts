import { GenerationKindEnum } from './generation.entity';
import type { GenerationProviderInfo } from './provider-catalog.types';
import type { ProviderRegistry } from './provider-registry';

/** The catalogue as GraphQL shows it, straight from each provider's own model list. */
export function providerCatalog(registry: ProviderRegistry): GenerationProviderInfo[] {
  return registry.providers.map((provider) => ({
    id: provider.id,
    name: provider.name,
    description: provider.description,
    enabled: provider.enabled,
    models: provider.models().map((model) => ({
      id: model.id,
      name: model.name,
      description: model.description,
      kind: model.kind === 'VIDEO' ? GenerationKindEnum.VIDEO : GenerationKindEnum.IMAGE,
      price: { credits: model.price.credits, per: model.price.per },
      capabilities: {
        count: model.capabilities.count,
        aspectRatios: model.capabilities.aspectRatios,
        size: model.capabilities.size ?? null,
        fixedSizes: Object.entries(model.capabilities.sizes ?? {}).map(([aspectRatio, size]) => ({
          aspectRatio,
          ...size,
        })),
        durations: model.capabilities.durations ?? null,
        referenceImages: model.capabilities.referenceImages,
        negativePrompt: model.capabilities.negativePrompt,
        seed: model.capabilities.seed,
        params: (model.capabilities.params ?? []).map((param) => ({
          name: param.name,
          type: param.type,
          description: param.description,
          min: param.min ?? null,
          max: param.max ?? null,
          choices: param.choices ?? null,
          default: param.default ?? null,
        })),
      },
    })),
  }));
}
