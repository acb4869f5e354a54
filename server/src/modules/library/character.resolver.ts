import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { Asset } from '../storage/asset.entity';
import { AiModel } from './ai-model.entity';
import { Character } from './character.entity';
import { CharacterConnection } from './library-connections';
import { libraryLoaders } from './library-loaders';
import { CreateCharacterInput, LibraryListArgs, UpdateCharacterInput } from './library.inputs';
import { coverOf } from './persona-fields';
import type { PersonasService } from './personas.service';

@Resolver(() => Character)
export class CharacterResolver {
  constructor(
    private readonly personas: PersonasService,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => CharacterConnection, { description: 'My characters, newest first' })
  characters(@Args() args: LibraryListArgs, @Ctx() context: GraphQLContext) {
    return this.personas.listCharacters(requireIdentity(context).user.id, args);
  }

  @Query(() => Character, { description: 'One of my characters' })
  character(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.personas.characters.get(requireIdentity(context).user.id, id);
  }

  @Mutation(() => Character)
  createCharacter(@Arg('input') input: CreateCharacterInput, @Ctx() context: GraphQLContext) {
    return this.personas.saveCharacter(requireIdentity(context).user.id, input);
  }

  @Mutation(() => Character, {
    description: 'Changes the fields given; lists given replace the old',
  })
  updateCharacter(@Arg('input') input: UpdateCharacterInput, @Ctx() context: GraphQLContext) {
    return this.personas.saveCharacter(requireIdentity(context).user.id, input);
  }

  @Mutation(() => ID, {
    description:
      'Deletes a character; its images stay in my uploads, generations keep their snapshot',
  })
  deleteCharacter(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.personas.characters.delete(requireIdentity(context).user.id, id);
  }

  @FieldResolver(() => AiModel, { nullable: true, description: 'The AI model it belongs to' })
  aiModel(@Root() character: Character, @Ctx() context: GraphQLContext) {
    return character.aiModelId
      ? libraryLoaders(context, this.dataSource).aiModels.load(character.aiModelId)
      : null;
  }

  @FieldResolver(() => [Asset], { description: 'Its reference images, in order' })
  references(@Root() character: Character, @Ctx() context: GraphQLContext): Promise<Asset[]> {
    return libraryLoaders(context, this.dataSource).characterReferences.load(character.id);
  }

  @FieldResolver(() => Asset, { nullable: true, description: 'The chosen image, else the first' })
  cover(@Root() character: Character, @Ctx() context: GraphQLContext): Promise<Asset | null> {
    return coverOf(libraryLoaders(context, this.dataSource), character, (loaders) =>
      loaders.characterReferences.load(character.id),
    );
  }
}
