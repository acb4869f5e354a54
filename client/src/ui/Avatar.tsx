import { useState } from 'react';
import { cx } from './cx';

export interface AvatarProps {
  /** The person's name: gives the initials, and the picture's description when it has one. */
  name: string;
  /** Picture URL; initials are shown when there is none or it fails to load. */
  src?: string | null;
  size?: 'sm' | 'md' | 'lg';
  /** The avatar stands beside the name in text: hide it from assistive technology. */
  decorative?: boolean;
  className?: string;
}

/** Up to two initials from a name: "Ada Lovelace" → "AL", "grace" → "G". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  const result = letters.map((word) => Array.from(word ?? '')[0] ?? '').join('');
  return result.toLocaleUpperCase() || '?';
}

/**
 * Whether the page may show `src`: pictures kept inline (`data:`, `blob:`) or served by this
 * site. Images from other origins are never requested: the CSP refuses them, and loading one
 * would tell another site who is looking at the page.
 */
export function isDisplayableImage(src: string | null | undefined): src is string {
  if (!src) return false;
  if (/^data:image\//iu.test(src) || src.startsWith('blob:')) return true;
  return src.startsWith('/') && !src.startsWith('//') && !src.startsWith('/\\');
}

/** A person's picture, or their initials on a tinted circle. */
export function Avatar({ name, src, size = 'md', decorative = false, className }: AvatarProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const showImage = isDisplayableImage(src) && src !== failedSrc;
  return (
    <span
      className={cx('avatar', `avatar--${size}`, className)}
      role={decorative ? undefined : 'img'}
      aria-label={decorative ? undefined : name}
      aria-hidden={decorative || undefined}
    >
      {showImage ? (
        <img
          className="avatar__image"
          src={src}
          alt=""
          referrerPolicy="no-referrer"
          decoding="async"
          onError={() => setFailedSrc(src)}
        />
      ) : (
        <span className="avatar__initials" aria-hidden="true">
          {initials(name)}
        </span>
      )}
    </span>
  );
}
