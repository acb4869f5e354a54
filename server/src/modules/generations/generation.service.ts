import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EventBus } from '../../graphql/events';
import { isUuid } from '../../graphql/ids';
import { cursorTimeSql, decodeCursor, pageOf } from '../../graphql/pagination';
import { addJob } from '../../queue/queue';
import type { LedgerService } from '../credits/ledger.service';
import type { RateLimiter } from '../security/rate-limiter';
import { GenerationEventType } from './generation-event.entity';
import { creditsText } from './generation-text';
import { announce, appendEvent, type GenerationEventNotice } from './generation-events';
import type { ComposedGeneration, GenerationComposer } from './generation-composer';
import { prepareGeneration, type PreparedGeneration } from './generation-request';
import type { GenerationStorage } from './generation-storage';
import { ACTIVE_STATUSES, FINAL_STATUSES, Generation, GenerationStatus } from './generation.entity';
import { GenerationError, generationNotFound } from './generation.errors';
import type {
  GenerationRequestInput,
  GenerationsArgs,
  StartGenerationInput,
} from './generation.inputs';
import type { ProviderRegistry } from './provider-registry';

export const RUN_TASK = 'generations.run';
export const CANCEL_TOPIC = 'generation.cancel';
const UNIQUE_VIOLATION = '23505';

/** Announced when a running generation is to stop; the worker that runs it aborts it. */
export interface CancelNotice {
  generationId: string;
}

export interface GenerationLimits {
  /** Queued or running generations one user may have at once. */
  maxActive: number;
  startsPerMinute: number;
}

export const holdKey = (generationId: string) => `generation:${generationId}`;

/** How long the read behind one notice is shared by its subscribers. */
const SNAPSHOT_MS = 2000;

/** Starting, reading, cancelling and deleting generations; the worker runs them. */
export class GenerationService {
  private readonly snapshots = new Map<string, Promise<Generation | null>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly ledger: LedgerService,
    private readonly registry: ProviderRegistry,
    private readonly storage: GenerationStorage,
    private readonly limiter: RateLimiter,
    private readonly limits: GenerationLimits,
    private readonly composer: GenerationComposer,
  ) {}

  /** The price of a request and whether the user can pay it, without starting anything. */
  async estimate(userId: string, input: GenerationRequestInput) {
    const composed = await this.composer.compose(userId, input);
    const prepared = prepareGeneration(this.registry, composed.fields, composed.errors);
    const { available } = await this.ledger.summary(userId);
    const shortfall = Math.max(0, prepared.costCredits - available);
    return { credits: prepared.costCredits, available, affordable: shortfall === 0, shortfall };
  }

  /**
   * Validates the request, then in one transaction inserts the generation, holds its credits,
   * writes event 1 and queues the job. The same idempotency key returns the same generation.
   */
  async start(userId: string, input: StartGenerationInput): Promise<Generation> {
    return this.startComposed(
      userId,
      () => this.composer.compose(userId, input),
      input.idempotencyKey ?? null,
    );
  }

  /**
   * Starts what `compose` builds (a request, or e.g. a generation made again exactly). A key
   * already used returns its generation before anything is composed or checked again.
   */
  async startComposed(
    userId: string,
    compose: () => Promise<ComposedGeneration>,
    idempotencyKey: string | null,
  ): Promise<Generation> {
    if (idempotencyKey) {
      const existing = await this.byKey(userId, idempotencyKey);
      if (existing) return existing;
    }
    const composed = await compose();
    const prepared = prepareGeneration(this.registry, composed.fields, composed.errors);
    await this.storage
      .assertOwnedImages({ userId, assetIds: prepared.referenceAssetIds })
      .catch(() => {
        // Said beside the field: another user's image is as unknown as a missing one.
        throw new GenerationError(
          'NOT_FOUND',
          'A reference image is not one of yours (or no longer exists). Choose it again.',
          { fieldErrors: [{ field: 'referenceAssetIds', messages: ['Not one of your images.'] }] },
        );
      });
    await this.limiter.consume(
      { action: 'generation-start', limit: this.limits.startsPerMinute, windowSeconds: 60 },
      [userId],
    );
    try {
      return await this.insert(userId, idempotencyKey, prepared, composed);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === UNIQUE_VIOLATION && idempotencyKey) {
        const existing = await this.byKey(userId, idempotencyKey);
        if (existing) return existing;
      }
      throw error;
    }
  }

  private byKey(userId: string, idempotencyKey: string) {
    return this.dataSource.getRepository(Generation).findOneBy({ ownerId: userId, idempotencyKey });
  }

  private async insert(
    userId: string,
    idempotencyKey: string | null,
    prepared: PreparedGeneration,
    composed: ComposedGeneration,
  ): Promise<Generation> {
    const id = randomUUID();
    let notice: GenerationEventNotice | undefined;
    const generation = await this.ledger.run(async (manager, touched) => {
      // One user's starts wait for each other here, so the active limit holds under concurrency.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`generations:${userId}`]);
      const [{ active }] = (await manager.query(
        `SELECT count(*)::int AS active FROM generations WHERE owner_id = $1 AND status IN ('QUEUED', 'RUNNING')`,
        [userId],
      )) as [{ active: number }];
      if (active >= this.limits.maxActive) {
        throw new GenerationError(
          'TOO_MANY_ACTIVE',
          `You have ${active} generations in progress, the most at once. Wait for one to finish or cancel one.`,
          { active, limit: this.limits.maxActive },
        );
      }
      await manager.getRepository(Generation).insert({
        id,
        ownerId: userId,
        kind: prepared.model.kind,
        provider: prepared.provider.id,
        model: prepared.model.id,
        modelVersion: prepared.model.version ?? null,
        prompt: prepared.prompt,
        negativePrompt: prepared.negativePrompt,
        // jsonb: TypeORM's insert type cannot describe an open record.
        params: prepared.params as never,
        seed: prepared.seed,
        count: prepared.count,
        width: prepared.width,
        height: prepared.height,
        aspectRatio: prepared.aspectRatio,
        durationSeconds: prepared.durationSeconds,
        referenceAssetIds: prepared.referenceAssetIds,
        costCredits: prepared.costCredits,
        idempotencyKey,
      });
      await composed.record?.(manager, id, prepared);
      await this.ledger.hold(
        {
          userId,
          amount: prepared.costCredits,
          key: holdKey(id),
          reference: { type: 'generation', id },
        },
        { manager, touched },
      );
      notice = await appendEvent(manager, id, {
        type: GenerationEventType.CREATED,
        status: GenerationStatus.QUEUED,
        message: `Queued: ${prepared.count} × ${prepared.model.name}, ${creditsText(prepared.costCredits)} held`,
      });
      await addJob(manager, {
        task: RUN_TASK,
        payload: { generationId: id },
        options: { jobKey: `generation:${id}`, maxAttempts: 1 },
      });
      return manager.getRepository(Generation).findOneByOrFail({ id });
    });
    await announce(this.events, notice ? [notice] : []);
    return generation;
  }

  /**
   * The generation as it is after a notice, read once however many subscribers the notice
   * reaches (a thousand open tabs must not mean a thousand identical reads).
   */
  snapshot(notice: GenerationEventNotice): Promise<Generation | null> {
    const key = `${notice.generationId}:${notice.seq}`;
    let read = this.snapshots.get(key);
    if (!read) {
      read = this.dataSource
        .getRepository(Generation)
        .findOneBy({ id: notice.generationId, ownerId: notice.ownerId });
      this.snapshots.set(key, read);
      setTimeout(() => this.snapshots.delete(key), SNAPSHOT_MS).unref();
    }
    return read;
  }

  /** One of my generations, or NOT_FOUND (also for another user's). */
  async get(userId: string, id: string): Promise<Generation> {
    if (!isUuid(id)) throw generationNotFound();
    const generation = await this.dataSource
      .getRepository(Generation)
      .findOneBy({ id, ownerId: userId });
    if (!generation) throw generationNotFound();
    return generation;
  }

  /** My generations, newest first, optionally by status and kind. */
  async list(userId: string, args: GenerationsArgs) {
    const cursor = args.after ? decodeCursor(args.after) : null;
    const rows = (await this.dataSource.query(
      `SELECT id, ${cursorTimeSql('created_at')} AS cursor_time FROM generations
       WHERE owner_id = $1
         AND ($2::generation_status IS NULL OR status = $2)
         AND ($3::text IS NULL OR kind = $3)
         AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::uuid))
       ORDER BY created_at DESC, id DESC
       LIMIT $6`,
      [
        userId,
        args.status ?? null,
        args.kind ?? null,
        cursor?.createdAt ?? null,
        cursor?.id ?? null,
        args.first + 1,
      ],
    )) as Array<{ id: string; cursor_time: string }>;
    return pageOf(rows, args.first, (ids) =>
      this.dataSource.getRepository(Generation).createQueryBuilder('g').whereInIds(ids).getMany(),
    );
  }

  /**
   * Cancels in any state, idempotently: a queued one ends at once (credits released); a running
   * one is asked to stop, and the worker that runs it aborts the provider and ends it.
   */
  async cancel(userId: string, id: string): Promise<Generation> {
    if (!isUuid(id)) throw generationNotFound();
    const notices: GenerationEventNotice[] = [];
    let running = false;
    await this.ledger.run(async (manager, touched) => {
      const generation = await manager
        .getRepository(Generation)
        .createQueryBuilder('g')
        .setLock('pessimistic_write')
        .where('g.id = :id AND g.owner_id = :userId', { id, userId })
        .getOne();
      if (!generation) throw generationNotFound();
      if (FINAL_STATUSES.includes(generation.status) || generation.cancelRequestedAt) return;
      if (generation.status === GenerationStatus.QUEUED) {
        await manager.update(
          Generation,
          { id },
          {
            finishedAt: new Date(),
            errorCode: 'CANCELED',
            errorMessage: 'Canceled before it started.',
          },
        );
        notices.push(
          await appendEvent(manager, id, {
            type: GenerationEventType.CANCELED,
            status: GenerationStatus.CANCELED,
            message: `Canceled; ${creditsText(generation.costCredits)} refunded`,
          }),
        );
        await this.ledger.release(holdKey(id), 'generation canceled', { manager, touched });
        return;
      }
      running = true;
      await manager.update(Generation, { id }, { cancelRequestedAt: new Date() });
      notices.push(
        await appendEvent(manager, id, {
          type: GenerationEventType.CANCEL_REQUESTED,
          message: 'Stopping…',
        }),
      );
    });
    await announce(this.events, notices);
    if (running) await this.events.publish<CancelNotice>(CANCEL_TOPIC, { generationId: id });
    return this.get(userId, id);
  }

  /** Deletes a finished generation with its outputs and previews (files included). */
  async delete(userId: string, id: string): Promise<string> {
    const generation = await this.get(userId, id);
    if (ACTIVE_STATUSES.includes(generation.status)) {
      throw new GenerationError(
        'GENERATION_ACTIVE',
        'This generation is still in progress: cancel it first, then delete it.',
      );
    }
    const assetIds = await this.dataSource.transaction(async (manager) => {
      const outputs = (await manager.query(
        'DELETE FROM generation_outputs WHERE generation_id = $1 RETURNING asset_id',
        [id],
      )) as unknown[];
      await manager.query('DELETE FROM generation_events WHERE generation_id = $1', [id]);
      await manager.query('DELETE FROM generations WHERE id = $1 AND owner_id = $2', [id, userId]);
      const rows = (Array.isArray(outputs[0]) ? outputs[0] : outputs) as Array<{
        asset_id: string;
      }>;
      return [
        ...rows.map((row) => row.asset_id),
        ...(generation.previewAssetId ? [generation.previewAssetId] : []),
      ];
    });
    await this.storage.deleteAssets({ userId, assetIds });
    return id;
  }
}
