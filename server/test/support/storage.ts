import sharp from 'sharp';
import type { BrowserClient } from './browser-client';
import { freePort } from './ports';
import { startTestServer, type TestServer } from './test-server';

export { freePort };

/**
 * The real server with PUBLIC_URL set to where it listens, so the signed `/files` URLs it hands
 * out work as they are.
 */
export async function startStorageTestServer(
  env: Record<string, string> = {},
): Promise<TestServer> {
  const port = await freePort();
  return startTestServer({
    env: { PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, ...env },
  });
}

/** A PNG with a colour gradient, so every pixel differs. */
export async function pngImage(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 3] = (i * 7) % 256;
    pixels[i * 3 + 1] = (i * 13) % 256;
    pixels[i * 3 + 2] = (i * 29) % 256;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/**
 * A JPEG as a phone takes it: sideways (EXIF orientation 6, so it shows `height`×`width`), with
 * the camera and the GPS position in its EXIF.
 */
export async function phoneJpeg(width: number, height: number): Promise<Buffer> {
  return sharp(await pngImage(width, height))
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Secret Model 9', Orientation: '6' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 2683/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3952/100',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) {
  createUpload(input: $input) { id url method headers { name value } expiresAt maxBytes }
}`;
export type CreateUpload = {
  createUpload: {
    id: string;
    url: string;
    method: string;
    headers: Array<{ name: string; value: string }>;
    expiresAt: string;
    maxBytes: number;
  };
};

const ASSET_FIELDS =
  'id kind contentType byteSize width height durationSeconds sha256 createdAt url thumbnailUrl';
export const COMPLETE_UPLOAD = `mutation ($id: ID!) { completeUpload(id: $id) { ${ASSET_FIELDS} } }`;
export const ASSET = `query ($id: ID!) { asset(id: $id) { ${ASSET_FIELDS} } }`;
export const ASSETS = `query ($first: Int!, $after: String) {
  assets(kind: REFERENCE, first: $first, after: $after) {
    edges { cursor node { ${ASSET_FIELDS} } } pageInfo { hasNextPage endCursor }
  }
}`;

/** The fields of Asset the tests ask for. */
export interface AssetFields {
  id: string;
  kind: string;
  contentType: string;
  byteSize: number;
  width: number;
  height: number;
  durationSeconds: number | null;
  sha256: string;
  createdAt: string;
  url: string;
  thumbnailUrl: string | null;
}

/** Sends bytes as the ticket says. */
export function sendUpload(ticket: CreateUpload['createUpload'], body: Buffer) {
  return fetch(ticket.url, {
    method: ticket.method,
    headers: Object.fromEntries(ticket.headers.map((header) => [header.name, header.value])),
    body,
  });
}

/** The whole upload: ticket, PUT, completion. */
export async function uploadImage(
  browser: BrowserClient,
  body: Buffer,
  file: { filename?: string; contentType?: string } = {},
): Promise<AssetFields> {
  const { createUpload: ticket } = await browser.ok<CreateUpload>(CREATE_UPLOAD, {
    input: {
      filename: file.filename ?? 'picture.png',
      contentType: file.contentType ?? 'image/png',
      byteSize: body.length,
    },
  });
  const sent = await sendUpload(ticket, body);
  if (!sent.ok) throw new Error(`upload PUT failed: ${sent.status} ${await sent.text()}`);
  return (await browser.ok<{ completeUpload: AssetFields }>(COMPLETE_UPLOAD, { id: ticket.id }))
    .completeUpload;
}
