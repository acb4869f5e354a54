import { createHmac, hkdfSync } from 'node:crypto';
import { constantTimeEqual } from '../security/tokens';

/** What a signed `/files/...` URL allows: reading the object, or one upload of it. */
export type FileUrlPurpose = 'get' | 'put';

/** Everything a signature covers; a change to any of it makes the URL invalid. */
export interface FileGrant {
  purpose: FileUrlPurpose;
  key: string;
  /** Unix seconds. */
  expiresAt: number;
  /** Reads: the download name sent as Content-Disposition. */
  filename?: string;
  /** Uploads: the only Content-Type accepted. */
  contentType?: string;
  /** Uploads: the exact number of bytes accepted. */
  byteSize?: number;
}

/** Why a signed URL was refused. */
export type FileUrlRefusal = 'invalid' | 'expired';

/** Signs and checks the local driver's `/files/...` URLs. */
export interface FileUrlSigner {
  /** The absolute URL for a grant, under `base` (PUBLIC_URL). */
  url(base: URL, grant: FileGrant): string;
  /** The grant a request's key and query prove, or why they prove none. */
  verify(
    key: string,
    query: Record<string, unknown>,
    nowSeconds?: number,
  ): FileGrant | FileUrlRefusal;
}

const VERSION = 'v1';

/** The path of a key under `/files/`, each segment escaped (keys are URL-safe already). */
export const filesPath = (key: string) =>
  `/files/${key.split('/').map(encodeURIComponent).join('/')}`;

/**
 * HMAC-SHA256 over every field of the grant, with a key derived from the app secret for this
 * purpose only (HKDF), so no other signature the app makes can be replayed as a file URL.
 */
export function createFileUrlSigner(appSecret: string): FileUrlSigner {
  const secret = Buffer.from(hkdfSync('sha256', appSecret, 'aiofm', 'aiofm:file-urls', 32));
  const sign = (grant: FileGrant) =>
    createHmac('sha256', secret)
      .update(
        [
          VERSION,
          grant.purpose,
          grant.key,
          String(grant.expiresAt),
          grant.filename ?? '',
          grant.contentType ?? '',
          grant.byteSize === undefined ? '' : String(grant.byteSize),
        ].join('\n'),
      )
      .digest('base64url');

  return {
    url(base, grant) {
      const url = new URL(filesPath(grant.key), base);
      url.searchParams.set('p', grant.purpose);
      url.searchParams.set('e', String(grant.expiresAt));
      if (grant.filename !== undefined) url.searchParams.set('fn', grant.filename);
      if (grant.contentType !== undefined) url.searchParams.set('ct', grant.contentType);
      if (grant.byteSize !== undefined) url.searchParams.set('n', String(grant.byteSize));
      url.searchParams.set('s', sign(grant));
      return url.toString();
    },

    verify(key, query, nowSeconds = Math.floor(Date.now() / 1000)) {
      const text = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
      const purpose = text('p');
      const expires = text('e');
      const signature = text('s');
      const size = text('n');
      if (
        (purpose !== 'get' && purpose !== 'put') ||
        !signature ||
        !/^\d{1,12}$/.test(expires ?? '')
      ) {
        return 'invalid';
      }
      if (size !== undefined && !/^\d{1,12}$/.test(size)) return 'invalid';
      const grant: FileGrant = {
        purpose,
        key,
        expiresAt: Number(expires),
        filename: text('fn'),
        contentType: text('ct'),
        byteSize: size === undefined ? undefined : Number(size),
      };
      if (!constantTimeEqual(sign(grant), signature)) return 'invalid';
      // Checked after the signature, so an expiry is only reported for a URL we really issued.
      return grant.expiresAt <= nowSeconds ? 'expired' : grant;
    },
  };
}
