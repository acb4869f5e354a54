import type { SVGProps } from 'react';

/** A card with sliders: recipes, saved presets (drawn like the design system's icons). */
export function RecipeIcon({
  size = 20,
  ...rest
}: Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <rect x="3" y="3" width="18" height="18" rx="3" />
      <path d="M7 8h10M7 12h10M7 16h6" />
      <circle cx="10" cy="8" r="1.2" />
      <circle cx="15" cy="12" r="1.2" />
      <circle cx="11" cy="16" r="1.2" />
    </svg>
  );
}
