import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ImageIcon } from '../../ui';

/**
 * A responsive grid of library cards (`LibraryCard`s): as many columns as fit, at least 13rem
 * each, one column on narrow phones. `label` names the list for assistive technology.
 */
export function LibraryGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="library-grid" aria-label={label}>
      {children}
    </ul>
  );
}

/** A picture to show on a card: an asset's thumbnail when it has one, else its full image. */
export interface LibraryCardImage {
  url: string;
  thumbnailUrl?: string | null;
}

export interface LibraryCardProps {
  /** Where the card leads (the item's page). */
  to: string;
  title: string;
  /** One or two lines under the title (a description, a template's first words). */
  subtitle?: ReactNode;
  /** The cover; without one the card shows `placeholder`. */
  image?: LibraryCardImage | null;
  /** Shown where the cover would be (an icon, a template's variables); default an image icon. */
  placeholder?: ReactNode;
  /** Small facts at the bottom (tags, the AI model, a version), outside the link. */
  meta?: ReactNode;
}

/** One item of a LibraryGrid: cover or placeholder, title and subtitle, all one link. */
export function LibraryCard({ to, title, subtitle, image, placeholder, meta }: LibraryCardProps) {
  const picture = image ? (image.thumbnailUrl ?? image.url) : null;
  return (
    <li className="library-card" data-testid="library-card">
      <Link className="library-card__link" to={to}>
        <span className="library-card__media">
          {picture ? (
            <img src={picture} alt="" loading="lazy" />
          ) : (
            (placeholder ?? <ImageIcon size={32} />)
          )}
        </span>
        <span className="library-card__title">{title}</span>
        {subtitle && <span className="library-card__subtitle">{subtitle}</span>}
      </Link>
      {meta && <div className="library-card__meta">{meta}</div>}
    </li>
  );
}
