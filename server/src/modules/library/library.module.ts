import type { DataSource } from 'typeorm';
import type { GenerationService } from '../generations/generation.service';
import type { ProviderRegistry } from '../generations/provider-registry';
import type { AssetService } from '../storage/asset.service';
import { AiModelResolver } from './ai-model.resolver';
import { AssetUsageService } from './asset-usage.service';
import { CharacterResolver } from './character.resolver';
import { AssetUsageResolver, GenerationLibraryResolver } from './generation-library.resolver';
import { LibraryComposer } from './library-composer';
import { PersonasService } from './personas.service';
import { PromptTemplateResolver } from './prompt-template.resolver';
import { PromptTemplatesService } from './prompt-templates.service';
import { RecipeResolver, RecipeVersionResolver } from './recipe.resolver';
import { RecipesService } from './recipes.service';

/**
 * The library (AI models, characters, prompt templates, recipes), wired. The composer is made
 * first, as generations need it; the resolvers once generations exist.
 */
export function createLibraryModule(params: {
  dataSource: DataSource;
  registry: ProviderRegistry;
  assets: AssetService;
}) {
  const { dataSource, registry } = params;
  const personas = new PersonasService(dataSource);
  const templates = new PromptTemplatesService(dataSource, personas);
  const recipes = new RecipesService(dataSource, registry);
  const usage = new AssetUsageService(dataSource, params.assets);
  return {
    services: { personas, templates, recipes },
    composer: new LibraryComposer(dataSource, registry, recipes),
    resolvers: (generations: GenerationService) => [
      new AiModelResolver(personas, dataSource),
      new CharacterResolver(personas, dataSource),
      new PromptTemplateResolver(templates),
      new RecipeResolver(recipes, dataSource),
      new RecipeVersionResolver(dataSource),
      new GenerationLibraryResolver(dataSource, generations, registry, usage),
      new AssetUsageResolver(dataSource),
    ],
  };
}
