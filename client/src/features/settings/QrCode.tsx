import { useMemo } from 'react';
import { qrPath } from './qr-code';

/**
 * A QR code drawn in the page as SVG (no image service, no inline styles): always dark modules
 * on white, whatever the theme, because that is what camera apps read best.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const { size, d } = useMemo(() => qrPath(value), [value]);
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}
