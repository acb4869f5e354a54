import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { AssetKind } from '../src/modules/storage/asset.entity';
import type { AssetService } from '../src/modules/storage/asset.service';
import type { BlobStore } from '../src/modules/storage/blob-store';
import { pngImage, startStorageTestServer } from './support/storage';
import type { TestServer } from './support/test-server';

/** A three-frame animation (0.1 s, 0.2 s, 0.3 s) of 40×30 pixels. */
async function animation(format: 'webp' | 'gif'): Promise<Buffer> {
  const [width, height, frames] = [40, 30, 3];
  // Frames of different colours: identical ones would be merged into one.
  const pixels = Buffer.alloc(width * height * frames * 4, 255);
  for (let i = 0; i < width * height * frames; i++)
    pixels[i * 4] = Math.floor(i / (width * height)) * 100;
  const image = sharp(pixels, {
    raw: { width, height: height * frames, channels: 4, pageHeight: height },
  });
  return format === 'webp'
    ? image.webp({ loop: 0, delay: [100, 200, 300] }).toBuffer()
    : image.gif({ delay: [100, 200, 300] }).toBuffer();
}

/** The first bytes of an MP4 file: enough for the container to be recognised. */
const mp4Header = () =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.alloc(12),
    Buffer.from('moov-and-the-rest', 'latin1'),
  ]);

const rowCount = async (server: TestServer, userId: string) =>
  (
    (await server.runtime.dataSource.query(
      'SELECT count(*)::int AS count FROM assets WHERE owner_id = $1',
      [userId],
    )) as [{ count: number }]
  )[0].count;

describe('asset service', () => {
  let server: TestServer;
  let assets: AssetService;
  let blobs: BlobStore;

  beforeAll(async () => {
    server = await startStorageTestServer();
    ({ assets, blobs } = server.runtime.services);
  });
  afterAll(() => server.stop());

  it('stores a still image with a linked thumbnail, and reads it back', async () => {
    const userId = randomUUID();
    const asset = await assets.storeImage({
      userId,
      kind: AssetKind.OUTPUT,
      data: await sharp(await pngImage(600, 300))
        .webp()
        .toBuffer(),
    });
    expect(asset).toMatchObject({
      ownerId: userId,
      kind: AssetKind.OUTPUT,
      contentType: 'image/webp',
      width: 600,
      height: 300,
      storageKey: `users/${userId}/output/${asset.id}.webp`,
    });
    expect(asset.createdAt).toBeInstanceOf(Date);
    const thumbnail = await assets.get(userId, asset.thumbnailAssetId!);
    expect(thumbnail).toMatchObject({ kind: AssetKind.THUMBNAIL, width: 256, height: 128 });
    expect(thumbnail.thumbnailAssetId).toBeNull();
    const bytes = await assets.readBytes(userId, asset.id);
    expect(bytes.length).toBe(asset.byteSize);
  });

  it('refuses animations and non-images as images', async () => {
    const userId = randomUUID();
    for (const data of [await animation('webp'), await animation('gif'), Buffer.from('text')]) {
      await expect(
        assets.storeImage({ userId, kind: AssetKind.REFERENCE, data }),
      ).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE' });
    }
    expect(await rowCount(server, userId)).toBe(0);
    expect(await blobs.list({ prefix: `users/${userId}/` })).toEqual([]);
  });

  it('stores generated clips as they came, with size and length read from animations', async () => {
    const userId = randomUUID();
    const webp = await animation('webp');
    const clip = await assets.storeVideo({ userId, kind: AssetKind.OUTPUT, data: webp });
    expect(clip).toMatchObject({
      contentType: 'image/webp',
      width: 40,
      height: 30,
      durationSeconds: 0.6,
      byteSize: webp.length,
    });
    expect((await assets.readBytes(userId, clip.id)).equals(webp)).toBe(true);
    expect(clip.thumbnailAssetId).not.toBeNull();

    const gif = await assets.storeGenerated({
      userId,
      kind: 'OUTPUT',
      data: await animation('gif'),
    });
    expect(gif).toMatchObject({ contentType: 'image/gif', durationSeconds: 0.6, width: 40 });
    const still = await assets.storeGenerated({
      userId,
      kind: 'PREVIEW',
      data: await pngImage(8, 8),
    });
    expect(still).toMatchObject({
      kind: AssetKind.PREVIEW,
      contentType: 'image/png',
      durationSeconds: null,
    });
  });

  it('stores an MP4 with the size and length the caller knows, and a poster as its thumbnail', async () => {
    const userId = randomUUID();
    await expect(
      assets.storeVideo({ userId, kind: AssetKind.OUTPUT, data: mp4Header() }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_VIDEO',
      message: expect.stringMatching(/width and height/),
    });
    await expect(
      assets.storeVideo({
        userId,
        kind: AssetKind.OUTPUT,
        data: Buffer.from('plain text'),
        width: 1,
        height: 1,
      }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_VIDEO' });

    const video = await assets.storeGenerated({
      userId,
      kind: 'OUTPUT',
      data: mp4Header(),
      width: 1280,
      height: 720,
      durationSeconds: 5,
      poster: await pngImage(1280, 720),
    });
    expect(video).toMatchObject({
      contentType: 'video/mp4',
      width: 1280,
      height: 720,
      durationSeconds: 5,
      storageKey: `users/${userId}/output/${video.id}.mp4`,
    });
    const thumbnail = await assets.get(userId, video.thumbnailAssetId!);
    expect(thumbnail).toMatchObject({ width: 256, height: 144 });

    const bare = await assets.storeVideo({
      userId,
      kind: AssetKind.OUTPUT,
      data: mp4Header(),
      width: 640,
      height: 360,
    });
    expect(bare.thumbnailAssetId).toBeNull();
  });

  it('finds only my assets, in the order asked, for validating references', async () => {
    const [me, other] = [randomUUID(), randomUUID()];
    const a = await assets.storeImage({
      userId: me,
      kind: AssetKind.REFERENCE,
      data: await pngImage(4, 4),
    });
    const b = await assets.storeImage({
      userId: me,
      kind: AssetKind.REFERENCE,
      data: await pngImage(5, 5),
    });
    const theirs = await assets.storeImage({
      userId: other,
      kind: AssetKind.REFERENCE,
      data: await pngImage(6, 6),
    });
    const clip = await assets.storeVideo({
      userId: me,
      kind: AssetKind.OUTPUT,
      data: await animation('gif'),
    });

    expect((await assets.getOwned(me, [b.id, a.id, b.id])).map((asset) => asset.id)).toEqual([
      b.id,
      a.id,
    ]);
    expect(await assets.getOwned(me, [])).toEqual([]);
    await expect(assets.getOwned(me, [a.id, theirs.id])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(assets.getOwned(me, [a.id, 'nope'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(assets.get(me, theirs.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(assets.readBytes(me, theirs.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await expect(
      assets.assertOwnedImages({ userId: me, assetIds: [a.id, b.id] }),
    ).resolves.toBeUndefined();
    await expect(
      assets.assertOwnedImages({ userId: me, assetIds: [a.id, clip.id] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const [reference] = await assets.references({
      userId: me,
      assetIds: [a.id],
      expiresInSeconds: 120,
    });
    expect(reference).toMatchObject({ contentType: 'image/png', asset: { id: a.id } });
    const fetched = Buffer.from(await (await fetch(reference!.url)).arrayBuffer());
    expect(fetched.equals(await reference!.bytes())).toBe(true);
  });

  it('deletes an asset with its thumbnail, rows and blobs, and only my own', async () => {
    const [me, other] = [randomUUID(), randomUUID()];
    const asset = await assets.storeImage({
      userId: me,
      kind: AssetKind.REFERENCE,
      data: await pngImage(9, 9),
    });
    await expect(assets.delete(other, asset.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await blobs.list({ prefix: `users/${me}/` })).toHaveLength(2);
    await assets.delete(me, asset.id);
    expect(await rowCount(server, me)).toBe(0);
    expect(await blobs.list({ prefix: `users/${me}/` })).toEqual([]);
    await expect(assets.delete(me, asset.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const one = await assets.storeImage({
      userId: me,
      kind: AssetKind.OUTPUT,
      data: await pngImage(3, 3),
    });
    const two = await assets.storeImage({
      userId: me,
      kind: AssetKind.OUTPUT,
      data: await pngImage(3, 4),
    });
    await assets.deleteMany({ userId: me, assetIds: [one.id, two.id, asset.id, 'junk'] });
    expect(await rowCount(server, me)).toBe(0);
    expect(await blobs.list({ prefix: `users/${me}/` })).toEqual([]);
  });

  it('deletes everything a user has in storage, for account deletion', async () => {
    const [me, other] = [randomUUID(), randomUUID()];
    await assets.storeImage({ userId: me, kind: AssetKind.AVATAR, data: await pngImage(7, 7) });
    await assets.storeVideo({ userId: me, kind: AssetKind.OUTPUT, data: await animation('webp') });
    await blobs.put({
      key: `users/${me}/uploads/raw`,
      body: Buffer.from('x'),
      contentType: 'image/png',
    });
    const kept = await assets.storeImage({
      userId: other,
      kind: AssetKind.AVATAR,
      data: await pngImage(7, 7),
    });

    expect(await assets.deleteAllOf(me)).toEqual({ assets: 4, objects: 5 });
    expect(await rowCount(server, me)).toBe(0);
    expect(await blobs.list({ prefix: `users/${me}/` })).toEqual([]);
    expect((await assets.get(other, kept.id)).id).toBe(kept.id);
    expect(await blobs.list({ prefix: `users/${other}/` })).toHaveLength(2);
  });
});
