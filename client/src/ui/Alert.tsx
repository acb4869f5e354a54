import type { ReactNode } from 'react';
import { cx } from './cx';
import { AlertIcon, CheckCircleIcon, InfoIcon, WarningIcon } from './icons';

export type AlertTone = 'info' | 'success' | 'warning' | 'danger';

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons or links beside the message. */
  actions?: ReactNode;
  /**
   * How assistive technology hears it: `alert` interrupts (default for danger), `status` waits
   * its turn (default otherwise), `none` for messages that are part of the page from the start.
   */
  announce?: 'alert' | 'status' | 'none';
  className?: string;
}

const icons: Record<AlertTone, ReactNode> = {
  info: <InfoIcon />,
  success: <CheckCircleIcon />,
  warning: <WarningIcon />,
  danger: <AlertIcon />,
};

/** A message inside the page: a form's error, the result of an action, a notice for this page. */
export function Alert({
  tone = 'info',
  title,
  children,
  actions,
  announce = tone === 'danger' ? 'alert' : 'status',
  className,
}: AlertProps) {
  return (
    <div
      className={cx('alert', `alert--${tone}`, className)}
      data-tone={tone}
      role={announce === 'none' ? undefined : announce}
    >
      <span className="alert__icon">{icons[tone]}</span>
      <div className="alert__content">
        {title && <p className="alert__title">{title}</p>}
        {children && <div className="alert__message">{children}</div>}
      </div>
      {actions && <div className="alert__actions">{actions}</div>}
    </div>
  );
}
