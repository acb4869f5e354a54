import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import { AiModel } from './ai-model.entity';
import { Character } from './character.entity';
import { PromptTemplate } from './prompt-template.entity';
import { Recipe } from './recipe.entity';

/** A Relay connection type of `Node`, named `<name>Connection` with `<name>Edge`s. */
function connectionOf<Node extends object>(name: string, node: new () => Node) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: Node;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

export const AiModelConnection = connectionOf('AiModel', AiModel);
export const CharacterConnection = connectionOf('Character', Character);
export const PromptTemplateConnection = connectionOf('PromptTemplate', PromptTemplate);
export const RecipeConnection = connectionOf('Recipe', Recipe);

export interface Page<Node> {
  edges: Array<{ cursor: string; node: Node }>;
  pageInfo: PageInfo;
}
