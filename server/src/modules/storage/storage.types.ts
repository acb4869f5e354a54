import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import { Asset } from './asset.entity';

@ObjectType({ description: 'One HTTP header to send with a request' })
export class HttpHeader {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType({
  description:
    'Where to send an upload: one request with this method, url and headers, whose body is the file, before expiresAt; then call completeUpload',
})
export class UploadTicket {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field()
  method!: string;

  @Field(() => [HttpHeader])
  headers!: HttpHeader[];

  @Field()
  expiresAt!: Date;

  @Field(() => Int, { description: 'The most bytes the request may carry: the declared size' })
  maxBytes!: number;
}

@ObjectType()
export class AssetEdge {
  @Field()
  cursor!: string;

  @Field(() => Asset)
  node!: Asset;
}

@ObjectType()
export class AssetConnection {
  @Field(() => [AssetEdge])
  edges!: AssetEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
