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
} from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { GenerationKindEnum, GenerationStatus } from './generation.entity';

export const MAX_SEED = 2_147_483_647;

@InputType({ description: 'What to generate; the model decides what else is accepted' })
export class GenerationRequestInput {
  @Field(() => GenerationKindEnum)
  @IsEnum(GenerationKindEnum)
  kind!: GenerationKindEnum;

  @Field({ description: 'A provider id from `providers`, e.g. local' })
  @Length(1, 40)
  @Matches(/^[a-z0-9-]+$/, { message: 'Give a provider id from the catalogue.' })
  provider!: string;

  @Field({ description: 'A model id of that provider' })
  @Length(1, 120)
  model!: string;

  @Field()
  @Length(1, 4000, { message: 'Describe what to generate in 1 to 4,000 characters.' })
  prompt!: string;

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
