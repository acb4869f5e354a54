import { useId } from 'react';
import type { ReactNode } from 'react';
import { cx } from './cx';

export interface CardProps {
  title?: ReactNode;
  /** Heading level of the title, to fit the page outline. */
  headingLevel?: 2 | 3 | 4;
  description?: ReactNode;
  /** Controls at the top right of the card (a badge, a small button). */
  headerAside?: ReactNode;
  /** Actions at the bottom of the card. */
  footer?: ReactNode;
  className?: string;
  children?: ReactNode;
}

/** A titled surface; a titled card is a labelled region for assistive technology. */
export function Card({
  title,
  headingLevel = 2,
  description,
  headerAside,
  footer,
  className,
  children,
}: CardProps) {
  const titleId = useId();
  const Heading = `h${headingLevel}` as const;
  return (
    <section className={cx('card', className)} aria-labelledby={title ? titleId : undefined}>
      {(title || headerAside) && (
        <header className="card__header">
          <div className="card__titles">
            {title && <Heading id={titleId}>{title}</Heading>}
            {description && <p className="card__description">{description}</p>}
          </div>
          {headerAside}
        </header>
      )}
      {children}
      {footer && <div className="card__footer">{footer}</div>}
    </section>
  );
}
