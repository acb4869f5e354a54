import { Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Public } from '../../graphql/access';

@ObjectType({ description: 'Public facts about the running server' })
export class ServerInfo {
  @Field()
  name!: string;

  @Field()
  version!: string;

  @Field({ description: 'development, test or production' })
  environment!: string;

  @Field()
  startedAt!: Date;
}

@Resolver()
export class ServerInfoResolver {
  constructor(private readonly info: ServerInfo) {}

  @Public()
  @Query(() => ServerInfo, { description: 'Public facts about this server' })
  serverInfo(): ServerInfo {
    return this.info;
  }
}
