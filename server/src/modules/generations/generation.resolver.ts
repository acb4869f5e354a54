import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { DataSource } from 'typeorm';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { liveSource } from '../../graphql/live-sources';
import { Asset } from '../storage/asset.entity';
import { GenerationEvent } from './generation-event.entity';
import { GENERATION_EVENTS_TOPIC, type GenerationEventNotice } from './generation-events';
import type { GenerationFeed } from './generation-feed';
import { generationLoaders } from './generation-loaders';
import { Generation, GenerationStatus } from './generation.entity';
import { generationNotFound } from './generation.errors';
import { GenerationRequestInput, GenerationsArgs, StartGenerationInput } from './generation.inputs';
import type { GenerationService } from './generation.service';
import { GenerationConnection, GenerationFailure } from './generation.types';
import { GenerationEstimate, GenerationProviderInfo } from './provider-catalog.types';
import { providerCatalog } from './provider-catalog';
import type { ProviderRegistry } from './provider-registry';

export const GENERATION_FEED = 'generationFeed';

@Resolver(() => Generation)
export class GenerationResolver {
  constructor(
    private readonly service: GenerationService,
    private readonly registry: ProviderRegistry,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => [GenerationProviderInfo], {
    description: 'The providers and their models; a disabled provider is not set up here',
  })
  providers(): GenerationProviderInfo[] {
    return providerCatalog(this.registry);
  }

  @Query(() => GenerationEstimate, { description: 'What a generation would cost me' })
  estimateGeneration(
    @Arg('input') input: GenerationRequestInput,
    @Ctx() context: GraphQLContext,
  ): Promise<GenerationEstimate> {
    return this.service.estimate(requireIdentity(context).user.id, input);
  }

  @Query(() => Generation, { description: 'One of my generations' })
  generation(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.service.get(requireIdentity(context).user.id, id);
  }

  @Query(() => GenerationConnection, { description: 'My generations, newest first' })
  generations(@Args() args: GenerationsArgs, @Ctx() context: GraphQLContext) {
    return this.service.list(requireIdentity(context).user.id, args);
  }

  @Mutation(() => Generation, {
    description:
      'Starts a generation: its credits are held until it succeeds (spent) or not (refunded)',
  })
  startGeneration(@Arg('input') input: StartGenerationInput, @Ctx() context: GraphQLContext) {
    return this.service.start(requireIdentity(context).user.id, input);
  }

  @Mutation(() => Generation, {
    description: 'Stops a generation in any state; its credits are refunded',
  })
  cancelGeneration(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.service.cancel(requireIdentity(context).user.id, id);
  }

  @Mutation(() => ID, { description: 'Deletes a finished generation and its files' })
  deleteGeneration(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext) {
    return this.service.delete(requireIdentity(context).user.id, id);
  }

  @Subscription(() => GenerationEvent, {
    description:
      'The events of one of my generations after `afterSeq` (what was missed first), then live until it ends',
    subscribe: ({ args, context, info }) =>
      liveSource<GenerationFeed>((info as GraphQLResolveInfo).schema, GENERATION_FEED).eventsOf({
        userId: requireIdentity(context as GraphQLContext).user.id,
        generationId: String(args.generationId),
        afterSeq: Number(args.afterSeq ?? 0),
      }),
  })
  generationEvents(
    @Root() event: GenerationEvent,
    @Arg('generationId', () => ID) _generationId: string,
    @Arg('afterSeq', () => Int, { defaultValue: 0 }) _afterSeq: number,
  ): GenerationEvent {
    return event;
  }

  @Subscription(() => Generation, {
    topics: GENERATION_EVENTS_TOPIC,
    filter: ({ payload, context }: { payload: GenerationEventNotice; context: GraphQLContext }) =>
      payload.ownerId === context.identity?.user.id,
    description: 'Status and progress of any of my generations, as they change',
  })
  async myGenerationUpdates(
    @Root() notice: GenerationEventNotice,
    @Ctx() context: GraphQLContext,
  ): Promise<Generation> {
    // The filter let only the owner's subscriptions through; the read is shared between them.
    if (notice.ownerId !== requireIdentity(context).user.id) throw generationNotFound();
    const generation = await this.service.snapshot(notice);
    if (!generation) throw generationNotFound();
    return generation;
  }

  @FieldResolver(() => GenerationFailure, { nullable: true })
  error(@Root() generation: Generation): GenerationFailure | null {
    if (generation.status === GenerationStatus.SUCCEEDED || !generation.errorCode) return null;
    return { code: generation.errorCode, message: generation.errorMessage ?? generation.errorCode };
  }

  @FieldResolver(() => [Asset], { description: 'The results, in order' })
  outputs(@Root() generation: Generation, @Ctx() context: GraphQLContext): Promise<Asset[]> {
    return generationLoaders(context, this.dataSource).outputs.load(generation.id);
  }

  @FieldResolver(() => [Asset], { description: 'The latest preview while it runs' })
  async previews(@Root() generation: Generation, @Ctx() context: GraphQLContext): Promise<Asset[]> {
    if (!generation.previewAssetId) return [];
    const preview = await generationLoaders(context, this.dataSource).assets.load(
      generation.previewAssetId,
    );
    return preview ? [preview] : [];
  }

  @FieldResolver(() => [Asset], { description: 'The reference images it was given' })
  async references(
    @Root() generation: Generation,
    @Ctx() context: GraphQLContext,
  ): Promise<Asset[]> {
    const loaded = await generationLoaders(context, this.dataSource).assets.loadMany(
      generation.referenceAssetIds,
    );
    return loaded.filter((asset): asset is Asset => asset instanceof Asset);
  }

  @FieldResolver(() => [GenerationEvent], {
    description:
      'Its events after `afterSeq`, in order, at most 500 at a time (ask again after the last seq)',
  })
  events(
    @Root() generation: Generation,
    @Arg('afterSeq', () => Int, { defaultValue: 0 }) afterSeq: number,
  ): Promise<GenerationEvent[]> {
    return this.dataSource
      .getRepository(GenerationEvent)
      .createQueryBuilder('e')
      .where('e.generation_id = :id AND e.seq > :afterSeq', { id: generation.id, afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(500)
      .getMany();
  }
}

@Resolver(() => GenerationEvent)
export class GenerationEventResolver {
  constructor(private readonly dataSource: DataSource) {}

  @FieldResolver(() => Asset, { nullable: true, description: 'The preview or output it announced' })
  asset(
    @Root() event: GenerationEvent,
    @Ctx() context: GraphQLContext,
  ): Promise<Asset | null> | null {
    if (!event.assetId) return null;
    return generationLoaders(context, this.dataSource).assets.load(event.assetId);
  }
}
