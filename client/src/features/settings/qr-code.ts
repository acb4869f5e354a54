import { encode } from 'uqr';

/** Modules of empty border around the code, as the QR code standard asks for. */
export const QUIET_ZONE = 4;

export interface QrPath {
  /** Width and height of the whole code in modules, quiet zone included. */
  size: number;
  /** One SVG path drawing every dark module, in module units. */
  d: string;
}

/**
 * The QR code of `text` as a single SVG path: each run of dark modules in a row becomes one
 * rectangle, which keeps the path short. Medium error correction survives a glare or a smudge
 * on the screen.
 */
export function qrPath(text: string): QrPath {
  const { data } = encode(text, { ecc: 'M', border: 0 });
  const size = data.length + QUIET_ZONE * 2;
  const parts: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`);
    }
  });
  return { size, d: parts.join('') };
}
