import type { FieldError } from './params';
import type { ModelCapabilities, PixelSize } from './provider';

export interface ResolvedSize {
  width: number;
  height: number;
  aspectRatio: string;
}

/** The long side a size is drawn at when only an aspect ratio is chosen. */
export const DEFAULT_LONG_SIDE = 1024;
/** Models that take no explicit size still get dimensions in multiples of this. */
const DEFAULT_STEP = 8;

/**
 * The pixel size of a request. With an aspect ratio (or none: the model's first), it is the
 * model's fixed size for that ratio when it declares one (`sizes`); otherwise the long side is
 * `longSide` (1024 unless given; kept within the model's size range) and the short side
 * follows, both rounded to the size step. With explicit width and height (only for models that
 * declare `size`), they are checked against the range and step, and win over any aspect ratio:
 * the returned ratio is theirs, reduced (1000×500 → 2:1). Pure; `value` is null when there are
 * errors.
 */
export function resolveSize(
  capabilities: Pick<ModelCapabilities, 'aspectRatios' | 'size' | 'sizes'>,
  request: { aspectRatio?: string | null; width?: number | null; height?: number | null },
  options: { longSide?: number } = {},
): { value: ResolvedSize | null; errors: FieldError[] } {
  const { width, height } = request;
  if (width != null || height != null) return explicitSize(capabilities, width, height);

  const offered = capabilities.aspectRatios;
  const aspectRatio = request.aspectRatio ?? offered[0] ?? '1:1';
  const ratio = parseRatio(aspectRatio);
  if (!ratio || (offered.length > 0 && !offered.includes(aspectRatio))) {
    const choices = offered.length ? offered.join(', ') : 'a ratio such as 16:9';
    const message = `aspectRatio must be one of ${choices} (got ${JSON.stringify(aspectRatio)})`;
    return { value: null, errors: [{ field: 'aspectRatio', message }] };
  }
  const fixed = capabilities.sizes?.[aspectRatio];
  if (fixed)
    return { value: { width: fixed.width, height: fixed.height, aspectRatio }, errors: [] };
  const { min, max, step } = capabilities.size ?? { min: 1, max: Infinity, step: DEFAULT_STEP };
  const lowest = Math.ceil(min / step) * step;
  const highest = Math.floor(max / step) * step;
  const fit = (side: number) => Math.min(highest, Math.max(lowest, Math.round(side / step) * step));
  const long = fit(options.longSide ?? DEFAULT_LONG_SIDE);
  const [a, b] = ratio;
  const value =
    a >= b
      ? { width: long, height: fit((long * b) / a), aspectRatio }
      : { width: fit((long * a) / b), height: long, aspectRatio };
  return { value, errors: [] };
}

/**
 * Pixel sizes from a provider's own size strings ('1536x1024', '1280:720'), so a model's
 * `sizes` and what its adapter sends come from one map. Throws on a malformed entry (at startup).
 */
export function pixelSizes(byRatio: Record<string, string>): Record<string, PixelSize> {
  return Object.fromEntries(
    Object.entries(byRatio).map(([ratio, text]) => {
      const match = /^(\d+)[x:](\d+)$/.exec(text);
      if (!match) throw new Error(`Not a pixel size: ${JSON.stringify(text)} (for ${ratio})`);
      return [ratio, { width: Number(match[1]), height: Number(match[2]) }];
    }),
  );
}

function explicitSize(
  capabilities: Pick<ModelCapabilities, 'size'>,
  width: number | null | undefined,
  height: number | null | undefined,
): { value: ResolvedSize | null; errors: FieldError[] } {
  const size = capabilities.size;
  if (!size) {
    const message = 'This model takes an aspect ratio, not an explicit width and height';
    return { value: null, errors: [{ field: width != null ? 'width' : 'height', message }] };
  }
  const errors: FieldError[] = [];
  const check = (field: 'width' | 'height', side: number | null | undefined, other: string) => {
    if (side == null) {
      errors.push({ field, message: `${field} is required with ${other}` });
    } else if (
      !Number.isInteger(side) ||
      side < size.min ||
      side > size.max ||
      side % size.step !== 0
    ) {
      const steps = size.step > 1 ? ` in steps of ${size.step}` : '';
      errors.push({
        field,
        message: `${field} must be a whole number from ${size.min} to ${size.max}${steps} (got ${side})`,
      });
    }
  };
  check('width', width, 'height');
  check('height', height, 'width');
  if (errors.length || width == null || height == null) return { value: null, errors };
  const divisor = gcd(width, height);
  return {
    value: { width, height, aspectRatio: `${width / divisor}:${height / divisor}` },
    errors,
  };
}

function parseRatio(text: string): [number, number] | null {
  const match = /^([1-9]\d{0,3}):([1-9]\d{0,3})$/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
