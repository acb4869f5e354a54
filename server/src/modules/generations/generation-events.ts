import type { EntityManager } from 'typeorm';
import { returnedRows } from '../../db/returned-rows';
import type { EventBus } from '../../graphql/events';
import { GenerationEventType } from './generation-event.entity';
import { GenerationStatus } from './generation.entity';

export const GENERATION_EVENTS_TOPIC = 'generation.events';

/** Announced after a commit that appended an event: ids and the new state, never the row. */
export interface GenerationEventNotice {
  generationId: string;
  ownerId: string;
  seq: number;
  status: GenerationStatus;
  progress: number;
}

/** A change to record: the event, and the generation's columns it changes. */
export interface EventChange {
  type: GenerationEventType;
  status?: GenerationStatus;
  progress?: number;
  message?: string | null;
  assetId?: string | null;
}

/**
 * Appends the next numbered event and applies its status/progress to the generation, in the
 * caller's transaction. The UPDATE takes the generation's row lock, so numbers never collide
 * and never skip. Returns the notice to publish once the transaction has committed.
 */
export async function appendEvent(
  manager: EntityManager,
  generationId: string,
  change: EventChange,
): Promise<GenerationEventNotice> {
  const [updated] = returnedRows<{
    seq: number;
    status: GenerationStatus;
    progress: number;
    ownerId: string;
  }>(
    (await manager.query(
      `UPDATE generations SET last_seq = last_seq + 1,
       status = coalesce($2::generation_status, status),
       progress = coalesce($3::real, progress)
     WHERE id = $1
     RETURNING last_seq AS seq, status, progress, owner_id AS "ownerId"`,
      [generationId, change.status ?? null, change.progress ?? null],
    )) as unknown[],
  );
  if (!updated) throw new Error(`Generation ${generationId} does not exist`);
  await manager.query(
    `INSERT INTO generation_events (generation_id, seq, type, status, progress, message, asset_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      generationId,
      updated.seq,
      change.type,
      updated.status,
      updated.progress,
      change.message ?? null,
      change.assetId ?? null,
    ],
  );
  return { generationId, ...updated };
}

/** Publishes notices after their transaction committed (NOTIFY stays out of the write path). */
export async function announce(events: EventBus, notices: GenerationEventNotice[]): Promise<void> {
  for (const notice of notices) await events.publish(GENERATION_EVENTS_TOPIC, notice);
}
