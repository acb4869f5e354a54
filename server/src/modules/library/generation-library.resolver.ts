import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { DataSource } from 'typeorm';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { assertPageSize } from '../../graphql/pagination';
import { Generation } from '../generations/generation.entity';
import type { GenerationService } from '../generations/generation.service';
import { GenerationConnection } from '../generations/generation.types';
import type { ProviderRegistry } from '../generations/provider-registry';
import { Asset } from '../storage/asset.entity';
import { AiModel } from './ai-model.entity';
import type { AssetUsageService } from './asset-usage.service';
import { Character } from './character.entity';
import { composeRerun } from './generation-rerun';
import { existing, libraryLoaders } from './library-loaders';
import { RunGenerationAgainArgs } from './library.inputs';
import { PromptTemplate } from './prompt-template.entity';
import { ProvenanceSnapshot } from './provenance';
import { Recipe, RecipeVersion } from './recipe.entity';

/** What generations were made from, and what uses an image: the library's side of both. */
@Resolver(() => Generation)
export class GenerationLibraryResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generations: GenerationService,
    private readonly registry: ProviderRegistry,
    private readonly usage: AssetUsageService,
  ) {}

  @Mutation(() => Generation, {
    description:
      'Makes a generation again exactly: the same final prompt, settings, seed, parameters and images',
  })
  runGenerationAgain(
    @Args() { id, idempotencyKey }: RunGenerationAgainArgs,
    @Ctx() context: GraphQLContext,
  ) {
    const userId = requireIdentity(context).user.id;
    return this.generations.startComposed(
      userId,
      () => composeRerun(this.dataSource, this.registry, userId, id),
      idempotencyKey ?? null,
    );
  }

  @Query(() => GenerationConnection, {
    description: 'My generations that used one of my images, newest first',
  })
  generationsUsingAsset(
    @Arg('assetId', () => ID) assetId: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: GraphQLContext,
  ) {
    assertPageSize(first);
    return this.usage.generations(requireIdentity(context).user.id, assetId, first, after);
  }

  @Mutation(() => ID, {
    description:
      'Deletes an uploaded reference image, from storage and from the AI models and characters that use it',
  })
  deleteAsset(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.usage.delete(requireIdentity(context).user.id, id);
  }

  @FieldResolver(() => ProvenanceSnapshot, {
    nullable: true,
    description: 'What it was made from, as it was at the start',
  })
  async provenance(@Root() generation: Generation, @Ctx() context: GraphQLContext) {
    const source = await libraryLoaders(context, this.dataSource).sources.load(generation.id);
    return source?.snapshot ?? null;
  }

  @FieldResolver(() => Recipe, { nullable: true, description: 'Its recipe, unless deleted since' })
  async recipe(@Root() generation: Generation, @Ctx() context: GraphQLContext) {
    const loaders = libraryLoaders(context, this.dataSource);
    const source = await loaders.sources.load(generation.id);
    return source?.recipeId ? loaders.recipes.load(source.recipeId) : null;
  }

  @FieldResolver(() => RecipeVersion, { nullable: true, description: 'The recipe version it ran' })
  async recipeVersion(@Root() generation: Generation, @Ctx() context: GraphQLContext) {
    const loaders = libraryLoaders(context, this.dataSource);
    const source = await loaders.sources.load(generation.id);
    return source?.recipeVersionId ? loaders.recipeVersions.load(source.recipeVersionId) : null;
  }

  @FieldResolver(() => PromptTemplate, {
    nullable: true,
    description: 'Its template, as it is now',
  })
  async template(@Root() generation: Generation, @Ctx() context: GraphQLContext) {
    const loaders = libraryLoaders(context, this.dataSource);
    const source = await loaders.sources.load(generation.id);
    return source?.templateId ? loaders.templates.load(source.templateId) : null;
  }

  @FieldResolver(() => [Character], { description: 'Its characters that still exist' })
  async characters(@Root() generation: Generation, @Ctx() context: GraphQLContext) {
    const loaders = libraryLoaders(context, this.dataSource);
    const source = await loaders.sources.load(generation.id);
    return source ? existing(loaders.characters, source.characterIds) : [];
  }

  @FieldResolver(() => AiModel, { nullable: true, description: 'Its AI model, unless deleted' })
  async aiModel(@Root() generation: Generation, @Ctx() context: GraphQLContext) {
    const loaders = libraryLoaders(context, this.dataSource);
    const source = await loaders.sources.load(generation.id);
    return source?.aiModelId ? loaders.aiModels.load(source.aiModelId) : null;
  }
}

/** Which AI models and characters use an image. */
@Resolver(() => Asset)
export class AssetUsageResolver {
  constructor(private readonly dataSource: DataSource) {}

  @FieldResolver(() => [Character], { description: 'My characters that use it as a reference' })
  usedByCharacters(@Root() asset: Asset, @Ctx() context: GraphQLContext): Promise<Character[]> {
    return libraryLoaders(context, this.dataSource).charactersUsingAsset.load(asset.id);
  }

  @FieldResolver(() => [AiModel], { description: 'My AI models that use it as a reference' })
  usedByAiModels(@Root() asset: Asset, @Ctx() context: GraphQLContext): Promise<AiModel[]> {
    return libraryLoaders(context, this.dataSource).aiModelsUsingAsset.load(asset.id);
  }
}
