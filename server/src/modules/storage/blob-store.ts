/**
 * Where blobs (uploads, generated images and videos, previews, thumbnails) live. Keys are per
 * user (`users/{userId}/…`) so that everything of one person can be listed and deleted as a
 * whole. Drivers: `local` (files under DATA_DIR/blobs, served by the api through signed URLs)
 * and `gcs` (Google Cloud Storage, v4 signed URLs). One params object per method.
 */
export interface BlobStore {
  readonly driver: 'local' | 'gcs';
  /** Writes (or replaces) one object. */
  put(params: { key: string; body: Buffer; contentType: string }): Promise<void>;
  /** The object's bytes; throws BlobNotFoundError when there is none. */
  get(params: { key: string }): Promise<Buffer>;
  /** Size and type of an object, or null when there is none. */
  head(params: { key: string }): Promise<{ byteSize: number; contentType: string } | null>;
  /** Removes one object; removing a missing one is not an error. */
  delete(params: { key: string }): Promise<void>;
  /** Removes every object under a prefix; returns how many. */
  deletePrefix(params: { prefix: string }): Promise<number>;
  /** The keys under a prefix. */
  list(params: { prefix: string }): Promise<string[]>;
  /** A URL that reads the object until it expires; `filename` makes browsers download it. */
  signedReadUrl(params: {
    key: string;
    expiresInSeconds: number;
    filename?: string;
  }): Promise<string>;
  /**
   * Where a browser sends an upload's bytes directly: one PUT of exactly `byteSize` bytes with
   * the given headers, until it expires.
   */
  signedUploadTarget(params: {
    key: string;
    contentType: string;
    byteSize: number;
    expiresInSeconds: number;
  }): Promise<UploadTarget>;
}

/** A signed, expiring upload destination. */
export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: Date;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object at ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

/** The prefix of everything a user owns in storage. */
export const userPrefix = (userId: string) => `users/${userId}/`;

/** A key or prefix that could escape the store (`..`, a leading `/`) or holds other characters. */
export class InvalidBlobKeyError extends Error {
  constructor(readonly key: string) {
    super(`Not a valid storage key: ${JSON.stringify(key.slice(0, 200))}`);
    this.name = 'InvalidBlobKeyError';
  }
}

const MAX_KEY_LENGTH = 1024;
const KEY_CHARACTERS = /^[A-Za-z0-9._/-]+$/;

/**
 * Throws unless `key` names one object safely on every driver: only `[A-Za-z0-9._/-]`, no
 * leading or trailing `/`, no empty, `.` or `..` segments. The local driver maps keys to paths,
 * so this is what keeps a key inside its directory.
 */
export function assertValidKey(key: string): void {
  if (
    key.length === 0 ||
    key.length > MAX_KEY_LENGTH ||
    !KEY_CHARACTERS.test(key) ||
    key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')
  ) {
    throw new InvalidBlobKeyError(key);
  }
}

/** Like assertValidKey for the start of keys: may end with `/`, must not be empty. */
export function assertValidPrefix(prefix: string): void {
  assertValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
