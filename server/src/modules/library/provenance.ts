import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CharacterTrait, TemplateSnapshot } from './library.types';

export enum ReferenceSource {
  REQUEST = 'REQUEST',
  CHARACTER = 'CHARACTER',
  AI_MODEL = 'AI_MODEL',
}
registerEnumType(ReferenceSource, {
  name: 'ReferenceSource',
  description: 'Where a reference image of a generation came from',
});

@ObjectType({ description: 'An image as a generation used it' })
export class ReferenceSnapshot {
  @Field(() => ID, { description: 'The asset; it may have been deleted since' })
  assetId!: string;

  @Field({ description: 'Hex SHA-256 of its bytes at the start' })
  sha256!: string;

  @Field(() => ReferenceSource)
  source!: ReferenceSource;

  @Field({ description: 'False when the model takes fewer reference images than there were' })
  sent!: boolean;
}

@ObjectType({ description: 'A character or AI model as it was when a generation started' })
export class LibrarySnapshot {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => [CharacterTrait], { description: 'A character’s traits; empty for AI models' })
  traits!: CharacterTrait[];

  @Field(() => [String], { description: 'An AI model’s tags; empty for characters' })
  tags!: string[];

  @Field(() => [String], { description: 'SHA-256 of each of its reference images, in order' })
  referenceHashes!: string[];
}

@ObjectType({ description: 'The recipe version a generation ran' })
export class RecipeRunSnapshot {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  version!: number;
}

/** What a generation was made from, exactly as it was when it started. */
@ObjectType({
  description:
    'What a generation was made from, as it was at the start: enough, with its settings, to make it again',
})
export class ProvenanceSnapshot {
  @Field(() => RecipeRunSnapshot, { nullable: true })
  recipe!: RecipeRunSnapshot | null;

  @Field(() => TemplateSnapshot, { nullable: true })
  template!: TemplateSnapshot | null;

  @Field(() => GraphQLJSONObject, { description: 'The value each template variable took' })
  variables!: Record<string, string>;

  @Field(() => [LibrarySnapshot])
  characters!: LibrarySnapshot[];

  @Field(() => LibrarySnapshot, { nullable: true })
  aiModel!: LibrarySnapshot | null;

  @Field(() => [ReferenceSnapshot], { description: 'Every image it used, in the order sent' })
  references!: ReferenceSnapshot[];

  @Field({ description: 'The prompt as typed or as the template rendered it' })
  basePrompt!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Character and AI model descriptions added to the prompt (not in the template)',
  })
  addedContext!: string | null;

  @Field(() => ID, { nullable: true, description: 'The generation this one repeats exactly' })
  rerunOf!: string | null;
}
