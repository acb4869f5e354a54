import { hex, makePalette, shade, type Palette, type Rgb } from './palette';
import { between, integer, pick, shuffled, type Random } from './random';

export const STYLES = ['geometric', 'waves', 'noise'] as const;
export type Style = (typeof STYLES)[number];

/** One drawable thing; `t` in [0, 1) is the position in a looping clip (0 for still images). */
type Element = (t: number) => string;

/** A picture as SVG parts in the request's own pixel space, drawable at any size or moment. */
export interface Scene {
  width: number;
  height: number;
  background: [string, string];
  gradientAngle: number;
  elements: Element[];
}

const TAU = Math.PI * 2;
/** Short, stable numbers keep the SVG small and the output byte-identical. */
const n = (value: number) => String(Math.round(value * 100) / 100);

/** Chooses palette and geometry from `random` alone, so the same sequence draws the same scene. */
export function buildScene(params: {
  random: Random;
  tint: Rgb | null;
  style: Style;
  width: number;
  height: number;
}): Scene {
  const { random, width, height } = params;
  const palette = makePalette(random, params.tint);
  const draw = { geometric, waves, noise }[params.style];
  return {
    width,
    height,
    background: [hex(palette.background[0]), hex(palette.background[1])],
    gradientAngle: Math.round(between(random, 0, 360)),
    elements: draw(random, palette, width, height),
  };
}

/** The scene as an SVG document rendered at `renderWidth`×`renderHeight`; no text, so no fonts. */
export function sceneSvg(
  scene: Scene,
  options: { renderWidth: number; renderHeight: number; t?: number; shown?: number },
): string {
  const { width, height, background } = scene;
  const t = options.t ?? 0;
  const shown = scene.elements.slice(0, options.shown ?? scene.elements.length);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${options.renderWidth}" height="${options.renderHeight}"`,
    ` viewBox="0 0 ${width} ${height}" preserveAspectRatio="none">`,
    `<defs><linearGradient id="bg" gradientTransform="rotate(${scene.gradientAngle} 0.5 0.5)">`,
    `<stop offset="0" stop-color="${background[0]}"/><stop offset="1" stop-color="${background[1]}"/>`,
    `</linearGradient></defs><rect width="${width}" height="${height}" fill="url(#bg)"/>`,
    ...shown.map((element) => element(t)),
    '</svg>',
  ].join('');
}

/** Circles, squares, triangles, rings and bars drifting on closed loops and turning. */
function geometric(random: Random, palette: Palette, width: number, height: number): Element[] {
  const side = Math.min(width, height);
  return Array.from({ length: integer(random, 10, 18) }, () => {
    const kind = pick(random, ['circle', 'square', 'triangle', 'ring', 'bar'] as const);
    const fill = hex(pick(random, palette.colours));
    const opacity = n(between(random, 0.55, 0.95));
    const size = between(random, 0.06, 0.35) * side;
    const [x, y] = [between(random, -0.05, 1.05) * width, between(random, -0.05, 1.05) * height];
    const [ax, ay] = [between(random, 0.02, 0.08) * width, between(random, 0.02, 0.08) * height];
    const [phase, loops, turn] = [random(), pick(random, [1, 1, 2]), pick(random, [-1, 0, 0, 1])];
    const angle = between(random, 0, 360);
    const shape = {
      circle: `<circle r="${n(size)}" fill="${fill}" fill-opacity="${opacity}"/>`,
      square: `<rect x="${n(-size)}" y="${n(-size)}" width="${n(2 * size)}" height="${n(2 * size)}" rx="${n(size * 0.15)}" fill="${fill}" fill-opacity="${opacity}"/>`,
      triangle: `<polygon points="0,${n(-size)} ${n(size * 0.87)},${n(size / 2)} ${n(-size * 0.87)},${n(size / 2)}" fill="${fill}" fill-opacity="${opacity}"/>`,
      ring: `<circle r="${n(size)}" fill="none" stroke="${fill}" stroke-width="${n(size * 0.25)}" stroke-opacity="${opacity}"/>`,
      bar: `<rect x="${n(-1.5 * size)}" y="${n(-0.1 * size)}" width="${n(3 * size)}" height="${n(0.2 * size)}" fill="${fill}" fill-opacity="${opacity}"/>`,
    }[kind];
    return (t) => {
      const a = TAU * (loops * t + phase);
      const position = `${n(x + ax * Math.sin(a))} ${n(y + ay * Math.cos(a))}`;
      return `<g transform="translate(${position}) rotate(${n(angle + 360 * turn * t)})">${shape}</g>`;
    };
  });
}

/** One or two discs behind layered bands of waves that roll sideways. */
function waves(random: Random, palette: Palette, width: number, height: number): Element[] {
  const discs: Element[] = Array.from({ length: integer(random, 1, 2) }, () => {
    const [x, y] = [between(random, 0.1, 0.9) * width, between(random, 0.05, 0.5) * height];
    const r = between(random, 0.08, 0.22) * Math.min(width, height);
    const fill = hex(shade(pick(random, palette.colours), 0.3));
    return () => `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${fill}"/>`;
  });
  const bands = integer(random, 4, 7);
  const layers: Element[] = Array.from({ length: bands }, (_, i) => {
    const base = height * (0.2 + (0.75 * i) / bands + between(random, -0.04, 0.04));
    const amplitude = between(random, 0.03, 0.12) * height;
    const [frequency, phase, phase2] = [between(random, 0.5, 2.5), random(), random()];
    const loops = pick(random, [1, -1]);
    const fill = hex(palette.colours[i % palette.colours.length]!);
    const opacity = n(between(random, 0.7, 0.95));
    return (t) => {
      const points: string[] = [];
      for (let j = 0; j <= 48; j++) {
        const u = j / 48;
        const y =
          base +
          amplitude * Math.sin(TAU * (frequency * u + phase + loops * t)) +
          amplitude * 0.35 * Math.sin(TAU * (2.3 * frequency * u + phase2 - loops * t));
        points.push(`${n(u * width)} ${n(y)}`);
      }
      const d = `M0 ${height}L${points.join('L')}L${width} ${height}Z`;
      return `<path d="${d}" fill="${fill}" fill-opacity="${opacity}"/>`;
    };
  });
  return [...discs, ...layers];
}

/** A mosaic of cells in palette shades, appearing in random order and pulsing in a clip. */
function noise(random: Random, palette: Palette, width: number, height: number): Element[] {
  const columns = integer(random, 8, 20);
  const rows = Math.max(1, Math.round((columns * height) / width));
  const [cellWidth, cellHeight] = [width / columns, height / rows];
  const cells = Array.from({ length: columns * rows }, (_, i): Element => {
    const [x, y] = [(i % columns) * cellWidth, Math.floor(i / columns) * cellHeight];
    const fill = hex(shade(pick(random, palette.colours), between(random, -0.3, 0.3)));
    const [opacity, phase] = [between(random, 0.5, 1), random()];
    // Cells overlap by half a pixel so no background seams show between them.
    const rect = `x="${n(x)}" y="${n(y)}" width="${n(cellWidth + 0.5)}" height="${n(cellHeight + 0.5)}" fill="${fill}"`;
    return (t) =>
      `<rect ${rect} fill-opacity="${n(opacity * (0.7 + 0.3 * Math.cos(TAU * (t + phase))))}"/>`;
  });
  return shuffled(random, cells);
}
