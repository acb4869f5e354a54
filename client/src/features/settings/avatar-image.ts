/** The largest avatar the server stores, in bytes of image data. */
export const AVATAR_MAX_BYTES = 200 * 1024;

/** Width and height of the square avatar made from a chosen picture, in pixels. */
export const AVATAR_SIZE = 256;

/** The image types the server accepts for avatars. */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** A picture that cannot become an avatar, with the reason in words. */
export class AvatarImageError extends Error {}

/** The number of bytes a base64 `data:` URL carries. */
export function dataUrlBytes(dataUrl: string): number {
  const comma = dataUrl.indexOf(',');
  const base64 = comma < 0 ? '' : dataUrl.slice(comma + 1);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** Whether `dataUrl` is an image the server accepts as it is: a small PNG, JPEG or WebP. */
export function isAcceptedAvatar(dataUrl: string): boolean {
  const match = /^data:(image\/(?:png|jpeg|webp));base64,[A-Za-z0-9+/]+={0,2}$/u.exec(dataUrl);
  return match !== null && dataUrlBytes(dataUrl) <= AVATAR_MAX_BYTES;
}

/** Why a chosen file cannot be read as a picture at all, or null. */
export function avatarFileProblem(file: Pick<File, 'type' | 'size'>): string | null {
  if (!file.type.startsWith('image/')) return 'Choose an image file: PNG, JPEG or WebP.';
  // Far larger than any photo; decoding it could exhaust the tab's memory.
  if (file.size > 40 * 1024 * 1024) return 'This image is too large. Choose one under 40 MB.';
  return null;
}

/** The centred square of a width × height picture, as source coordinates. */
export function centredSquare(width: number, height: number) {
  const side = Math.min(width, height);
  return { x: (width - side) / 2, y: (height - side) / 2, side };
}

function encode(canvas: HTMLCanvasElement): string {
  // WebP keeps transparency and stays small; browsers that cannot write it fall back to JPEG.
  for (const quality of [0.9, 0.8, 0.65, 0.5]) {
    let dataUrl = canvas.toDataURL('image/webp', quality);
    if (!dataUrl.startsWith('data:image/webp')) dataUrl = canvas.toDataURL('image/jpeg', quality);
    if (isAcceptedAvatar(dataUrl)) return dataUrl;
  }
  throw new AvatarImageError('This picture could not be made small enough. Try another one.');
}

/**
 * Turns a chosen picture into an avatar the server accepts: the centred square, scaled to at
 * most 256 × 256 pixels, as a WebP (or JPEG) data URL under 200 KB. Everything happens in the
 * browser; the picture is uploaded only when the profile is saved.
 */
export async function avatarFromFile(file: File): Promise<string> {
  const problem = avatarFileProblem(file);
  if (problem) throw new AvatarImageError(problem);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (cause) {
    throw new AvatarImageError('This file could not be read as a picture. Try another one.', {
      cause,
    });
  }
  try {
    const { x, y, side } = centredSquare(bitmap.width, bitmap.height);
    const size = Math.max(1, Math.min(AVATAR_SIZE, Math.round(side)));
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d');
    if (!context) throw new AvatarImageError('This browser cannot prepare pictures.');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, x, y, side, side, 0, 0, size, size);
    return encode(canvas);
  } finally {
    bitmap.close();
  }
}
