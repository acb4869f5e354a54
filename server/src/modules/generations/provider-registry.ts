import type { GenerationProvider, ProviderModel } from '../providers/provider';
import { GenerationError } from './generation.errors';

/** The providers this server offers, in catalogue order; the pipeline looks them up here. */
export class ProviderRegistry {
  private readonly byId: Map<string, GenerationProvider>;

  constructor(readonly providers: GenerationProvider[]) {
    this.byId = new Map(providers.map((provider) => [provider.id, provider]));
  }

  /** The provider, or NOT_FOUND / PROVIDER_UNAVAILABLE with a message that says what to do. */
  usable(id: string): GenerationProvider {
    const provider = this.byId.get(id);
    if (!provider) {
      throw new GenerationError(
        'NOT_FOUND',
        `There is no provider "${id}". Choose one from the list.`,
      );
    }
    if (!provider.enabled) {
      throw new GenerationError(
        'PROVIDER_UNAVAILABLE',
        `${provider.name} is not set up on this server. Choose another provider.`,
      );
    }
    return provider;
  }

  /** Looks a provider up even when disabled (a running generation must still be cancellable). */
  find(id: string): GenerationProvider | undefined {
    return this.byId.get(id);
  }

  model(provider: GenerationProvider, id: string): ProviderModel {
    const model = provider.models().find((candidate) => candidate.id === id);
    if (!model) {
      throw new GenerationError(
        'NOT_FOUND',
        `${provider.name} has no model "${id}". Choose one from the list.`,
      );
    }
    return model;
  }
}
