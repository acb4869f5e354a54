import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  assertValidKey,
  assertValidPrefix,
  BlobNotFoundError,
  type BlobStore,
  type UploadTarget,
} from './blob-store';
import {
  createFileUrlSigner,
  type FileGrant,
  type FileUrlRefusal,
  type FileUrlSigner,
} from './file-url-signer';

/** What the local driver keeps beside each object's bytes. */
export interface LocalObjectMeta {
  contentType: string;
  byteSize: number;
  /** Hex SHA-256 of the bytes: the strong ETag. */
  sha256: string;
}

/** An object ready to be served: its metadata and where its bytes are. */
export interface LocalObject extends LocalObjectMeta {
  file: string;
}

/** A streamed upload carried a different number of bytes than it was signed for. */
export class UploadSizeError extends Error {
  constructor(readonly reason: 'too-large' | 'too-short') {
    super(
      reason === 'too-large'
        ? 'The upload has more bytes than declared'
        : 'The upload has fewer bytes than declared',
    );
    this.name = 'UploadSizeError';
  }
}

const isMissing = (error: unknown) =>
  ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * Objects as files under `root`: bytes in `objects/<key>`, metadata as JSON in `meta/<key>`.
 * Every write goes to `tmp/` first, is flushed to disk and renamed into place, bytes before
 * metadata, so an object exists (for head, get, list) exactly when its metadata does and is
 * never half-written.
 * Like directories, a key cannot also be the start of another key plus `/` (`a` and `a/b`).
 */
export class LocalBlobStore implements BlobStore {
  readonly driver = 'local' as const;
  private readonly signer: FileUrlSigner;

  constructor(
    private readonly options: {
      root: string;
      /** PUBLIC_URL: signed URLs are absolute, so providers can fetch them too. */
      baseUrl: URL;
      /** Signs the `/files/...` URLs (through a key derived for that purpose alone). */
      appSecret: string;
    },
  ) {
    this.signer = createFileUrlSigner(options.appSecret);
  }

  /** What a `/files/<key>?…` request's signature allows, or why it allows nothing. */
  grant(key: string, query: Record<string, unknown>): FileGrant | FileUrlRefusal {
    return this.signer.verify(key, query);
  }

  private objectPath(key: string): string {
    assertValidKey(key);
    return path.join(this.options.root, 'objects', key);
  }

  private metaPath(key: string): string {
    assertValidKey(key);
    return path.join(this.options.root, 'meta', key);
  }

  private async tempPath(): Promise<string> {
    const dir = path.join(this.options.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return path.join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
  }

  /** Moves finished temp files into place: bytes first, then the metadata that publishes them. */
  private async commit(key: string, bytesTemp: string, meta: LocalObjectMeta): Promise<void> {
    const objectPath = this.objectPath(key);
    const metaPath = this.metaPath(key);
    const metaTemp = await this.tempPath();
    try {
      await writeFile(metaTemp, JSON.stringify(meta), { flush: true });
      await mkdir(path.dirname(objectPath), { recursive: true });
      await mkdir(path.dirname(metaPath), { recursive: true });
      await rename(bytesTemp, objectPath);
      await rename(metaTemp, metaPath);
    } finally {
      await rm(metaTemp, { force: true });
      await rm(bytesTemp, { force: true });
    }
  }

  async put(params: { key: string; body: Buffer; contentType: string }): Promise<void> {
    assertValidKey(params.key);
    const temp = await this.tempPath();
    try {
      await writeFile(temp, params.body, { flush: true });
      await this.commit(params.key, temp, {
        contentType: params.contentType,
        byteSize: params.body.length,
        sha256: createHash('sha256').update(params.body).digest('hex'),
      });
    } finally {
      await rm(temp, { force: true });
    }
  }

  /**
   * Streams a body into an object, refusing it as soon as it passes `byteSize` bytes (so an
   * oversized upload never fills the disk) and when it ends short of them. The source is paused,
   * not destroyed, on refusal, so the caller can still answer the request.
   */
  async putStream(params: {
    key: string;
    source: Readable;
    contentType: string;
    byteSize: number;
  }): Promise<void> {
    assertValidKey(params.key);
    const temp = await this.tempPath();
    try {
      const { received, sha256 } = await writeCounted(params.source, temp, params.byteSize);
      if (received < params.byteSize) throw new UploadSizeError('too-short');
      await this.commit(params.key, temp, {
        contentType: params.contentType,
        byteSize: received,
        sha256,
      });
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** The object's metadata and file, or null when there is none. */
  async open(key: string): Promise<LocalObject | null> {
    try {
      const meta = JSON.parse(await readFile(this.metaPath(key), 'utf8')) as LocalObjectMeta;
      return { ...meta, file: this.objectPath(key) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async get(params: { key: string }): Promise<Buffer> {
    const object = await this.open(params.key);
    if (!object) throw new BlobNotFoundError(params.key);
    try {
      return await readFile(object.file);
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(params.key);
      throw error;
    }
  }

  async head(params: { key: string }): Promise<{ byteSize: number; contentType: string } | null> {
    const object = await this.open(params.key);
    return object ? { byteSize: object.byteSize, contentType: object.contentType } : null;
  }

  async delete(params: { key: string }): Promise<void> {
    // Metadata first: from then on the object is gone, even if removing the bytes fails.
    await rm(this.metaPath(params.key), { force: true });
    await rm(this.objectPath(params.key), { force: true });
  }

  async list(params: { prefix: string }): Promise<string[]> {
    assertValidPrefix(params.prefix);
    const metaRoot = path.join(this.options.root, 'meta');
    // Walk only the deepest directory the prefix names in full.
    const dir = params.prefix.includes('/')
      ? params.prefix.slice(0, params.prefix.lastIndexOf('/'))
      : '';
    let entries;
    try {
      entries = await readdir(path.join(metaRoot, dir), { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(metaRoot, path.join(entry.parentPath, entry.name)))
      .map((relative) => relative.split(path.sep).join('/'))
      .filter((key) => key.startsWith(params.prefix))
      .sort();
  }

  async deletePrefix(params: { prefix: string }): Promise<number> {
    const keys = await this.list(params);
    for (const key of keys) await this.delete({ key });
    if (params.prefix.endsWith('/')) {
      // Also the emptied directories and any bytes a crash left without metadata.
      for (const tree of ['meta', 'objects']) {
        await rm(path.join(this.options.root, tree, params.prefix), {
          recursive: true,
          force: true,
        });
      }
    }
    return keys.length;
  }

  async signedReadUrl(params: {
    key: string;
    expiresInSeconds: number;
    filename?: string;
  }): Promise<string> {
    assertValidKey(params.key);
    return this.signer.url(this.options.baseUrl, {
      purpose: 'get',
      key: params.key,
      expiresAt: Math.floor(Date.now() / 1000) + params.expiresInSeconds,
      filename: params.filename,
    });
  }

  async signedUploadTarget(params: {
    key: string;
    contentType: string;
    byteSize: number;
    expiresInSeconds: number;
  }): Promise<UploadTarget> {
    assertValidKey(params.key);
    const expiresAt = Math.floor(Date.now() / 1000) + params.expiresInSeconds;
    return {
      url: this.signer.url(this.options.baseUrl, {
        purpose: 'put',
        key: params.key,
        expiresAt,
        contentType: params.contentType,
        byteSize: params.byteSize,
      }),
      method: 'PUT',
      headers: { 'content-type': params.contentType },
      expiresAt: new Date(expiresAt * 1000),
    };
  }

  /** Removes temp files older than `olderThanMs` that a crash or a dropped upload left behind. */
  async sweepTemp(olderThanMs: number): Promise<number> {
    const dir = path.join(this.options.root, 'tmp');
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** Copies a stream to a file while hashing and counting it; stops past `limit` bytes. */
function writeCounted(
  source: Readable,
  file: string,
  limit: number,
): Promise<{ received: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file, { flush: true });
    const hash = createHash('sha256');
    let received = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      source.off('data', onData);
      source.pause();
      out.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) return fail(new UploadSizeError('too-large'));
      hash.update(chunk);
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => source.resume());
      }
    };
    source.on('data', onData);
    source.once('end', () => out.end());
    source.once('error', fail);
    source.once('close', () => {
      if (!source.readableEnded) fail(new Error('The upload was interrupted'));
    });
    out.once('error', fail);
    out.once('finish', () => {
      if (settled) return;
      settled = true;
      resolve({ received, sha256: hash.digest('hex') });
    });
  });
}
