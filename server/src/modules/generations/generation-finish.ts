import type { DataSource } from 'typeorm';
import type { EventBus } from '../../graphql/events';
import type { LedgerService } from '../credits/ledger.service';
import { GenerationEventType } from './generation-event.entity';
import { creditsText } from './generation-text';
import { announce, appendEvent } from './generation-events';
import { GenerationStatus } from './generation.entity';
import { holdKey } from './generation.service';

/** How a generation ended, with the reason a person reads. */
export interface Outcome {
  status:
    | GenerationStatus.SUCCEEDED
    | GenerationStatus.FAILED
    | GenerationStatus.CANCELED
    | GenerationStatus.BLOCKED;
  errorCode?: string;
  message: string;
}

const EVENT_OF: Record<Outcome['status'], GenerationEventType> = {
  [GenerationStatus.SUCCEEDED]: GenerationEventType.SUCCEEDED,
  [GenerationStatus.FAILED]: GenerationEventType.FAILED,
  [GenerationStatus.CANCELED]: GenerationEventType.CANCELED,
  [GenerationStatus.BLOCKED]: GenerationEventType.BLOCKED,
};

/**
 * Ends a generation exactly once: the status change, its last event and the capture (success)
 * or release (anything else) of its credits commit together. A second call finds it ended and
 * changes nothing. Returns false when it had already ended.
 */
export async function finishGeneration(
  deps: { dataSource: DataSource; events: EventBus; ledger: LedgerService },
  generationId: string,
  outcome: Outcome,
): Promise<boolean> {
  const succeeded = outcome.status === GenerationStatus.SUCCEEDED;
  const notice = await deps.ledger.run(async (manager, touched) => {
    const ended = (await manager.query(
      `UPDATE generations SET finished_at = now(), worker_id = NULL, heartbeat_at = NULL,
         error_code = $2, error_message = $3
       WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')
       RETURNING cost_credits`,
      [
        generationId,
        succeeded ? null : (outcome.errorCode ?? outcome.status),
        succeeded ? null : outcome.message,
      ],
    )) as [Array<{ cost_credits: number }>, number];
    const row = ended[0][0];
    if (!row) return null;
    const refund = succeeded ? '' : `; ${creditsText(row.cost_credits)} refunded`;
    const notice = await appendEvent(manager, generationId, {
      type: EVENT_OF[outcome.status],
      status: outcome.status,
      progress: succeeded ? 1 : undefined,
      message: `${outcome.message}${refund}`,
    });
    if (succeeded) await deps.ledger.capture(holdKey(generationId), { manager, touched });
    else
      await deps.ledger.release(holdKey(generationId), releaseReason(outcome), {
        manager,
        touched,
      });
    return notice;
  });
  if (!notice) return false;
  await announce(deps.events, [notice]);
  return true;
}

/** The line in the credit history: "Refunded: <reason>". */
function releaseReason(outcome: Outcome): string {
  switch (outcome.status) {
    case GenerationStatus.CANCELED:
      return 'generation canceled';
    case GenerationStatus.BLOCKED:
      return 'blocked by the provider’s content filter';
    default:
      return outcome.errorCode === 'TIMEOUT' ? 'generation timed out' : 'the generation failed';
  }
}
