import type { ReactNode } from 'react';
import { Button } from './Button';
import { cx } from './cx';
import { AlertIcon, RefreshIcon } from './icons';

export interface ErrorStateProps {
  title: ReactNode;
  /** What went wrong, in words a person can act on. */
  message: ReactNode;
  /** What to do next ("Check that the server is running, then try again."). */
  nextStep?: ReactNode;
  /** Technical detail (an error message) shown small, for reports. */
  details?: ReactNode;
  onRetry?: () => void;
  retrying?: boolean;
  retryLabel?: string;
  /** Further actions beside Retry. */
  actions?: ReactNode;
  compact?: boolean;
  /** Heading level, to fit the page outline. */
  headingLevel?: 1 | 2 | 3;
}

/** The error state of a page or section: what failed, what to do next, and a way to retry. */
export function ErrorState({
  title,
  message,
  nextStep,
  details,
  onRetry,
  retrying = false,
  retryLabel = 'Try again',
  actions,
  compact = false,
  headingLevel = 2,
}: ErrorStateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className={cx('state', 'state--error', compact && 'state--compact')} role="alert">
      <span className="state__icon">
        <AlertIcon size={24} />
      </span>
      <Heading className="state__title">{title}</Heading>
      <p className="state__message">{message}</p>
      {nextStep && <p>{nextStep}</p>}
      {details && <p className="state__details">{details}</p>}
      {(onRetry || actions) && (
        <div className="state__actions">
          {onRetry && (
            <Button
              variant="primary"
              icon={<RefreshIcon size={18} />}
              loading={retrying}
              onClick={onRetry}
            >
              {retryLabel}
            </Button>
          )}
          {actions}
        </div>
      )}
    </div>
  );
}

export interface EmptyStateProps {
  title: ReactNode;
  message: ReactNode;
  icon?: ReactNode;
  /** The next useful step (create the first item, go back home). */
  action?: ReactNode;
  compact?: boolean;
  headingLevel?: 1 | 2 | 3;
}

/** What a page or list shows when there is nothing in it yet, and how to get started. */
export function EmptyState({
  title,
  message,
  icon,
  action,
  compact = false,
  headingLevel = 2,
}: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className={cx('state', compact && 'state--compact')}>
      {icon && <span className="state__icon">{icon}</span>}
      <Heading className="state__title">{title}</Heading>
      <p className="state__message">{message}</p>
      {action && <div className="state__actions">{action}</div>}
    </div>
  );
}
