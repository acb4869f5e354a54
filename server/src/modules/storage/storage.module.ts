import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type { RateLimiter } from '../security/rate-limiter';
import { AssetResolver } from './asset.resolver';
import { AssetUrls } from './asset-urls';
import { AssetService } from './asset.service';
import type { BlobStore } from './blob-store';
import { createBlobStore } from './create-blob-store';
import { createFilesRouter } from './files.router';
import { LocalBlobStore } from './local-blob-store';
import { storageTasks, SWEEP_UPLOADS_TASK } from './storage.jobs';
import { UploadResolver } from './upload.resolver';
import { UploadService } from './upload.service';

/**
 * The storage domain, wired: the blob store STORAGE_DRIVER picks, assets and uploads, their
 * resolvers, the `/files` route (local driver only) and the sweep of abandoned uploads.
 */
export function createStorageModule(params: {
  config: Config;
  dataSource: DataSource;
  limiter: RateLimiter;
  logger: Logger;
  /** Tests may hand in a store of their own. */
  blobs?: BlobStore;
}) {
  const { config, dataSource, logger } = params;
  const blobs = params.blobs ?? createBlobStore(config);
  const assets = new AssetService(dataSource, blobs, logger);
  const uploads = new UploadService(
    dataSource,
    blobs,
    assets,
    params.limiter,
    config.storage.uploadMaxBytes,
    logger,
  );
  return {
    services: { blobs, assets, uploads },
    resolvers: [
      new AssetResolver(assets, new AssetUrls(blobs, dataSource)),
      new UploadResolver(uploads),
    ],
    routes:
      blobs instanceof LocalBlobStore
        ? [createFilesRouter({ store: blobs, allowedOrigins: config.allowedOrigins, logger })]
        : [],
    tasks: storageTasks({ uploads, blobs, logger }),
    cron: [{ task: SWEEP_UPLOADS_TASK, match: '*/15 * * * *' }],
  };
}
