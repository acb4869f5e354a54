import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { createLogger } from '../src/logger';
import { createFilesRouter } from '../src/modules/storage/files.router';
import { LocalBlobStore } from '../src/modules/storage/local-blob-store';
import { blobStoreContract } from './blob-store.contract';

describe('local blob store, served at /files', () => {
  let root: string;
  let server: Server;
  let store: LocalBlobStore;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'aiofm-blobs-'));
    const app = express();
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    store = new LocalBlobStore({
      root,
      baseUrl: new URL(`http://127.0.0.1:${port}`),
      appSecret: 'local-blob-store-test-secret-0123456789',
    });
    app.use(createFilesRouter({ store, allowedOrigins: [], logger: createLogger('silent') }));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  blobStoreContract(() => store, { checksSignedUrls: true, acceptsSignedUploads: true });

  it('keeps bytes and metadata apart, under the key as a path, with no temp files left', async () => {
    await store.put({
      key: 'users/u1/output/a.png',
      body: Buffer.from('png'),
      contentType: 'image/png',
    });
    expect(readdirSync(path.join(root, 'objects', 'users', 'u1', 'output'))).toEqual(['a.png']);
    expect(readdirSync(path.join(root, 'meta', 'users', 'u1', 'output'))).toEqual(['a.png']);
    expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('treats bytes without metadata (a crash between the two renames) as no object', async () => {
    const key = 'users/u2/output/orphan.png';
    await store.put({ key, body: Buffer.from('x'), contentType: 'image/png' });
    rmSync(path.join(root, 'meta', key));
    expect(await store.head({ key })).toBeNull();
    expect(await store.list({ prefix: 'users/u2/' })).toEqual([]);
    // Deleting the user's prefix also removes the orphaned bytes.
    await store.deletePrefix({ prefix: 'users/u2/' });
    expect(() => readdirSync(path.join(root, 'objects', 'users', 'u2'))).toThrow(/ENOENT/);
  });

  it('sweeps temp files a crash left behind, and only old ones', async () => {
    const old = path.join(root, 'tmp', 'old-upload');
    const fresh = path.join(root, 'tmp', 'fresh-upload');
    writeFileSync(old, 'x');
    writeFileSync(fresh, 'y');
    const dayAgo = new Date(Date.now() - 86_400_000);
    utimesSync(old, dayAgo, dayAgo);
    expect(await store.sweepTemp(3600_000)).toBe(1);
    expect(readdirSync(path.join(root, 'tmp'))).toEqual(['fresh-upload']);
    rmSync(fresh);
  });
});
