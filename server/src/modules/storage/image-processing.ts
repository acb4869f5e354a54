import sharp from 'sharp';
import { StorageError, unsupportedImage } from './storage.errors';

/** Encoded bytes ready to store, with what they are. */
export interface EncodedMedia {
  data: Buffer;
  contentType: string;
  /** File extension for the storage key, without the dot. */
  extension: string;
  width: number;
  height: number;
  durationSeconds: number | null;
}

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 256;

// Larger images are refused before decoding: a small file can decode to gigabytes.
const MAX_INPUT_PIXELS = 60_000_000;
const INPUT = { limitInputPixels: MAX_INPUT_PIXELS } as const;

const STILL = {
  png: { contentType: 'image/png', extension: 'png' },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  webp: { contentType: 'image/webp', extension: 'webp' },
} as const;

async function metadataOf(data: Buffer): Promise<sharp.Metadata | null> {
  try {
    return await sharp(data, INPUT).metadata();
  } catch {
    return null;
  }
}

/**
 * A still PNG, JPEG or WebP, detected from its bytes (never from a claimed type), re-encoded in
 * its own format: turned upright by its EXIF orientation, converted to sRGB, and stripped of all
 * metadata (EXIF with GPS and camera serials, XMP, ICC profiles), which sharp drops by default.
 */
export async function normaliseStill(data: Buffer): Promise<EncodedMedia> {
  const metadata = await metadataOf(data);
  const format = metadata?.format;
  if (!metadata || (format !== 'png' && format !== 'jpeg' && format !== 'webp')) {
    throw unsupportedImage();
  }
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) {
    throw new StorageError(
      'UNSUPPORTED_IMAGE',
      `Images can have at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels. Choose a smaller image.`,
    );
  }
  if ((metadata.pages ?? 1) > 1) {
    throw new StorageError(
      'UNSUPPORTED_IMAGE',
      'Animated images cannot be used here. Choose a still PNG, JPEG or WebP image.',
    );
  }
  const image = sharp(data, INPUT).autoOrient();
  const encoder =
    format === 'png'
      ? image.png()
      : format === 'jpeg'
        ? image.jpeg({ quality: 92, mozjpeg: true })
        : image.webp({ quality: 92 });
  try {
    const { data: encoded, info } = await encoder.toBuffer({ resolveWithObject: true });
    return {
      data: encoded,
      ...STILL[format],
      width: info.width,
      height: info.height,
      durationSeconds: null,
    };
  } catch {
    // The header was readable but the pixels are not (a truncated or corrupt file).
    throw unsupportedImage();
  }
}

/** A WebP of at most THUMBNAIL_SIZE on its longest side, from the first frame. */
export async function makeThumbnail(data: Buffer): Promise<EncodedMedia> {
  const { data: encoded, info } = await sharp(data, { ...INPUT, pages: 1 })
    .autoOrient()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return {
    data: encoded,
    contentType: 'image/webp',
    extension: 'webp',
    width: info.width,
    height: info.height,
    durationSeconds: null,
  };
}

/**
 * A generated clip as its bytes say: an animated GIF or WebP (size and length read from it), or
 * an MP4 or WebM container, whose size and length only the caller knows (no video decoder here).
 * Null when it is none of these.
 */
export async function inspectVideo(data: Buffer): Promise<{
  contentType: string;
  extension: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** Whether sharp can decode a frame for the thumbnail. */
  decodable: boolean;
} | null> {
  const container = videoContainer(data);
  if (container) return { ...container, decodable: false };
  const metadata = await metadataOf(data);
  const animated = (metadata?.pages ?? 1) > 1;
  if (!metadata || !(metadata.format === 'gif' || (metadata.format === 'webp' && animated))) {
    return null;
  }
  const delays = metadata.delay ?? [];
  return {
    contentType: metadata.format === 'gif' ? 'image/gif' : 'image/webp',
    extension: metadata.format,
    width: metadata.width,
    height: metadata.pageHeight ?? metadata.height,
    durationSeconds:
      delays.length > 0 ? delays.reduce((sum, delay) => sum + delay, 0) / 1000 : undefined,
    decodable: true,
  };
}

// ISO base media brands of MP4 video (HEIF images share the container, not these brands).
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'dash',
  'M4V ',
]);

function videoContainer(data: Buffer): { contentType: string; extension: string } | null {
  if (data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp') {
    return MP4_BRANDS.has(data.toString('latin1', 8, 12))
      ? { contentType: 'video/mp4', extension: 'mp4' }
      : null;
  }
  // EBML header, with the WebM doctype near the start.
  if (data.length >= 4 && data.readUInt32BE(0) === 0x1a45dfa3) {
    return data.subarray(0, 64).includes('webm')
      ? { contentType: 'video/webm', extension: 'webm' }
      : null;
  }
  return null;
}
