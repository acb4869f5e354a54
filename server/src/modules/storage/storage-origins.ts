import type { StorageConfig } from '../../config';

// Where the Cloud Storage client library sends requests and points signed URLs by default.
const GCS_DEFAULT_ORIGIN = 'https://storage.googleapis.com';

/**
 * Origins other than our own that serve media and take uploads: the CSP must allow them for
 * images, video and the upload PUT. The local driver serves from our origin, so it needs none.
 */
export function externalStorageOrigins(storage: Pick<StorageConfig, 'driver' | 'gcs'>): string[] {
  if (storage.driver !== 'gcs') return [];
  return [storage.gcs?.apiEndpoint?.origin ?? GCS_DEFAULT_ORIGIN];
}
