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
import { Asset } from '../storage/asset.entity';
import { AiModel } from './ai-model.entity';
import { Character } from './character.entity';
import { RecipeConnection } from './library-connections';
import { existing, libraryLoaders } from './library-loaders';
import {
  CreateRecipeInput,
  LibraryListArgs,
  RenameRecipeInput,
  UpdateRecipeInput,
} from './library.inputs';
import { PromptTemplate } from './prompt-template.entity';
import { Recipe, RecipeVersion } from './recipe.entity';
import type { RecipesService } from './recipes.service';

@Resolver(() => Recipe)
export class RecipeResolver {
  constructor(
    private readonly service: RecipesService,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => RecipeConnection, { description: 'My recipes, newest first' })
  recipes(@Args() args: LibraryListArgs, @Ctx() context: GraphQLContext) {
    return this.service.list(requireIdentity(context).user.id, args);
  }

  @Query(() => Recipe, { description: 'One of my recipes' })
  recipe(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.service.get(requireIdentity(context).user.id, id);
  }

  @Mutation(() => Recipe, { description: 'Saves a preset as version 1 of a new recipe' })
  createRecipe(@Arg('input') input: CreateRecipeInput, @Ctx() context: GraphQLContext) {
    return this.service.create(requireIdentity(context).user.id, input);
  }

  @Mutation(() => Recipe, {
    description: 'Saves the preset as a new version; earlier versions stay readable and runnable',
  })
  updateRecipe(@Arg('input') input: UpdateRecipeInput, @Ctx() context: GraphQLContext) {
    return this.service.update(requireIdentity(context).user.id, input);
  }

  @Mutation(() => Recipe, { description: 'Changes the name and description (no new version)' })
  renameRecipe(@Arg('input') input: RenameRecipeInput, @Ctx() context: GraphQLContext) {
    return this.service.rename(requireIdentity(context).user.id, input);
  }

  @Mutation(() => Recipe, { description: "A new recipe starting from this one's latest version" })
  duplicateRecipe(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Ctx() context: GraphQLContext,
  ) {
    return this.service.duplicate(requireIdentity(context).user.id, id, name);
  }

  @Mutation(() => ID, { description: 'Deletes a recipe and its versions; generations keep theirs' })
  deleteRecipe(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.service.delete(requireIdentity(context).user.id, id);
  }

  @FieldResolver(() => RecipeVersion)
  async latestVersion(@Root() recipe: Recipe, @Ctx() context: GraphQLContext) {
    return libraryLoaders(context, this.dataSource).latestVersions.load(recipe.id);
  }

  @FieldResolver(() => [RecipeVersion], { description: 'Every version, newest first' })
  versions(@Root() recipe: Recipe, @Ctx() context: GraphQLContext) {
    return libraryLoaders(context, this.dataSource).recipeVersionLists.load(recipe.id);
  }

  @FieldResolver(() => RecipeVersion, { nullable: true, description: 'One version by number' })
  version(
    @Root() recipe: Recipe,
    @Arg('version', () => Int) version: number,
    @Ctx() context: GraphQLContext,
  ) {
    if (!Number.isInteger(version) || version < 1) return null;
    return libraryLoaders(context, this.dataSource).versionsByNumber.load(
      `${recipe.id}:${version}`,
    );
  }
}

@Resolver(() => RecipeVersion)
export class RecipeVersionResolver {
  constructor(private readonly dataSource: DataSource) {}

  @FieldResolver(() => [Character], { description: 'Its characters that still exist' })
  characters(@Root() version: RecipeVersion, @Ctx() context: GraphQLContext) {
    return existing(libraryLoaders(context, this.dataSource).characters, version.characterIds);
  }

  @FieldResolver(() => AiModel, { nullable: true })
  aiModel(@Root() version: RecipeVersion, @Ctx() context: GraphQLContext) {
    return version.aiModelId
      ? libraryLoaders(context, this.dataSource).aiModels.load(version.aiModelId)
      : null;
  }

  @FieldResolver(() => [Asset], { description: 'Its reference images that still exist' })
  references(@Root() version: RecipeVersion, @Ctx() context: GraphQLContext) {
    return existing(libraryLoaders(context, this.dataSource).assets, version.referenceAssetIds);
  }

  @FieldResolver(() => PromptTemplate, {
    nullable: true,
    description: 'The template it was made from, as it is now (unless deleted)',
  })
  sourceTemplate(@Root() version: RecipeVersion, @Ctx() context: GraphQLContext) {
    return version.templateId
      ? libraryLoaders(context, this.dataSource).templates.load(version.templateId)
      : null;
  }
}
