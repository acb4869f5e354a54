import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { GenerationKindEnum } from '../generations/generation.entity';
import { GenerationSettingsInput } from '../generations/generation.inputs';
import { TemplateVariableTypeEnum } from './library.types';

/** Limits of library items, checked before anything is saved. */
export const LIBRARY_LIMITS = {
  name: 100,
  description: 4000,
  tags: 20,
  tag: 40,
  references: 10,
  traits: 20,
  traitValue: 1000,
  templateBody: 8000,
  variables: 30,
  choices: 50,
  recipeCharacters: 4,
} as const;

const NAME_MESSAGE = `Give a name of 1 to ${LIBRARY_LIMITS.name} characters.`;
const DESCRIPTION_MESSAGE = `Keep the description under ${LIBRARY_LIMITS.description.toLocaleString('en')} characters.`;
const REFERENCES_MESSAGE = `Choose up to ${LIBRARY_LIMITS.references} reference images.`;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

@ArgsType()
export class LibraryListArgs {
  @Field(() => Int, { defaultValue: 20 })
  @IsInt()
  @Min(1, { message: 'Ask for 1 to 100 items at a time.' })
  @Max(100, { message: 'Ask for 1 to 100 items at a time.' })
  first!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  after?: string | null;

  @Field(() => String, { nullable: true, description: 'Words to look for in names and text' })
  @IsOptional()
  @MaxLength(200, { message: 'Search for up to 200 characters.' })
  search?: string | null;
}

/** Fields AI models and characters share; a class per mutation keeps the GraphQL names clear. */
@InputType('PersonaFieldsInput')
class PersonaFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIBRARY_LIMITS.description, { message: DESCRIPTION_MESSAGE })
  description?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'My uploaded or generated images, in order (replaces the list)',
  })
  @IsOptional()
  @ArrayMaxSize(LIBRARY_LIMITS.references, { message: REFERENCES_MESSAGE })
  @IsUUID('all', { each: true, message: 'Reference images are given by their asset ids.' })
  referenceAssetIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'One of its reference images; the first one when left out',
  })
  @IsOptional()
  @IsUUID('all', { message: 'The cover is given by its asset id.' })
  coverAssetId?: string | null;
}

@InputType('AiModelFieldsInput')
class AiModelFields extends PersonaFields {
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIBRARY_LIMITS.tags, { message: `Give up to ${LIBRARY_LIMITS.tags} tags.` })
  @Length(1, LIBRARY_LIMITS.tag, {
    each: true,
    message: `Keep each tag to 1 to ${LIBRARY_LIMITS.tag} characters.`,
  })
  tags?: string[] | null;
}

@InputType()
export class CreateAiModelInput extends AiModelFields {
  @Field()
  @Length(1, LIBRARY_LIMITS.name, { message: NAME_MESSAGE })
  name!: string;
}

@InputType()
export class UpdateAiModelInput extends AiModelFields {
  @Field(() => ID)
  @IsUUID('all', { message: 'Give an AI model id.' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, LIBRARY_LIMITS.name, { message: NAME_MESSAGE })
  name?: string | null;
}

@InputType({ description: 'A named detail of a character' })
export class CharacterTraitInput {
  @Field({ description: 'Used in templates as {{character.<name>}}, e.g. outfit' })
  @Matches(IDENTIFIER, {
    message: 'Name a trait with letters, digits and _ (up to 40), starting with a letter.',
  })
  name!: string;

  @Field()
  @Length(1, LIBRARY_LIMITS.traitValue, {
    message: `Describe the trait in 1 to ${LIBRARY_LIMITS.traitValue.toLocaleString('en')} characters.`,
  })
  value!: string;
}

@InputType('CharacterFieldsInput')
class CharacterFields extends PersonaFields {
  @Field(() => [CharacterTraitInput], { nullable: true, description: 'Replaces the list' })
  @IsOptional()
  @ArrayMaxSize(LIBRARY_LIMITS.traits, { message: `Give up to ${LIBRARY_LIMITS.traits} traits.` })
  @ValidateNested({ each: true })
  traits?: CharacterTraitInput[] | null;

  @Field(() => ID, { nullable: true, description: 'The AI model it belongs to; null for none' })
  @IsOptional()
  @IsUUID('all', { message: 'Give an AI model id.' })
  aiModelId?: string | null;
}

@InputType()
export class CreateCharacterInput extends CharacterFields {
  @Field()
  @Length(1, LIBRARY_LIMITS.name, { message: NAME_MESSAGE })
  name!: string;
}

@InputType()
export class UpdateCharacterInput extends CharacterFields {
  @Field(() => ID)
  @IsUUID('all', { message: 'Give a character id.' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, LIBRARY_LIMITS.name, { message: NAME_MESSAGE })
  name?: string | null;
}

@InputType({ description: 'A variable a template declares' })
export class TemplateVariableInput {
  @Field({ description: 'Used in the body as {{name}}' })
  @Length(1, 40, { message: 'Name a variable in 1 to 40 characters.' })
  name!: string;

  @Field(() => TemplateVariableTypeEnum, { defaultValue: TemplateVariableTypeEnum.TEXT })
  @IsEnum(TemplateVariableTypeEnum)
  type!: TemplateVariableTypeEnum;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(100, { message: 'Keep the label under 100 characters.' })
  label?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000, { message: 'Keep the default under 1,000 characters.' })
  defaultValue?: string | null;

  @Field({ defaultValue: false })
  @IsBoolean()
  required!: boolean;

  @Field(() => [String], { nullable: true, description: 'For CHOICE: the values offered' })
  @IsOptional()
  @ArrayMaxSize(LIBRARY_LIMITS.choices, {
    message: `Give up to ${LIBRARY_LIMITS.choices} choices.`,
  })
  @Length(1, 200, { each: true, message: 'Keep each choice to 1 to 200 characters.' })
  choices?: string[] | null;
}

const BODY_MESSAGE = `Write the template in 1 to ${LIBRARY_LIMITS.templateBody.toLocaleString('en')} characters.`;
const VARIABLES_MESSAGE = `Declare up to ${LIBRARY_LIMITS.variables} variables.`;

@InputType({ description: 'A template as written, saved or not' })
export class PromptTemplateDraftInput {
  @Field()
  @Length(1, LIBRARY_LIMITS.templateBody, { message: BODY_MESSAGE })
  body!: string;

  @Field(() => [TemplateVariableInput], { defaultValue: [] })
  @ArrayMaxSize(LIBRARY_LIMITS.variables, { message: VARIABLES_MESSAGE })
  @ValidateNested({ each: true })
  variables!: TemplateVariableInput[];
}

@InputType()
export class CreatePromptTemplateInput extends PromptTemplateDraftInput {
  @Field()
  @Length(1, LIBRARY_LIMITS.name, { message: NAME_MESSAGE })
  name!: string;
}

@InputType()
export class UpdatePromptTemplateInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Give a prompt template id.' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, LIBRARY_LIMITS.name, { message: NAME_MESSAGE })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, LIBRARY_LIMITS.templateBody, { message: BODY_MESSAGE })
  body?: string | null;

  @Field(() => [TemplateVariableInput], { nullable: true, description: 'Replaces the list' })
  @IsOptional()
  @ArrayMaxSize(LIBRARY_LIMITS.variables, { message: VARIABLES_MESSAGE })
  @ValidateNested({ each: true })
  variables?: TemplateVariableInput[] | null;
}

@ArgsType()
export class RenderPromptTemplateArgs {
  @Field(() => ID, { nullable: true, description: 'A saved template of mine; or give `draft`' })
  @IsOptional()
  @IsUUID('all', { message: 'Give a prompt template id.' })
  id?: string | null;

  @Field(() => PromptTemplateDraftInput, {
    nullable: true,
    description: 'A template being written, rendered without saving it',
  })
  @IsOptional()
  @ValidateNested()
  draft?: PromptTemplateDraftInput | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown> | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Give a character id.' })
  characterId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Give an AI model id.' })
  aiModelId?: string | null;
}

/** The preset a recipe version saves. */
@InputType({ description: 'What a recipe version runs: a model, a template and defaults' })
export class RecipePresetInput {
  @Field(() => GenerationKindEnum)
  @IsEnum(GenerationKindEnum)
  kind!: GenerationKindEnum;

  @Field()
  @Length(1, 40)
  @Matches(/^[a-z0-9-]+$/, { message: 'Give a provider id from the catalogue.' })
  provider!: string;

  @Field()
  @Length(1, 120)
  model!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'One of my templates; its text is kept with the version',
  })
  @IsOptional()
  @IsUUID('all', { message: 'Give a prompt template id.' })
  templateId?: string | null;

  @Field(() => GenerationSettingsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  settings?: GenerationSettingsInput | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "Default values of the template's variables",
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown> | null;

  @Field(() => [ID], { nullable: true, description: 'Characters it generates by default' })
  @IsOptional()
  @ArrayMaxSize(LIBRARY_LIMITS.recipeCharacters, { message: 'Choose up to 4 characters.' })
  @IsUUID('all', { each: true, message: 'Characters are given by their ids.' })
  characterIds?: string[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Give an AI model id.' })
  aiModelId?: string | null;

  @Field(() => String, { nullable: true, description: 'What this version changes' })
  @IsOptional()
  @MaxLength(500, { message: 'Keep the note under 500 characters.' })
  note?: string | null;
}

@InputType()
export class CreateRecipeInput extends RecipePresetInput {
  @Field()
  @Length(1, LIBRARY_LIMITS.name, { message: NAME_MESSAGE })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIBRARY_LIMITS.description, { message: DESCRIPTION_MESSAGE })
  description?: string | null;
}

@InputType({ description: 'A new version of a recipe: the whole preset, as it should now be' })
export class UpdateRecipeInput extends RecipePresetInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Give a recipe id.' })
  id!: string;
}

@InputType({ description: 'A recipe’s name and description; no new version' })
export class RenameRecipeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Give a recipe id.' })
  id!: string;

  @Field()
  @Length(1, LIBRARY_LIMITS.name, { message: NAME_MESSAGE })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIBRARY_LIMITS.description, { message: DESCRIPTION_MESSAGE })
  description?: string | null;
}

@ArgsType()
export class RunGenerationAgainArgs {
  @Field(() => ID, { description: 'One of my generations' })
  @IsString()
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Send the same key again to get the same generation instead of a second one',
  })
  @IsOptional()
  @Length(8, 200, { message: 'Give a key of 8 to 200 characters.' })
  idempotencyKey?: string | null;
}
