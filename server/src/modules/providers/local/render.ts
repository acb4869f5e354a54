import sharp from 'sharp';
import { sceneSvg, type Scene } from './drawing';

/** Previews are at most this many pixels on their long side. */
export const PREVIEW_LONG_SIDE = 64;
export const VIDEO_FPS = 8;

/** The finished still, as an opaque PNG at exactly the scene's size. */
export function renderPng(scene: Scene): Promise<Buffer> {
  return frame(scene, scene.width, scene.height).png().toBuffer();
}

/**
 * A small WebP of the picture `fraction` (0..1] of the way done: only the first part of the
 * elements, blurred less as it goes, so the image visibly forms over the steps.
 */
export function renderPreview(scene: Scene, fraction: number): Promise<Buffer> {
  const scale = PREVIEW_LONG_SIDE / Math.max(scene.width, scene.height);
  const width = Math.max(1, Math.round(scene.width * scale));
  const height = Math.max(1, Math.round(scene.height * scale));
  const shown = Math.ceil(scene.elements.length * fraction);
  const sigma = 4 * (1 - fraction);
  const image = frame(scene, width, height, { shown });
  return (sigma >= 0.3 ? image.blur(sigma) : image).webp({ quality: 60 }).toBuffer();
}

/** A looping animated WebP: `seconds` × VIDEO_FPS frames of the scene moving through one loop. */
export async function renderAnimation(scene: Scene, seconds: number): Promise<Buffer> {
  const count = seconds * VIDEO_FPS;
  const frames = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      frame(scene, scene.width, scene.height, { t: i / count })
        .raw()
        .toBuffer(),
    ),
  );
  const { width, height } = scene;
  return sharp(Buffer.concat(frames), {
    raw: { width, height: height * count, channels: 3, pageHeight: height },
  })
    .webp({ loop: 0, delay: Array.from({ length: count }, () => 1000 / VIDEO_FPS) })
    .toBuffer();
}

function frame(
  scene: Scene,
  width: number,
  height: number,
  options: { t?: number; shown?: number } = {},
): sharp.Sharp {
  const svg = sceneSvg(scene, { renderWidth: width, renderHeight: height, ...options });
  // The background covers every pixel, so dropping alpha loses nothing and keeps files smaller.
  return sharp(Buffer.from(svg)).removeAlpha();
}
