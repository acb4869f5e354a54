import { randomUUID } from 'node:crypto';
import {
  BlobNotFoundError,
  InvalidBlobKeyError,
  userPrefix,
  type BlobStore,
} from '../src/modules/storage/blob-store';

/** What a driver's server behind its signed URLs can be asked to prove. */
export interface BlobStoreContractOptions {
  /** It refuses tampered and expired URLs and applies the signed download name. */
  checksSignedUrls: boolean;
  /** A signed upload target can be used with a PUT. */
  acceptsSignedUploads: boolean;
}

/**
 * The behaviour every BlobStore driver shares, run against each one. `store()` is called in
 * each test, after the suite's own beforeAll has set the driver up.
 */
export function blobStoreContract(store: () => BlobStore, options: BlobStoreContractOptions): void {
  const checked = options.checksSignedUrls ? it : it.skip;
  const uploads = options.acceptsSignedUploads ? it : it.skip;
  // Keys per test, under a user of its own, so tests never see each other's objects.
  const user = () => randomUUID();
  const keyOf = (userId: string, name: string) => `${userPrefix(userId)}files/${name}`;

  it('puts, gets, heads and replaces an object', async () => {
    const key = keyOf(user(), 'hello.txt');
    await store().put({ key, body: Buffer.from('hello'), contentType: 'text/plain' });
    expect((await store().get({ key })).toString()).toBe('hello');
    expect(await store().head({ key })).toEqual({ byteSize: 5, contentType: 'text/plain' });

    await store().put({ key, body: Buffer.from('{"a":1}'), contentType: 'application/json' });
    expect((await store().get({ key })).toString()).toBe('{"a":1}');
    expect(await store().head({ key })).toEqual({ byteSize: 7, contentType: 'application/json' });
  });

  it('keeps binary bytes exactly', async () => {
    const key = keyOf(user(), 'bytes.bin');
    const body = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await store().put({ key, body, contentType: 'application/octet-stream' });
    expect((await store().get({ key })).equals(body)).toBe(true);
  });

  it('says plainly when an object is missing', async () => {
    const key = keyOf(user(), 'missing.png');
    await expect(store().get({ key })).rejects.toThrow(BlobNotFoundError);
    await expect(store().get({ key })).rejects.toMatchObject({ key });
    expect(await store().head({ key })).toBeNull();
    await expect(store().delete({ key })).resolves.toBeUndefined();
  });

  it('deletes one object', async () => {
    const key = keyOf(user(), 'gone.txt');
    await store().put({ key, body: Buffer.from('x'), contentType: 'text/plain' });
    await store().delete({ key });
    expect(await store().head({ key })).toBeNull();
    await expect(store().get({ key })).rejects.toThrow(BlobNotFoundError);
  });

  it('lists and deletes per user, leaving other users alone', async () => {
    const [alice, bob] = [user(), user()];
    const aliceKeys = [
      `${userPrefix(alice)}output/b.png`,
      `${userPrefix(alice)}output/a.png`,
      `${userPrefix(alice)}reference/deep/c.jpg`,
    ];
    const bobKey = `${userPrefix(bob)}output/a.png`;
    for (const key of [...aliceKeys, bobKey]) {
      await store().put({ key, body: Buffer.from(key), contentType: 'image/png' });
    }
    expect(await store().list({ prefix: userPrefix(alice) })).toEqual([...aliceKeys].sort());
    expect(await store().list({ prefix: `${userPrefix(alice)}output/` })).toEqual([
      `${userPrefix(alice)}output/a.png`,
      `${userPrefix(alice)}output/b.png`,
    ]);
    expect(await store().list({ prefix: `${userPrefix(alice)}ref` })).toEqual([aliceKeys[2]]);
    expect(await store().list({ prefix: userPrefix(randomUUID()) })).toEqual([]);

    expect(await store().deletePrefix({ prefix: userPrefix(alice) })).toBe(3);
    expect(await store().list({ prefix: userPrefix(alice) })).toEqual([]);
    expect(await store().head({ key: aliceKeys[0]! })).toBeNull();
    expect(await store().list({ prefix: userPrefix(bob) })).toEqual([bobKey]);
    expect((await store().get({ key: bobKey })).toString()).toBe(bobKey);
    expect(await store().deletePrefix({ prefix: userPrefix(alice) })).toBe(0);
  });

  it.each(['../escape', '/absolute', 'users//double', 'users/./dot', 'users/a b', 'users/ü', ''])(
    'refuses the key %j',
    async (key) => {
      await expect(
        store().put({ key, body: Buffer.from('x'), contentType: 'text/plain' }),
      ).rejects.toThrow(InvalidBlobKeyError);
      await expect(store().get({ key })).rejects.toThrow(InvalidBlobKeyError);
      await expect(store().signedReadUrl({ key, expiresInSeconds: 60 })).rejects.toThrow(
        InvalidBlobKeyError,
      );
    },
  );

  it('refuses to list or delete everything at once', async () => {
    await expect(store().list({ prefix: '' })).rejects.toThrow(InvalidBlobKeyError);
    await expect(store().deletePrefix({ prefix: '../' })).rejects.toThrow(InvalidBlobKeyError);
  });

  it('hands out a signed read URL that fetches the bytes', async () => {
    const key = keyOf(user(), 'picture.png');
    await store().put({ key, body: Buffer.from('not really a png'), contentType: 'image/png' });
    const url = await store().signedReadUrl({ key, expiresInSeconds: 60 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(await response.text()).toBe('not really a png');
  });

  checked('names the download when a filename is signed', async () => {
    const key = keyOf(user(), 'report.txt');
    await store().put({ key, body: Buffer.from('report'), contentType: 'text/plain' });
    const url = await store().signedReadUrl({ key, expiresInSeconds: 60, filename: 'Résumé.txt' });
    const response = await fetch(url);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="R_sum_.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9.txt`,
    );
  });

  checked('refuses a signed read URL once it expired, and a tampered one', async () => {
    const key = keyOf(user(), 'old.txt');
    await store().put({ key, body: Buffer.from('old'), contentType: 'text/plain' });
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now - 3600_000);
    const expired = await store().signedReadUrl({ key, expiresInSeconds: 60 });
    clock.mockRestore();
    expect((await fetch(expired)).status).toBe(403);

    const valid = await store().signedReadUrl({ key, expiresInSeconds: 60 });
    expect((await fetch(valid)).status).toBe(200);
    const tampered = valid.replace('old.txt', 'new.txt');
    expect((await fetch(tampered)).status).toBe(403);
  });

  uploads('takes exactly one file through a signed upload target', async () => {
    const key = keyOf(user(), 'upload');
    const body = Buffer.from('uploaded bytes');
    const target = await store().signedUploadTarget({
      key,
      contentType: 'image/png',
      byteSize: body.length,
      expiresInSeconds: 60,
    });
    expect(target.method).toBe('PUT');
    expect(target.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const response = await fetch(target.url, {
      method: target.method,
      headers: target.headers,
      body,
    });
    expect(response.ok).toBe(true);
    expect((await store().get({ key })).equals(body)).toBe(true);
    expect(await store().head({ key })).toEqual({
      byteSize: body.length,
      contentType: 'image/png',
    });
  });
}
