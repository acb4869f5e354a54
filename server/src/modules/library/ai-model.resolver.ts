import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { Asset } from '../storage/asset.entity';
import { AiModel } from './ai-model.entity';
import { Character } from './character.entity';
import { AiModelConnection } from './library-connections';
import { libraryLoaders } from './library-loaders';
import { CreateAiModelInput, LibraryListArgs, UpdateAiModelInput } from './library.inputs';
import { coverOf } from './persona-fields';
import type { PersonasService } from './personas.service';

@Resolver(() => AiModel)
export class AiModelResolver {
  constructor(
    private readonly personas: PersonasService,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => AiModelConnection, { description: 'My AI models, newest first' })
  aiModels(@Args() args: LibraryListArgs, @Ctx() context: GraphQLContext) {
    return this.personas.listAiModels(requireIdentity(context).user.id, args);
  }

  @Query(() => AiModel, { description: 'One of my AI models' })
  aiModel(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.personas.aiModels.get(requireIdentity(context).user.id, id);
  }

  @Mutation(() => AiModel)
  createAiModel(@Arg('input') input: CreateAiModelInput, @Ctx() context: GraphQLContext) {
    return this.personas.saveAiModel(requireIdentity(context).user.id, input);
  }

  @Mutation(() => AiModel, { description: 'Changes the fields given; lists given replace the old' })
  updateAiModel(@Arg('input') input: UpdateAiModelInput, @Ctx() context: GraphQLContext) {
    return this.personas.saveAiModel(requireIdentity(context).user.id, input);
  }

  @Mutation(() => ID, {
    description:
      'Deletes an AI model; its characters stay, its images stay in my uploads, generations keep their snapshot',
  })
  deleteAiModel(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.personas.aiModels.delete(requireIdentity(context).user.id, id);
  }

  @FieldResolver(() => [Asset], { description: 'Its reference images, in order' })
  references(@Root() model: AiModel, @Ctx() context: GraphQLContext): Promise<Asset[]> {
    return libraryLoaders(context, this.dataSource).aiModelReferences.load(model.id);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The chosen image, else the first' })
  cover(@Root() model: AiModel, @Ctx() context: GraphQLContext): Promise<Asset | null> {
    return coverOf(libraryLoaders(context, this.dataSource), model, (loaders) =>
      loaders.aiModelReferences.load(model.id),
    );
  }

  @FieldResolver(() => [Character], { description: 'My characters that belong to it' })
  characters(@Root() model: AiModel, @Ctx() context: GraphQLContext): Promise<Character[]> {
    return libraryLoaders(context, this.dataSource).modelCharacters.load(model.id);
  }
}
