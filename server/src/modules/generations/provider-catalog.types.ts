import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GenerationKindEnum } from './generation.entity';

@ObjectType()
export class CountRange {
  @Field(() => Int)
  min!: number;

  @Field(() => Int)
  max!: number;
}

@ObjectType({ description: 'Explicit sizes: each side from min to max, in multiples of step' })
export class SizeRange {
  @Field(() => Int)
  min!: number;

  @Field(() => Int)
  max!: number;

  @Field(() => Int)
  step!: number;
}

@ObjectType({ description: 'The exact size a model renders for one aspect ratio' })
export class FixedSize {
  @Field()
  aspectRatio!: string;

  @Field(() => Int)
  width!: number;

  @Field(() => Int)
  height!: number;
}

@ObjectType({ description: 'One extra parameter a model takes' })
export class ModelParam {
  @Field()
  name!: string;

  @Field({ description: 'number, integer, boolean, string or choice' })
  type!: string;

  @Field()
  description!: string;

  @Field(() => Number, { nullable: true })
  min!: number | null;

  @Field(() => Number, { nullable: true })
  max!: number | null;

  @Field(() => [String], { nullable: true })
  choices!: string[] | null;

  @Field(() => GraphQLJSON, { nullable: true })
  default!: unknown;
}

@ObjectType({ description: 'What a model accepts; the generate form shows only these' })
export class ModelCapabilities {
  @Field(() => CountRange)
  count!: CountRange;

  @Field(() => [String], { description: 'The first is the default' })
  aspectRatios!: string[];

  @Field(() => SizeRange, { nullable: true })
  size!: SizeRange | null;

  @Field(() => [FixedSize], {
    description: 'Ratios the model renders at one fixed size (the size recorded is that one)',
  })
  fixedSizes!: FixedSize[];

  @Field(() => [Number], { nullable: true, description: 'Video lengths in seconds' })
  durations!: number[] | null;

  @Field(() => Int, { description: 'How many reference images it takes (0: none)' })
  referenceImages!: number;

  @Field()
  negativePrompt!: boolean;

  @Field()
  seed!: boolean;

  @Field(() => [ModelParam])
  params!: ModelParam[];
}

@ObjectType({ description: 'Credits per output, or per second of video per output' })
export class ModelPrice {
  @Field(() => Int)
  credits!: number;

  @Field({ description: 'output or second' })
  per!: string;
}

@ObjectType()
export class GenerationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => GenerationKindEnum)
  kind!: GenerationKindEnum;

  @Field(() => ModelPrice)
  price!: ModelPrice;

  @Field(() => ModelCapabilities)
  capabilities!: ModelCapabilities;
}

@ObjectType({ description: 'A generation provider; a disabled one is not set up here' })
export class GenerationProviderInfo {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field()
  enabled!: boolean;

  @Field(() => [GenerationModel])
  models!: GenerationModel[];
}

@ObjectType({ description: 'What a generation would cost, and whether I can afford it' })
export class GenerationEstimate {
  @Field(() => Int)
  credits!: number;

  @Field(() => Int, { description: 'My available credits' })
  available!: number;

  @Field()
  affordable!: boolean;

  @Field(() => Int, { description: 'How many more credits it needs (0 when affordable)' })
  shortfall!: number;
}
