import type { SVGProps } from 'react';

/** Lines of text with a blank: prompt templates (drawn like the design system's icons). */
export function TemplateIcon({
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
      <path d="M4 6h16M4 12h5M15 12h5M4 18h10" />
      <path d="M10 10.5h4v3h-4z" />
    </svg>
  );
}
