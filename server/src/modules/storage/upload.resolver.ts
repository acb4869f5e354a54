import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { Asset } from './asset.entity';
import { CreateUploadInput } from './storage.inputs';
import { UploadTicket } from './storage.types';
import type { UploadService } from './upload.service';

@Resolver()
export class UploadResolver {
  constructor(private readonly uploads: UploadService) {}

  @Mutation(() => UploadTicket, {
    description:
      'Starts an upload of a PNG, JPEG or WebP image: send its bytes as the ticket says, then call completeUpload',
  })
  createUpload(
    @Arg('input') input: CreateUploadInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UploadTicket> {
    return this.uploads.create({
      userId: requireIdentity(context).user.id,
      filename: input.filename,
      contentType: input.contentType,
      byteSize: input.byteSize,
    });
  }

  @Mutation(() => Asset, {
    description:
      'Checks an uploaded file and stores it as a reference image (metadata removed, with a thumbnail); completing again returns the same asset',
  })
  completeUpload(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Asset> {
    return this.uploads.complete({ userId: requireIdentity(context).user.id, id });
  }
}
