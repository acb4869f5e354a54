import type { Config } from '../../config';
import { createFalProvider } from './fal/fal-provider';
import { createGoogleProvider } from './google/google-provider';
import { createLocalProvider } from './local/local-provider';
import { createOpenAIProvider } from './openai/openai-provider';
import type { GenerationProvider } from './provider';
import { createReplicateProvider } from './replicate/replicate-provider';
import { createRunwayProvider } from './runway/runway-provider';
import { createStabilityProvider } from './stability/stability-provider';

/**
 * Every provider this server offers, in catalogue order: the built-in generator first, then the
 * third-party ones, each enabled by its platform key (listed as unavailable without one).
 */
export function createProviders(config: Config): GenerationProvider[] {
  const { providers } = config;
  return [
    createLocalProvider({ stepMs: config.generation.localStepMs }),
    createOpenAIProvider(providers.openai),
    createReplicateProvider(providers.replicate),
    createFalProvider(providers.fal),
    createStabilityProvider(providers.stability),
    createGoogleProvider(providers.google),
    createRunwayProvider(providers.runway),
  ];
}
