import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import { Generation } from './generation.entity';

@ObjectType({ description: 'Why a generation did not succeed' })
export class GenerationFailure {
  @Field({ description: 'Stable: TIMEOUT, CANCELED, CONTENT_FILTERED, PROVIDER_AUTH, …' })
  code!: string;

  @Field()
  message!: string;
}

@ObjectType()
export class GenerationEdge {
  @Field()
  cursor!: string;

  @Field(() => Generation)
  node!: Generation;
}

@ObjectType()
export class GenerationConnection {
  @Field(() => [GenerationEdge])
  edges!: GenerationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
