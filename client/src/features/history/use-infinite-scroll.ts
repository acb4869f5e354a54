import { useEffect, useRef, useState } from 'react';

/** How far below the screen the sentinel starts the next page. */
const AHEAD = '600px 0px';

/**
 * Calls `onReach` when the element given to the returned ref comes near the screen, while
 * `enabled`. Each time it becomes enabled again (a page finished loading) the observer starts
 * anew, so a sentinel that is still in view loads the next page too. Browsers without
 * IntersectionObserver keep the Load more button.
 */
export function useInfiniteScroll(onReach: () => void, enabled: boolean) {
  const [sentinel, setSentinel] = useState<HTMLElement | null>(null);
  const reach = useRef(onReach);

  useEffect(() => {
    reach.current = onReach;
  }, [onReach]);

  useEffect(() => {
    if (!sentinel || !enabled || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) reach.current();
      },
      { rootMargin: AHEAD },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [sentinel, enabled]);

  return setSentinel;
}
