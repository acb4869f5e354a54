import { cx } from './cx';

export interface SpinnerProps {
  size?: 'sm' | 'md' | 'lg';
  /** Announced to assistive technology; without it the spinner is decorative. */
  label?: string;
  className?: string;
}

/** A rotating ring. Decorative unless it has a label. */
export function Spinner({ size = 'md', label, className }: SpinnerProps) {
  const classes = cx('spinner', size !== 'md' && `spinner--${size}`, className);
  if (!label) return <span className={classes} aria-hidden="true" />;
  return (
    <span role="status">
      <span className={classes} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

export interface LoadingStateProps {
  /** What is loading, e.g. "Loading server status…". */
  label: string;
  compact?: boolean;
}

/** The loading state of a page or a section: a spinner and a line saying what is loading. */
export function LoadingState({ label, compact = false }: LoadingStateProps) {
  return (
    <div className={cx('state', 'state--loading', compact && 'state--compact')} role="status">
      <span className={cx('spinner', !compact && 'spinner--lg')} aria-hidden="true" />
      <p>{label}</p>
    </div>
  );
}
