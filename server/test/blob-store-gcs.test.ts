import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGcsBlobStore } from '../src/modules/storage/gcs-blob-store';
import type { BlobStore } from '../src/modules/storage/blob-store';
import { blobStoreContract } from './blob-store.contract';
import { signedUp } from './support/billing';
import {
  COMPLETE_UPLOAD,
  CREATE_UPLOAD,
  pngImage,
  startStorageTestServer,
  type AssetFields,
  type CreateUpload,
} from './support/storage';
import type { TestServer } from './support/test-server';
import {
  fakeServiceAccount,
  startStorageEmulator,
  type StorageEmulator,
} from './support/storage-emulator';

describe('gcs blob store against the firebase-tools storage emulator', () => {
  let emulator: StorageEmulator;
  let store: BlobStore;

  beforeAll(async () => {
    emulator = await startStorageEmulator();
    store = createGcsBlobStore({
      // The emulator makes a bucket on first use; creating one is not emulated and not needed.
      bucket: 'aiofm-test',
      prefix: 'studio/',
      apiEndpoint: emulator.endpoint,
      credentials: fakeServiceAccount(emulator.projectId),
      projectId: emulator.projectId,
    });
  });
  afterAll(() => emulator.stop());

  // The emulator serves signed URLs without checking signature or expiry, ignores the signed
  // response-content-disposition, and has no endpoint for a signed PUT: those cases are checked
  // on the URLs themselves below instead.
  blobStoreContract(() => store, { checksSignedUrls: false, acceptsSignedUploads: false });

  it('stores every key under the configured prefix', async () => {
    const unprefixed = createGcsBlobStore({
      bucket: 'aiofm-test',
      prefix: '',
      apiEndpoint: emulator.endpoint,
      projectId: emulator.projectId,
    });
    await store.put({
      key: 'users/prefixed/a.txt',
      body: Buffer.from('a'),
      contentType: 'text/plain',
    });
    expect(await unprefixed.list({ prefix: 'studio/users/prefixed/' })).toEqual([
      'studio/users/prefixed/a.txt',
    ]);
    expect(await store.list({ prefix: 'users/prefixed/' })).toEqual(['users/prefixed/a.txt']);
  });

  it('signs V4 read URLs with the expiry and download name asked for', async () => {
    const url = new URL(
      await store.signedReadUrl({
        key: 'users/u/output/a.png',
        expiresInSeconds: 600,
        filename: 'a "b".png',
      }),
    );
    expect(url.origin).toBe(emulator.endpoint.origin);
    expect(url.pathname).toBe('/aiofm-test/studio/users/u/output/a.png');
    expect(url.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
    expect(url.searchParams.get('X-Goog-Expires')).toBe('600');
    expect(url.searchParams.get('X-Goog-Credential')).toMatch(
      /^aiofm-test@demo-aiofm\.iam\.gserviceaccount\.com\/\d{8}\/auto\/storage\/goog4_request$/,
    );
    expect(url.searchParams.get('X-Goog-Signature')).toMatch(/^[0-9a-f]{512}$/);
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="a _b_.png"; filename*=UTF-8''a%20%22b%22.png`,
    );
    // V4 URLs cannot outlive seven days.
    const long = new URL(
      await store.signedReadUrl({ key: 'users/u/a.png', expiresInSeconds: 30 * 86400 }),
    );
    expect(long.searchParams.get('X-Goog-Expires')).toBe(String(7 * 86400));
  });

  it('signs the upload PUT for one type and one exact length', async () => {
    const target = await store.signedUploadTarget({
      key: 'users/u/uploads/1',
      contentType: 'image/jpeg',
      byteSize: 1234,
      expiresInSeconds: 900,
    });
    expect(target.method).toBe('PUT');
    expect(target.headers).toEqual({
      'content-type': 'image/jpeg',
      'x-goog-content-length-range': '1234,1234',
    });
    const url = new URL(target.url);
    expect(url.searchParams.get('X-Goog-SignedHeaders')).toBe(
      'content-type;host;x-goog-content-length-range',
    );
    expect(url.searchParams.get('X-Goog-Expires')).toBe('900');
    expect(Math.abs(target.expiresAt.getTime() - (Date.now() + 900_000))).toBeLessThan(5000);
  });
});

describe('the server with STORAGE_DRIVER=gcs', () => {
  let emulator: StorageEmulator;
  let server: TestServer;
  let keyDir: string;
  const savedCredentials = process.env.GOOGLE_APPLICATION_CREDENTIALS;

  beforeAll(async () => {
    emulator = await startStorageEmulator();
    // Application Default Credentials, as in production: a key file the client library finds.
    keyDir = mkdtempSync(path.join(os.tmpdir(), 'aiofm-gcs-key-'));
    const keyFile = path.join(keyDir, 'service-account.json');
    writeFileSync(
      keyFile,
      JSON.stringify({
        type: 'service_account',
        project_id: emulator.projectId,
        ...fakeServiceAccount(emulator.projectId),
      }),
    );
    process.env.GOOGLE_APPLICATION_CREDENTIALS = keyFile;
    server = await startStorageTestServer({
      STORAGE_DRIVER: 'gcs',
      GCS_BUCKET: 'aiofm-server',
      GCS_PREFIX: 'media',
      GCS_API_ENDPOINT: emulator.endpoint.origin,
    });
  });
  afterAll(async () => {
    await server.stop();
    await emulator.stop();
    if (savedCredentials === undefined) delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    else process.env.GOOGLE_APPLICATION_CREDENTIALS = savedCredentials;
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('lets pages load media from and upload to the bucket (CSP), and serves no /files', async () => {
    const csp = (await fetch(`${server.url}/healthz`)).headers.get('content-security-policy')!;
    const origin = emulator.endpoint.origin;
    expect(csp).toContain(`img-src 'self' data: blob: ${origin}`);
    expect(csp).toContain(`media-src 'self' blob: ${origin}`);
    expect(csp).toMatch(new RegExp(`connect-src 'self' ws://[^;]+ ${origin}`));
    expect((await fetch(`${server.url}/files/users/x/y?p=get&e=1&s=x`)).status).toBe(404);
  });

  it('hands out a signed PUT to the bucket and completes the upload from it', async () => {
    const browser = await signedUp(server, 'Gcs Uploader');
    const png = await pngImage(300, 200);
    const { createUpload: ticket } = await browser.ok<CreateUpload>(CREATE_UPLOAD, {
      input: { filename: 'cloud.png', contentType: 'image/png', byteSize: png.length },
    });
    const url = new URL(ticket.url);
    expect(url.origin).toBe(emulator.endpoint.origin);
    expect(url.pathname).toMatch(
      /^\/aiofm-server\/media\/users\/[0-9a-f-]{36}\/uploads\/[0-9a-f-]{36}$/,
    );
    expect(ticket.headers).toEqual([
      { name: 'content-type', value: 'image/png' },
      { name: 'x-goog-content-length-range', value: `${png.length},${png.length}` },
    ]);
    // The emulator has no signed PUT: the bytes go in through the API, where the PUT puts them.
    const key = url.pathname.replace('/aiofm-server/media/', '');
    await server.runtime.services.blobs.put({ key, body: png, contentType: 'image/png' });

    const { completeUpload: asset } = await browser.ok<{ completeUpload: AssetFields }>(
      COMPLETE_UPLOAD,
      { id: ticket.id },
    );
    expect(asset).toMatchObject({ contentType: 'image/png', width: 300, height: 200 });
    expect(new URL(asset.url).origin).toBe(emulator.endpoint.origin);
    const stored = Buffer.from(await (await fetch(asset.url)).arrayBuffer());
    expect(stored.length).toBe(asset.byteSize);
    expect(asset.thumbnailUrl).toContain('/aiofm-server/media/users/');
    expect(await server.runtime.services.blobs.head({ key })).toBeNull();
  });
});
