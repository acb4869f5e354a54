import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { Asset, AssetKind } from './asset.entity';
import type { AssetUrls } from './asset-urls';
import type { AssetService } from './asset.service';
import { AssetConnection } from './storage.types';

@Resolver(() => Asset)
export class AssetResolver {
  constructor(
    private readonly service: AssetService,
    private readonly urls: AssetUrls,
  ) {}

  @Query(() => Asset, { nullable: true, description: 'One of my images or videos' })
  asset(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Asset> {
    return this.service.get(requireIdentity(context).user.id, id);
  }

  @Query(() => AssetConnection, { description: 'My images or videos of one kind, newest first' })
  assets(
    @Arg('kind', () => AssetKind, { defaultValue: AssetKind.REFERENCE }) kind: AssetKind,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<AssetConnection> {
    return this.service.page({ userId: requireIdentity(context).user.id, kind, first, after });
  }

  @FieldResolver(() => String, { description: 'Where to fetch the bytes; works for an hour' })
  url(@Root() asset: Asset): Promise<string> {
    return this.urls.url(asset.storageKey);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'A WebP at most 256 pixels on its longest side; works for an hour',
  })
  async thumbnailUrl(@Root() asset: Asset, @Ctx() context: GraphQLContext): Promise<string | null> {
    return asset.thumbnailAssetId ? this.urls.thumbnailUrl(context, asset.thumbnailAssetId) : null;
  }
}
