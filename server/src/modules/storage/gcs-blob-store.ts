import { Storage, type File } from '@google-cloud/storage';
import {
  assertValidKey,
  assertValidPrefix,
  BlobNotFoundError,
  type BlobStore,
  type UploadTarget,
} from './blob-store';
import { attachmentDisposition } from './content-disposition';

/** Service-account credentials given explicitly (tests); otherwise Application Default Credentials. */
export interface GcsCredentials {
  client_email: string;
  private_key: string;
}

// V4 signed URLs live at most seven days.
const MAX_SIGNED_SECONDS = 7 * 24 * 3600;
const DELETE_CONCURRENCY = 16;

const isNotFound = (error: unknown) => (error as { code?: unknown }).code === 404;

/**
 * Google Cloud Storage. Every key is stored under `prefix` in `bucket`; signed URLs are V4,
 * signed with the service account's key, or through the IAM signBlob API when the credentials
 * have no key (e.g. on Cloud Run).
 */
class GcsBlobStore implements BlobStore {
  readonly driver = 'gcs' as const;

  constructor(
    private readonly storage: Storage,
    private readonly bucketName: string,
    private readonly prefix: string,
  ) {}

  private file(key: string): File {
    assertValidKey(key);
    return this.storage.bucket(this.bucketName).file(`${this.prefix}${key}`);
  }

  async put(params: { key: string; body: Buffer; contentType: string }): Promise<void> {
    // One request: these objects are small enough that a resumable session only adds round trips.
    await this.file(params.key).save(params.body, {
      contentType: params.contentType,
      resumable: false,
    });
  }

  async get(params: { key: string }): Promise<Buffer> {
    try {
      const [body] = await this.file(params.key).download();
      return body;
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(params.key);
      throw error;
    }
  }

  async head(params: { key: string }): Promise<{ byteSize: number; contentType: string } | null> {
    try {
      const [metadata] = await this.file(params.key).getMetadata();
      return {
        byteSize: Number(metadata.size ?? 0),
        contentType: metadata.contentType ?? 'application/octet-stream',
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(params: { key: string }): Promise<void> {
    await this.file(params.key).delete({ ignoreNotFound: true });
  }

  async list(params: { prefix: string }): Promise<string[]> {
    assertValidPrefix(params.prefix);
    const [files] = await this.storage
      .bucket(this.bucketName)
      .getFiles({ prefix: `${this.prefix}${params.prefix}`, autoPaginate: true });
    return files.map((file) => file.name.slice(this.prefix.length)).sort();
  }

  async deletePrefix(params: { prefix: string }): Promise<number> {
    const keys = await this.list(params);
    for (let start = 0; start < keys.length; start += DELETE_CONCURRENCY) {
      await Promise.all(
        keys.slice(start, start + DELETE_CONCURRENCY).map((key) => this.delete({ key })),
      );
    }
    return keys.length;
  }

  async signedReadUrl(params: {
    key: string;
    expiresInSeconds: number;
    filename?: string;
  }): Promise<string> {
    const [url] = await this.file(params.key).getSignedUrl({
      version: 'v4',
      action: 'read',
      expires: Date.now() + Math.min(params.expiresInSeconds, MAX_SIGNED_SECONDS) * 1000,
      ...(params.filename ? { responseDisposition: attachmentDisposition(params.filename) } : {}),
    });
    return url;
  }

  async signedUploadTarget(params: {
    key: string;
    contentType: string;
    byteSize: number;
    expiresInSeconds: number;
  }): Promise<UploadTarget> {
    const expiresAt = new Date(
      Date.now() + Math.min(params.expiresInSeconds, MAX_SIGNED_SECONDS) * 1000,
    );
    // Both headers are signed: Cloud Storage refuses another type or any other length.
    const headers = {
      'content-type': params.contentType,
      'x-goog-content-length-range': `${params.byteSize},${params.byteSize}`,
    };
    const [url] = await this.file(params.key).getSignedUrl({
      version: 'v4',
      action: 'write',
      expires: expiresAt,
      contentType: params.contentType,
      extensionHeaders: { 'x-goog-content-length-range': headers['x-goog-content-length-range'] },
    });
    return { url, method: 'PUT', headers, expiresAt };
  }
}

/**
 * The gcs driver: the only place the Cloud Storage client is constructed. With `apiEndpoint`
 * (an emulator) requests go there unauthenticated, which is the client library's behaviour for a
 * custom endpoint; signing still uses the credentials.
 */
export function createGcsBlobStore(params: {
  bucket: string;
  prefix: string;
  apiEndpoint?: URL;
  credentials?: GcsCredentials;
  projectId?: string;
}): BlobStore {
  const storage = new Storage({
    ...(params.apiEndpoint ? { apiEndpoint: params.apiEndpoint.origin } : {}),
    ...(params.credentials ? { credentials: params.credentials } : {}),
    ...(params.projectId ? { projectId: params.projectId } : {}),
  });
  return new GcsBlobStore(storage, params.bucket, params.prefix);
}
