import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { GenerationKindEnum, GenerationStatus } from './generation.entity';

export const MAX_SEED = 2_147_483_647;

export const MAX_PROMPT_LENGTH = 4000;

/** The settings of the generate form; a recipe saves them, and a run may override them. */
@InputType({ description: 'The settings of the generate form; the model decides what it takes' })
export class GenerationSettingsInput {
  @Field(() => String, { nullable: true, description: 'Required unless a template fills it' })
  @IsOptional()
  @Length(1, MAX_PROMPT_LENGTH, { message: 'Describe what to generate in 1 to 4,000 characters.' })
  prompt?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000, { message: 'Keep the negative prompt under 2,000 characters.' })
  negativePrompt?: string | null;

  @Field(() => Int, { nullable: true, description: 'How many outputs (default 1)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  count?: number | null;

  @Field(() => String, { nullable: true, description: 'e.g. 16:9; or give width and height' })
  @IsOptional()
  @Matches(/^\d{1,2}:\d{1,2}$/, { message: 'Write the aspect ratio like 16:9.' })
  aspectRatio?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(8192)
  width?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(8192)
  height?: number | null;

  @Field(() => Float, { nullable: true, description: 'For video: the clip length in seconds' })
  @IsOptional()
  @IsNumber()
  @Min(0.5)
  @Max(120)
  durationSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Leave out for a random one' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SEED)
  seed?: number | null;

  @Field(() => [ID], { nullable: true, description: 'My own uploaded or generated images' })
  @IsOptional()
  @ArrayMaxSize(8)
  @IsUUID('all', { each: true, message: 'Reference images are given by their asset ids.' })
  referenceAssetIds?: string[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "The model's extra parameters" })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown> | null;
}

/**
 * What to generate: the form's settings for a model, or a recipe run with only what differs.
 * With `recipeId`, the recipe's version gives the model and defaults; the settings given here and
 * in `overrides` replace them field by field (`params` are merged).
 */
@InputType({ description: 'What to generate: settings for a model, or a recipe to run' })
export class GenerationRequestInput extends GenerationSettingsInput {
  @Field(() => GenerationKindEnum, {
    nullable: true,
    description: 'IMAGE or VIDEO; what the model makes when left out',
  })
  @IsOptional()
  @IsEnum(GenerationKindEnum)
  kind?: GenerationKindEnum | null;

  @Field(() => String, {
    nullable: true,
    description: 'A provider id from `providers`, e.g. local; required without a recipe',
  })
  @IsOptional()
  @Length(1, 40)
  @Matches(/^[a-z0-9-]+$/, { message: 'Give a provider id from the catalogue.' })
  provider?: string | null;

  @Field(() => String, { nullable: true, description: 'A model id of that provider' })
  @IsOptional()
  @Length(1, 120)
  model?: string | null;

  @Field(() => ID, { nullable: true, description: 'One of my recipes, to run' })
  @IsOptional()
  @IsUUID('all', { message: 'Give a recipe id.' })
  recipeId?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Which version of the recipe; the latest if left out',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  recipeVersion?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: "One of my prompt templates to fill in (instead of the recipe's own)",
  })
  @IsOptional()
  @IsUUID('all', { message: 'Give a prompt template id.' })
  templateId?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "Values of the template's variables that differ from the recipe's",
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown> | null;

  @Field(() => [ID], {
    nullable: true,
    description: "My characters to generate (the recipe's when left out; [] for none)",
  })
  @IsOptional()
  @ArrayMaxSize(4, { message: 'Choose up to 4 characters.' })
  @IsUUID('all', { each: true, message: 'Characters are given by their ids.' })
  characterIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "One of my AI models; null for none; left out, the recipe's or the first character's",
  })
  @IsOptional()
  @IsUUID('all', { message: 'Give an AI model id.' })
  aiModelId?: string | null;

  @Field(() => GenerationSettingsInput, {
    nullable: true,
    description: 'Settings that replace the recipe’s for this run',
  })
  @IsOptional()
  @ValidateNested()
  overrides?: GenerationSettingsInput | null;
}

@InputType()
export class StartGenerationInput extends GenerationRequestInput {
  @Field(() => String, {
    nullable: true,
    description: 'Send the same key again to get the same generation instead of a second one',
  })
  @IsOptional()
  @Length(8, 200)
  idempotencyKey?: string | null;
}

@ArgsType()
export class GenerationsArgs {
  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(1, { message: 'Ask for 1 to 100 items at a time.' })
  @Max(100, { message: 'Ask for 1 to 100 items at a time.' })
  first!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  after?: string | null;

  @Field(() => GenerationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(GenerationStatus)
  status?: GenerationStatus | null;

  @Field(() => GenerationKindEnum, { nullable: true })
  @IsOptional()
  @IsEnum(GenerationKindEnum)
  kind?: GenerationKindEnum | null;
}
