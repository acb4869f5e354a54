import { createHash } from 'node:crypto';
import type { BlobStore } from '../src/modules/storage/blob-store';
import { startStorageTestServer } from './support/storage';
import type { TestServer } from './support/test-server';

describe('/files: local blobs through signed URLs over HTTP', () => {
  let server: TestServer;
  let blobs: BlobStore;
  const key = 'users/00000000-0000-4000-8000-000000000001/output/sample.txt';
  const body = Buffer.from('0123456789abcdefghij');

  beforeAll(async () => {
    server = await startStorageTestServer();
    blobs = server.runtime.services.blobs;
    await blobs.put({ key, body, contentType: 'text/plain' });
  });
  afterAll(() => server.stop());

  const signed = (options: { filename?: string; seconds?: number } = {}) =>
    blobs.signedReadUrl({
      key,
      expiresInSeconds: options.seconds ?? 600,
      filename: options.filename,
    });

  it('serves the object with its type, a strong ETag, private caching until expiry and nosniff', async () => {
    const url = await signed();
    expect(url.startsWith(`${server.config.publicUrl.origin}/files/${key}?`)).toBe(true);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('etag')).toBe(
      `"${createHash('sha256').update(body).digest('hex')}"`,
    );
    const maxAge = Number(
      /^private, max-age=(\d+)$/.exec(response.headers.get('cache-control')!)?.[1],
    );
    expect(maxAge).toBeGreaterThan(590);
    expect(maxAge).toBeLessThanOrEqual(600);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
  });

  it('sends the bytes as stored, never compressed', async () => {
    const big = Buffer.from('compressible text '.repeat(500));
    const bigKey = 'users/00000000-0000-4000-8000-000000000001/output/big.txt';
    await blobs.put({ key: bigKey, body: big, contentType: 'text/plain' });
    const response = await fetch(await blobs.signedReadUrl({ key: bigKey, expiresInSeconds: 60 }), {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBe(String(big.length));
  });

  it('answers HEAD with the headers only', async () => {
    const response = await fetch(await signed(), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(await response.text()).toBe('');
  });

  it('serves byte ranges, and says 416 for one past the end', async () => {
    const url = await signed();
    const middle = await fetch(url, { headers: { range: 'bytes=2-5' } });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 2-5/${body.length}`);
    expect(middle.headers.get('content-length')).toBe('4');
    expect(await middle.text()).toBe('2345');

    const tail = await fetch(url, { headers: { range: 'bytes=-3' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes 17-19/${body.length}`);
    expect(await tail.text()).toBe('hij');

    const open = await fetch(url, { headers: { range: 'bytes=15-' } });
    expect(await open.text()).toBe('fghij');

    const past = await fetch(url, { headers: { range: 'bytes=20-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${body.length}`);

    // A range of another version (If-Range with an old ETag) gets the whole current body.
    const stale = await fetch(url, { headers: { range: 'bytes=0-1', 'if-range': '"old"' } });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(body.length);
  });

  it('answers a matching If-None-Match with 304', async () => {
    const url = await signed();
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    const again = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const changed = await fetch(url, { headers: { 'if-none-match': '"something-else"' } });
    expect(changed.status).toBe(200);
  });

  it('names the download when a filename was signed', async () => {
    const response = await fetch(await signed({ filename: 'My render.txt' }));
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="My render.txt"; filename*=UTF-8''My%20render.txt`,
    );
  });

  it('refuses tampered, unsigned, expired and misused URLs with 403 and a plain message', async () => {
    const url = new URL(await signed({ filename: 'a.txt' }));
    const refused = async (target: string | URL, init?: RequestInit) => {
      const response = await fetch(target, init);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      return response.text();
    };

    const tamperedSignature = new URL(url);
    const signature = url.searchParams.get('s')!;
    tamperedSignature.searchParams.set(
      's',
      `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`,
    );
    expect(await refused(tamperedSignature)).toBe('This link is not valid.');

    const longerLife = new URL(url);
    longerLife.searchParams.set('e', String(Number(url.searchParams.get('e')) + 3600));
    expect(await refused(longerLife)).toBe('This link is not valid.');

    const otherName = new URL(url);
    otherName.searchParams.set('fn', 'b.txt');
    await refused(otherName);

    const otherKey = new URL(url);
    otherKey.pathname = otherKey.pathname.replace('sample', 'other');
    await refused(otherKey);

    await refused(`${server.url}/files/${key}`);

    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now - 7200_000);
    const expired = await signed({ seconds: 60 });
    clock.mockRestore();
    expect(await refused(expired)).toBe(
      'This link has expired. Reload the page to get a fresh one.',
    );

    // A read URL does not allow writing, nor an upload URL reading.
    await refused(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'x' });
    const upload = await blobs.signedUploadTarget({
      key,
      contentType: 'text/plain',
      byteSize: 3,
      expiresInSeconds: 60,
    });
    await refused(upload.url);
    expect((await blobs.get({ key })).equals(body)).toBe(true);
  });

  it('says 404 for a signed URL of an object that is gone', async () => {
    const goneKey = 'users/00000000-0000-4000-8000-000000000001/output/gone.txt';
    const url = await blobs.signedReadUrl({ key: goneKey, expiresInSeconds: 60 });
    expect((await fetch(url)).status).toBe(404);
  });

  describe('signed uploads', () => {
    const target = (byteSize: number, uploadKey: string) =>
      blobs.signedUploadTarget({
        key: uploadKey,
        contentType: 'image/png',
        byteSize,
        expiresInSeconds: 60,
      });
    const uploadKey = (name: string) =>
      `users/00000000-0000-4000-8000-000000000002/uploads/${name}`;

    it('takes exactly the signed type and size', async () => {
      const put = await target(5, uploadKey('ok'));
      expect(put.headers).toEqual({ 'content-type': 'image/png' });
      const wrongType = await fetch(put.url, {
        method: 'PUT',
        headers: { 'content-type': 'image/jpeg' },
        body: '12345',
      });
      expect(wrongType.status).toBe(403);
      expect(await wrongType.text()).toMatch(/Content-Type: image\/png/);
      const ok = await fetch(put.url, { method: 'PUT', headers: put.headers, body: '12345' });
      expect(ok.status).toBe(204);
      expect((await blobs.get({ key: uploadKey('ok') })).toString()).toBe('12345');
    });

    it('refuses a body larger than signed with 413, and stores nothing', async () => {
      const put = await target(4, uploadKey('big'));
      const response = await fetch(put.url, { method: 'PUT', headers: put.headers, body: '12345' });
      expect(response.status).toBe(413);
      expect(await response.text()).toBe(
        'The file is larger than the 4 bytes this upload was signed for.',
      );
      expect(await blobs.head({ key: uploadKey('big') })).toBeNull();
    });

    it('stops a streamed body as soon as it passes the signed size', async () => {
      const put = await target(64 * 1024, uploadKey('stream'));
      const chunk = Buffer.alloc(64 * 1024, 1);
      const chunks = 1024;
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // 64 MB, far more than allowed: the server must refuse it without reading it all.
          if (sent >= chunks) return controller.close();
          sent++;
          controller.enqueue(chunk);
        },
      });
      const response = await fetch(put.url, {
        method: 'PUT',
        headers: put.headers,
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(sent).toBeLessThan(chunks);
      expect(await blobs.head({ key: uploadKey('stream') })).toBeNull();
    });

    it('refuses a body shorter than signed', async () => {
      const put = await target(10, uploadKey('short'));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(Buffer.from('12345'));
          controller.close();
        },
      });
      const response = await fetch(put.url, {
        method: 'PUT',
        headers: put.headers,
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(400);
      expect(await blobs.head({ key: uploadKey('short') })).toBeNull();
    });
  });

  it("lets pages of the site's origin show and upload files (CSP), and answers a preflight", async () => {
    const page = await fetch(`${server.url}/healthz`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/img-src 'self' data: blob:/);
    expect(csp).toMatch(/connect-src 'self' ws:/);

    const origin = server.config.publicUrl.origin;
    const preflight = await fetch(await signed(), {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/PUT/);

    const stranger = await fetch(await signed(), { headers: { origin: 'https://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});
