import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { TemplateVariable, TemplateVariableType } from './template-render';

export enum TemplateVariableTypeEnum {
  TEXT = 'TEXT',
  NUMBER = 'NUMBER',
  CHOICE = 'CHOICE',
}
registerEnumType(TemplateVariableTypeEnum, {
  name: 'TemplateVariableType',
  description: 'What a template variable takes',
});

@ObjectType({ description: 'A named detail of a character, e.g. outfit: a red raincoat' })
export class CharacterTrait {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType('TemplateVariable', { description: 'A variable a prompt template declares' })
export class TemplateVariableDefinition implements TemplateVariable {
  @Field()
  name!: string;

  @Field(() => TemplateVariableTypeEnum)
  type!: TemplateVariableType;

  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => String, { nullable: true })
  defaultValue!: string | null;

  @Field()
  required!: boolean;

  @Field(() => [String])
  choices!: string[];
}

@ObjectType({ description: 'A prompt template as it was at one moment' })
export class TemplateSnapshot {
  @Field(() => String, {
    nullable: true,
    description: 'The template it came from (which may have been deleted or changed since)',
  })
  id!: string | null;

  @Field()
  name!: string;

  @Field()
  body!: string;

  @Field(() => [TemplateVariableDefinition])
  variables!: TemplateVariableDefinition[];
}

@ObjectType({ description: 'The generate form as a recipe saved it; empty fields take defaults' })
export class RecipeSettings {
  @Field(() => String, { nullable: true, description: 'The prompt, when there is no template' })
  prompt!: string | null;

  @Field(() => String, { nullable: true })
  negativePrompt!: string | null;

  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field(() => String, { nullable: true })
  aspectRatio!: string | null;

  @Field(() => Int, { nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  height!: number | null;

  @Field(() => Float, { nullable: true })
  durationSeconds!: number | null;

  @Field(() => Int, { nullable: true, description: 'Empty for a new random seed each run' })
  seed!: number | null;

  @Field(() => GraphQLJSONObject)
  params!: Record<string, unknown>;
}

@ObjectType({ description: 'A problem with one field' })
export class FieldProblem {
  @Field({ description: 'e.g. variables.subject, characterIds, body' })
  field!: string;

  @Field()
  message!: string;
}

@ObjectType({ description: 'A template filled in, with what is missing or wrong' })
export class RenderedPrompt {
  @Field({ description: 'The final prompt; placeholders that could not be filled stay as written' })
  prompt!: string;

  @Field({ description: 'True when nothing is missing or wrong' })
  complete!: boolean;

  @Field(() => [FieldProblem])
  fieldErrors!: FieldProblem[];

  @Field(() => GraphQLJSONObject, { description: 'The value each variable took' })
  values!: Record<string, string>;
}
