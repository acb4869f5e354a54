import sharp from 'sharp';
import { between, pick, type Random } from './random';

export type Rgb = [number, number, number];

export interface Palette {
  /** The two ends of the background gradient. */
  background: [Rgb, Rgb];
  colours: Rgb[];
}

// Hue offsets of classic colour schemes: analogous, complementary, triadic, split-complementary.
const SCHEMES = [
  [0, 25, -25, 50, -50],
  [0, 180, 20, 200, -20],
  [0, 120, 240, 30, 150],
  [0, 150, 210, 20, 330],
];

/**
 * Five colours and a background around a random base hue. A tint (the references' average
 * colour) pulls everything towards it, the background most, so a reference shows at a glance.
 */
export function makePalette(random: Random, tint: Rgb | null): Palette {
  const hue = between(random, 0, 360);
  const scheme = pick(random, SCHEMES);
  const colours = scheme.map((offset) =>
    hsl(hue + offset + between(random, -8, 8), between(random, 50, 90), between(random, 35, 70)),
  );
  const dark = random() < 0.7;
  const light = (low: number, high: number) =>
    dark ? between(random, low, high) : 100 - between(random, low, high);
  const background: [Rgb, Rgb] = [
    hsl(hue + between(random, -40, 40), between(random, 30, 60), light(6, 22)),
    hsl(hue + pick(random, scheme), between(random, 30, 70), light(18, 40)),
  ];
  if (!tint) return { background, colours };
  return {
    background: [mix(background[0], tint, 0.7), mix(background[1], tint, 0.7)],
    colours: colours.map((colour) => mix(colour, tint, 0.5)),
  };
}

/** `amount` 0 keeps `a`, 1 gives `b`. */
export function mix(a: Rgb, b: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * amount) as Rgb;
}

/** Lighter (towards white) for positive amounts, darker for negative ones. */
export function shade(colour: Rgb, amount: number): Rgb {
  return mix(colour, amount >= 0 ? [255, 255, 255] : [0, 0, 0], Math.abs(amount));
}

export function hex(colour: Rgb): string {
  return `#${colour
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

export function averageOf(colours: Rgb[]): Rgb {
  const sum = colours.reduce<Rgb>(
    (acc, c) => [acc[0] + c[0], acc[1] + c[1], acc[2] + c[2]],
    [0, 0, 0],
  );
  return sum.map((c) => c / colours.length) as Rgb;
}

/** An image's mean colour; transparency counts as white. Throws when the bytes are no image. */
export async function averageColour(bytes: Buffer): Promise<Rgb> {
  const { data, info } = await sharp(bytes)
    .flatten({ background: '#ffffff' })
    .resize(32, 32, { fit: 'fill' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const step = info.channels;
  const at = (c: number) => Math.min(c, step - 1);
  let [r, g, b] = [0, 0, 0];
  for (let i = 0; i < data.length; i += step) {
    r += data[i + at(0)]!;
    g += data[i + at(1)]!;
    b += data[i + at(2)]!;
  }
  const pixels = data.length / step;
  return [r / pixels, g / pixels, b / pixels];
}

function hsl(hue: number, saturation: number, lightness: number): Rgb {
  const h = (((hue % 360) + 360) % 360) / 60;
  const s = saturation / 100;
  const l = lightness / 100;
  const chroma = (1 - Math.abs(2 * l - 1)) * s;
  const x = chroma * (1 - Math.abs((h % 2) - 1));
  const m = l - chroma / 2;
  const [r, g, b] =
    h < 1
      ? [chroma, x, 0]
      : h < 2
        ? [x, chroma, 0]
        : h < 3
          ? [0, chroma, x]
          : h < 4
            ? [0, x, chroma]
            : h < 5
              ? [x, 0, chroma]
              : [chroma, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}
