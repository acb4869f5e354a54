import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { addJob } from '../src/queue/queue';
import { SWEEP_UPLOADS_TASK } from '../src/modules/storage/storage.jobs';
import { signedUp } from './support/billing';
import type { BrowserClient } from './support/browser-client';
import {
  ASSET,
  ASSETS,
  COMPLETE_UPLOAD,
  CREATE_UPLOAD,
  phoneJpeg,
  pngImage,
  sendUpload,
  startStorageTestServer,
  uploadImage,
  type AssetFields,
  type CreateUpload,
} from './support/storage';
import type { TestServer } from './support/test-server';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

describe('uploads: createUpload, PUT, completeUpload', () => {
  let server: TestServer;
  let alice: BrowserClient;
  let bob: BrowserClient;

  beforeAll(async () => {
    server = await startStorageTestServer({ UPLOAD_MAX_BYTES: String(2 * 1024 * 1024) });
    alice = await signedUp(server, 'Alice Uploader');
    bob = await signedUp(server, 'Bob Uploader');
  });
  afterAll(() => server.stop());

  const ticket = async (
    browser: BrowserClient,
    input: { filename?: string; contentType?: string; byteSize: number },
  ) =>
    (
      await browser.ok<CreateUpload>(CREATE_UPLOAD, {
        input: { filename: 'picture.png', contentType: 'image/png', ...input },
      })
    ).createUpload;

  it('turns an uploaded PNG into a reference asset with its size, hash and a thumbnail', async () => {
    const png = await pngImage(640, 400);
    const { createUpload } = await alice.ok<CreateUpload>(CREATE_UPLOAD, {
      input: { filename: 'sunset.png', contentType: 'image/png', byteSize: png.length },
    });
    expect(createUpload).toMatchObject({
      method: 'PUT',
      headers: [{ name: 'content-type', value: 'image/png' }],
      maxBytes: png.length,
    });
    expect(createUpload.url.startsWith(`${server.config.publicUrl.origin}/files/users/`)).toBe(
      true,
    );
    expect(Date.parse(createUpload.expiresAt)).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect((await sendUpload(createUpload, png)).status).toBe(204);

    const { completeUpload: asset } = await alice.ok<{ completeUpload: AssetFields }>(
      COMPLETE_UPLOAD,
      { id: createUpload.id },
    );
    expect(asset).toMatchObject({
      kind: 'REFERENCE',
      contentType: 'image/png',
      width: 640,
      height: 400,
      durationSeconds: null,
    });
    const stored = await download(asset.url);
    expect(asset.sha256).toBe(sha256(stored));
    expect(asset.byteSize).toBe(stored.length);
    expect((await sharp(stored).metadata()).format).toBe('png');

    const thumbnail = await sharp(await download(asset.thumbnailUrl!)).metadata();
    expect(thumbnail).toMatchObject({ format: 'webp', width: 256, height: 160 });

    // The raw upload is gone; only the clean copy and its thumbnail are kept.
    const userId = (await alice.ok<{ me: { id: string } }>('{ me { id } }')).me.id;
    const keys = await server.runtime.services.blobs.list({ prefix: `users/${userId}/` });
    expect(keys.filter((key) => key.includes('/uploads/'))).toEqual([]);
    expect(keys).toEqual(
      expect.arrayContaining([
        `users/${userId}/reference/${asset.id}.png`,
        expect.stringMatching(new RegExp(`^users/${userId}/thumbnail/[0-9a-f-]{36}\\.webp$`)),
      ]),
    );

    const { asset: again } = await alice.ok<{ asset: AssetFields }>(ASSET, { id: asset.id });
    expect(again).toMatchObject({ id: asset.id, sha256: asset.sha256, width: 640 });
  });

  it('removes EXIF and GPS, and turns a sideways photo upright', async () => {
    const photo = await phoneJpeg(64, 48);
    const before = await sharp(photo).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString('latin1')).toContain('TestPhone');

    const asset = await uploadImage(alice, photo, {
      filename: 'IMG_0001.JPG',
      contentType: 'image/jpeg',
    });
    expect(asset).toMatchObject({ contentType: 'image/jpeg', width: 48, height: 64 });
    const stored = await download(asset.url);
    const after = await sharp(stored).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 48, height: 64, space: 'srgb' });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(stored.toString('latin1')).not.toMatch(/TestPhone|Secret Model|GPS/);
  });

  it('goes by what the bytes are: a PNG sent as image/jpeg named .jpg is stored as a PNG', async () => {
    const png = await pngImage(30, 20);
    const asset = await uploadImage(alice, png, {
      filename: 'really.jpg',
      contentType: 'image/jpeg',
    });
    expect(asset).toMatchObject({ contentType: 'image/png', width: 30, height: 20 });
  });

  it('refuses text claimed as image/png with UNSUPPORTED_IMAGE', async () => {
    const text = Buffer.from('this is not an image, just some text pretending to be one');
    const upload = await ticket(alice, { byteSize: text.length });
    expect((await sendUpload(upload, text)).status).toBe(204);
    const failure = await alice.fails(COMPLETE_UPLOAD, { id: upload.id });
    expect(failure.code).toBe('UNSUPPORTED_IMAGE');
    expect(failure.message).toMatch(/not a PNG, JPEG or WebP image/);
  });

  it('refuses other types and files over the limit before anything is sent', async () => {
    const type = await alice.fails(CREATE_UPLOAD, {
      input: { filename: 'notes.txt', contentType: 'text/plain', byteSize: 10 },
    });
    expect(type.code).toBe('BAD_USER_INPUT');
    expect(type.message).toBe('Upload a PNG, JPEG or WebP image (this file is text/plain).');

    const big = await alice.fails(CREATE_UPLOAD, {
      input: { filename: 'huge.png', contentType: 'image/png', byteSize: 2 * 1024 * 1024 + 1 },
    });
    expect(big.code).toBe('UPLOAD_TOO_LARGE');
    expect(big.message).toBe('Images can be at most 2 MB (2097152 bytes). Choose a smaller file.');
    expect(big.extensions.maxBytes).toBe(2 * 1024 * 1024);

    const empty = await alice.fails(CREATE_UPLOAD, {
      input: { filename: 'empty.png', contentType: 'image/png', byteSize: 0 },
    });
    expect(empty.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a PUT larger than declared with 413', async () => {
    const upload = await ticket(alice, { byteSize: 100 });
    const response = await sendUpload(upload, Buffer.alloc(200, 1));
    expect(response.status).toBe(413);
    const failure = await alice.fails(COMPLETE_UPLOAD, { id: upload.id });
    expect(failure.code).toBe('UPLOAD_INCOMPLETE');
  });

  it('completes once: completing again returns the same asset', async () => {
    const png = await pngImage(50, 50);
    const upload = await ticket(alice, { byteSize: png.length });
    await sendUpload(upload, png);
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        alice.ok<{ completeUpload: AssetFields }>(COMPLETE_UPLOAD, { id: upload.id }),
      ),
    );
    expect(second!.completeUpload.id).toBe(first!.completeUpload.id);
    const third = await alice.ok<{ completeUpload: AssetFields }>(COMPLETE_UPLOAD, {
      id: upload.id,
    });
    expect(third.completeUpload.id).toBe(first!.completeUpload.id);
    const [{ count }] = (await server.runtime.dataSource.query(
      `SELECT count(*)::int AS count FROM assets WHERE id = $1 OR id IN
         (SELECT thumbnail_asset_id FROM assets WHERE id = $1)`,
      [first!.completeUpload.id],
    )) as [{ count: number }];
    expect(count).toBe(2);
  });

  it("treats another user's upload and asset as not found", async () => {
    const png = await pngImage(20, 20);
    const upload = await ticket(alice, { byteSize: png.length });
    await sendUpload(upload, png);
    expect((await bob.fails(COMPLETE_UPLOAD, { id: upload.id })).code).toBe('NOT_FOUND');
    const asset = (
      await alice.ok<{ completeUpload: AssetFields }>(COMPLETE_UPLOAD, { id: upload.id })
    ).completeUpload;
    expect((await bob.fails(ASSET, { id: asset.id })).code).toBe('NOT_FOUND');
    expect((await bob.fails(ASSET, { id: 'not-a-uuid' })).code).toBe('NOT_FOUND');
    expect((await bob.fails(COMPLETE_UPLOAD, { id: 'not-a-uuid' })).code).toBe('NOT_FOUND');
    const bobs = await bob.ok<{ assets: { edges: unknown[] } }>(ASSETS, { first: 10 });
    expect(bobs.assets.edges).toEqual([]);
  });

  it('says the file has not arrived when completing before the PUT', async () => {
    const upload = await ticket(alice, { byteSize: 10 });
    const failure = await alice.fails(COMPLETE_UPLOAD, { id: upload.id });
    expect(failure).toMatchObject({ code: 'UPLOAD_INCOMPLETE' });
  });

  it('limits how many uploads one person starts per hour', async () => {
    const dave = await signedUp(server, 'Dave Many');
    const userId = (await dave.ok<{ me: { id: string } }>('{ me { id } }')).me.id;
    await ticket(dave, { byteSize: 10 });
    await server.runtime.dataSource.query('UPDATE rate_limits SET count = 120 WHERE key = $1', [
      `upload:${userId}`,
    ]);
    const failure = await dave.fails(CREATE_UPLOAD, {
      input: { filename: 'a.png', contentType: 'image/png', byteSize: 10 },
    });
    expect(failure.code).toBe('RATE_LIMITED');
    // Someone else is not held back by it.
    await ticket(alice, { byteSize: 10 });
  });

  it('requires a signed-in user', async () => {
    const response = await server.graphql(CREATE_UPLOAD, {
      input: { filename: 'a.png', contentType: 'image/png', byteSize: 10 },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('pages through my reference images with a constant number of statements', async () => {
    const carol = await signedUp(server, 'Carol Pages');
    for (let i = 0; i < 5; i++) await uploadImage(carol, await pngImage(10 + i, 10));
    const logger = server.runtime.dataSource.logger;
    const statements: string[] = [];
    const spy = jest.spyOn(logger, 'logQuery').mockImplementation((query: string) => {
      if (/assets/.test(query)) statements.push(query);
    });
    try {
      const counts: number[] = [];
      for (const first of [1, 5]) {
        statements.length = 0;
        const page = await carol.ok<{ assets: { edges: Array<{ node: AssetFields }> } }>(ASSETS, {
          first,
        });
        expect(page.assets.edges).toHaveLength(first);
        expect(page.assets.edges.every(({ node }) => node.url && node.thumbnailUrl)).toBe(true);
        counts.push(statements.length);
      }
      // The page, and the storage keys of all its thumbnails at once.
      expect(counts).toEqual([2, 2]);
    } finally {
      spy.mockRestore();
    }

    const firstPage = await carol.ok<{
      assets: {
        edges: Array<{ node: AssetFields }>;
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    }>(ASSETS, { first: 3 });
    expect(firstPage.assets.pageInfo.hasNextPage).toBe(true);
    const rest = await carol.ok<{
      assets: { edges: Array<{ node: AssetFields }>; pageInfo: { hasNextPage: boolean } };
    }>(ASSETS, { first: 3, after: firstPage.assets.pageInfo.endCursor });
    expect(rest.assets.edges.map(({ node }) => node.width)).toEqual([11, 10]);
    expect(rest.assets.pageInfo.hasNextPage).toBe(false);
  });

  it('sweeps uploads nobody completed once they expired, with their bytes', async () => {
    const abandoned = await ticket(alice, { byteSize: 5 });
    await sendUpload(abandoned, Buffer.from('12345'));
    const fresh = await ticket(alice, { byteSize: 5 });
    const { dataSource } = server.runtime;
    const [row] = (await dataSource.query('SELECT storage_key FROM uploads WHERE id = $1', [
      abandoned.id,
    ])) as [{ storage_key: string }];
    expect(await server.runtime.services.blobs.head({ key: row.storage_key })).not.toBeNull();
    await dataSource.query(
      `UPDATE uploads SET expires_at = now() - interval '2 hours' WHERE id = $1`,
      [abandoned.id],
    );

    await dataSource.transaction((manager) =>
      addJob(manager, { task: SWEEP_UPLOADS_TASK, payload: {} }),
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const left = (await dataSource.query('SELECT id FROM uploads WHERE id = $1', [
        abandoned.id,
      ])) as unknown[];
      if (left.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await dataSource.query('SELECT id FROM uploads WHERE id = $1', [abandoned.id])).toEqual(
      [],
    );
    expect(await server.runtime.services.blobs.head({ key: row.storage_key })).toBeNull();
    expect(await dataSource.query('SELECT id FROM uploads WHERE id = $1', [fresh.id])).toHaveLength(
      1,
    );
    expect((await alice.fails(COMPLETE_UPLOAD, { id: abandoned.id })).code).toBe('NOT_FOUND');
  });
});
