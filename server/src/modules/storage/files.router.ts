import { createReadStream } from 'node:fs';
import { Router, type Request, type Response } from 'express';
import type { Logger } from '../../logger';
import { attachmentDisposition } from './content-disposition';
import type { FileGrant, FileUrlPurpose } from './file-url-signer';
import { matchesIfNoneMatch, parseRange } from './http-range';
import { UploadSizeError, type LocalBlobStore } from './local-blob-store';

const REFUSALS = {
  invalid: 'This link is not valid.',
  expired: 'This link has expired. Reload the page to get a fresh one.',
} as const;

const plain = (res: Response, status: number, message: string) =>
  res.status(status).type('text/plain').send(message);

const keyOf = (req: Request) => {
  const segments = (req.params as { key?: string[] }).key ?? [];
  return segments.join('/');
};

/**
 * The local driver's objects over HTTP, only through signed, expiring URLs: GET/HEAD read one
 * (ranges, ETag revalidation, a download name when one was signed), PUT stores the one upload a
 * URL was signed for (its type and exact size). GCS serves its own signed URLs; this router
 * exists only with the local driver.
 */
export function createFilesRouter(params: {
  store: LocalBlobStore;
  /** Origins whose pages may PUT and fetch cross-origin (the Vite dev server). */
  allowedOrigins: string[];
  logger: Logger;
}): Router {
  const { store } = params;
  const router = Router();

  const granted = (req: Request, res: Response, purpose: FileUrlPurpose): FileGrant | null => {
    const grant = store.grant(keyOf(req), req.query as Record<string, unknown>);
    if (typeof grant === 'string') {
      plain(res, 403, REFUSALS[grant]);
      return null;
    }
    if (grant.purpose !== purpose) {
      plain(res, 403, REFUSALS.invalid);
      return null;
    }
    return grant;
  };

  router.use('/files', (req, res, next) => {
    // A signed URL is the capability, so letting the dev server's page use it adds no access.
    const origin = req.get('origin');
    if (origin && params.allowedOrigins.includes(origin)) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Expose-Headers', 'Content-Length, Content-Range, ETag');
      res.vary('Origin');
      if (req.method === 'OPTIONS') {
        res.set('Access-Control-Allow-Methods', 'GET, HEAD, PUT');
        res.set('Access-Control-Allow-Headers', 'Content-Type, Range, If-None-Match');
        res.set('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    // Images on a page of another port of this host (the dev server) are same-site.
    res.set('Cross-Origin-Resource-Policy', 'same-site');
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });

  router.get('/files/*key', async (req, res) => {
    const grant = granted(req, res, 'get');
    if (!grant) return;
    const object = await store.open(grant.key);
    if (!object) return void plain(res, 404, 'Not found');

    const etag = `"${object.sha256}"`;
    const maxAge = Math.max(0, grant.expiresAt - Math.floor(Date.now() / 1000));
    // setHeader, not set: Express would add a charset to the type the object was stored with.
    res.setHeader('Content-Type', object.contentType);
    res.set({
      ETag: etag,
      'Cache-Control': `private, max-age=${maxAge}`,
      'Accept-Ranges': 'bytes',
    });
    if (grant.filename) res.set('Content-Disposition', attachmentDisposition(grant.filename));
    if (matchesIfNoneMatch(req.get('if-none-match'), etag)) return void res.status(304).end();

    // A range of an older version is not asked for when If-Range names another one.
    const ifRange = req.get('if-range');
    const range =
      ifRange && ifRange !== etag ? null : parseRange(req.get('range'), object.byteSize);
    if (range === 'unsatisfiable') {
      res.set('Content-Range', `bytes */${object.byteSize}`);
      return void plain(res, 416, `The object has ${object.byteSize} bytes.`);
    }
    const { start, end } = range ?? { start: 0, end: object.byteSize - 1 };
    if (range) {
      res.status(206).set('Content-Range', `bytes ${start}-${end}/${object.byteSize}`);
    }
    res.set('Content-Length', String(Math.max(0, end - start + 1)));
    if (req.method === 'HEAD' || object.byteSize === 0) return void res.end();
    const body = createReadStream(object.file, { start, end });
    body.once('error', (error) => {
      params.logger.error({ err: error, key: grant.key }, 'could not read a stored file');
      res.destroy(error);
    });
    body.pipe(res);
  });

  router.put('/files/*key', async (req, res) => {
    const grant = granted(req, res, 'put');
    if (!grant) return;
    const { contentType = '', byteSize = 0 } = grant;
    if (req.get('content-type') !== contentType) {
      return void plain(
        res,
        403,
        `This upload link takes ${contentType}: send the file with Content-Type: ${contentType}.`,
      );
    }
    // Closing the connection after a refusal stops the rest of an oversized body.
    const tooLarge = () =>
      plain(
        res.set('Connection', 'close'),
        413,
        `The file is larger than the ${byteSize} bytes this upload was signed for.`,
      );
    const declared = req.get('content-length');
    if (declared !== undefined && Number(declared) > byteSize) return void tooLarge();
    try {
      await store.putStream({ key: grant.key, source: req, contentType, byteSize });
      res.status(204).end();
    } catch (error) {
      if (error instanceof UploadSizeError && error.reason === 'too-large') return void tooLarge();
      if (error instanceof UploadSizeError) {
        return void plain(res, 400, `The upload ended before its ${byteSize} bytes arrived.`);
      }
      if (res.headersSent || req.destroyed) return;
      params.logger.error({ err: error, key: grant.key }, 'could not store an upload');
      plain(res, 500, 'The upload could not be stored. Please try again.');
    }
  });

  return router;
}
