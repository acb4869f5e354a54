// Until uploaded files have storage of their own, an avatar is a small image kept inline as a
// data: URL: the page's CSP allows data: images and it needs no request to another origin.
export const AVATAR_MAX_BYTES = 200 * 1024;

const DATA_URL = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/;

const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  png: (bytes) =>
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpeg: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  webp: (bytes) =>
    bytes.subarray(0, 4).toString('ascii') === 'RIFF' &&
    bytes.subarray(8, 12).toString('ascii') === 'WEBP',
};

/** Why an avatar data URL is unacceptable, or null when it is a real PNG, JPEG or WebP image. */
export function avatarProblem(value: string): string | null {
  const match = DATA_URL.exec(value);
  if (!match) return 'Choose a PNG, JPEG or WebP image.';
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length > AVATAR_MAX_BYTES) return 'Choose an image under 200 KB.';
  if (!SIGNATURES[match[1]!]!(bytes)) return 'That file is not the image type it claims to be.';
  return null;
}
