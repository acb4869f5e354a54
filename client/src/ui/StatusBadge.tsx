import type { ReactNode } from 'react';
import { cx } from './cx';

export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export interface StatusBadgeProps {
  tone?: StatusTone;
  /** The status in words: colour is never the only signal. */
  children: ReactNode;
  /** Shows a dot before the text; `pulse` animates it for states in motion. */
  dot?: boolean;
  pulse?: boolean;
  className?: string;
  title?: string;
}

/** A short status in words with a tone colour, e.g. "Live", "Queued", "Failed". */
export function StatusBadge({
  tone = 'neutral',
  children,
  dot = true,
  pulse = false,
  className,
  title,
}: StatusBadgeProps) {
  return (
    <span
      className={cx('badge', tone !== 'neutral' && `badge--${tone}`, className)}
      data-tone={tone}
      data-pulse={pulse || undefined}
      title={title}
    >
      {dot && <span className="badge__dot" aria-hidden="true" />}
      {children}
    </span>
  );
}
