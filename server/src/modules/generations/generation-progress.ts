import type { DataSource } from 'typeorm';
import type { EventBus } from '../../graphql/events';
import type { Logger } from '../../logger';
import type { ProgressUpdate } from '../providers/provider';
import { GenerationEventType } from './generation-event.entity';
import { announce, appendEvent } from './generation-events';
import type { GenerationStorage } from './generation-storage';

/** Bare progress is recorded at most this often unless it moved a lot, to keep events meaningful. */
const PROGRESS_EVERY_MS = 250;
const PROGRESS_STEP = 0.05;
/** A preview is an image write plus an event: at most one a second. */
const PREVIEW_EVERY_MS = 1000;

/**
 * Turns a provider's progress reports into throttled events, keeping only the latest preview
 * image (older ones are deleted, so a long run does not pile up files).
 */
export class ProgressRecorder {
  private lastProgress = 0;
  private lastAt = 0;
  private lastPreviewAt = 0;
  private lastMessage: string | null = null;

  constructor(
    private readonly deps: {
      dataSource: DataSource;
      events: EventBus;
      storage: GenerationStorage;
      logger: Logger;
    },
    private readonly generationId: string,
    private readonly userId: string,
    private previewAssetId: string | null,
  ) {}

  async report(update: ProgressUpdate): Promise<void> {
    const now = Date.now();
    const progress =
      update.progress === undefined ? undefined : Math.min(1, Math.max(0, update.progress));
    let preview: string | null = null;
    if (update.preview && now - this.lastPreviewAt >= PREVIEW_EVERY_MS) {
      preview = await this.deps.storage.storeGenerated({
        userId: this.userId,
        kind: 'PREVIEW',
        data: update.preview.data,
        contentType: update.preview.contentType,
      });
      this.lastPreviewAt = now;
    }
    const moved = progress !== undefined && progress - this.lastProgress >= PROGRESS_STEP;
    const message =
      update.queuePosition !== undefined
        ? `Waiting in the provider's queue (position ${update.queuePosition})`
        : (update.message ?? null);
    // A new line (a log line, a queue position) is always kept; bare progress is thinned out.
    const said = message !== null && message !== this.lastMessage;
    if (!preview && !moved && !said && now - this.lastAt < PROGRESS_EVERY_MS) return;

    const replaced = this.previewAssetId;
    const notice = await this.deps.dataSource.transaction(async (manager) => {
      if (preview) {
        await manager.query('UPDATE generations SET preview_asset_id = $2 WHERE id = $1', [
          this.generationId,
          preview,
        ]);
      }
      return appendEvent(manager, this.generationId, {
        type: preview ? GenerationEventType.PREVIEW : GenerationEventType.PROGRESS,
        progress,
        message,
        assetId: preview,
      });
    });
    this.lastAt = now;
    if (progress !== undefined) this.lastProgress = progress;
    if (message !== null) this.lastMessage = message;
    await announce(this.deps.events, [notice]);
    if (preview) {
      this.previewAssetId = preview;
      if (replaced) {
        await this.deps.storage
          .deleteAssets({ userId: this.userId, assetIds: [replaced] })
          .catch((error: unknown) =>
            this.deps.logger.warn({ err: error }, 'could not delete an old preview'),
          );
      }
    }
  }
}
