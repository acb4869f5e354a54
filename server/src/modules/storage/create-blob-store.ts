import type { Config } from '../../config';
import type { BlobStore } from './blob-store';
import { createGcsBlobStore } from './gcs-blob-store';
import { LocalBlobStore } from './local-blob-store';

/** The blob store STORAGE_DRIVER names: files under DATA_DIR/blobs, or a Cloud Storage bucket. */
export function createBlobStore(
  config: Pick<Config, 'storage' | 'publicUrl' | 'appSecret'>,
): BlobStore {
  const { storage } = config;
  if (storage.driver === 'gcs' && storage.gcs) {
    return createGcsBlobStore({
      bucket: storage.gcs.bucket,
      prefix: storage.gcs.prefix,
      apiEndpoint: storage.gcs.apiEndpoint,
    });
  }
  return new LocalBlobStore({
    root: storage.localDir,
    baseUrl: config.publicUrl,
    appSecret: config.appSecret,
  });
}
