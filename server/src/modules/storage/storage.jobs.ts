import type { Logger } from '../../logger';
import type { TaskList } from '../../queue/queue';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob-store';
import type { UploadService } from './upload.service';

export const SWEEP_UPLOADS_TASK = 'storage.sweep-uploads';

// Temp files of the local driver older than this belong to no upload still in progress.
const TEMP_FILE_MAX_AGE_MS = 6 * 3600_000;

/** Worker tasks of storage: sweeping uploads that were never completed. */
export function storageTasks(params: {
  uploads: UploadService;
  blobs: BlobStore;
  logger: Logger;
}): TaskList {
  return {
    [SWEEP_UPLOADS_TASK]: async () => {
      const uploads = await params.uploads.sweepExpired();
      const tempFiles =
        params.blobs instanceof LocalBlobStore
          ? await params.blobs.sweepTemp(TEMP_FILE_MAX_AGE_MS)
          : 0;
      if (uploads + tempFiles > 0) params.logger.info({ uploads, tempFiles }, 'swept old uploads');
    },
  };
}
