import { cx } from '../../ui';
import { EVENT_LABEL, formatClock } from './generation-format';
import type { GenerationEventItem } from './use-generation-events';

/** Events shown when only the latest steps are wanted. */
export const RECENT_EVENTS = 5;

/**
 * A generation's numbered events as a small log, oldest first: every one (`full`), or only the
 * latest few while it runs.
 */
export function EventTimeline({
  events,
  full = false,
}: {
  events: readonly GenerationEventItem[];
  full?: boolean;
}) {
  if (events.length === 0) return null;
  const shown = full ? events : events.slice(-RECENT_EVENTS);
  return (
    <ol
      className={cx('timeline', !full && 'timeline--recent')}
      aria-label={full ? 'Event timeline' : 'Latest steps'}
    >
      {shown.map((event) => (
        <li
          key={event.seq}
          className="timeline__item"
          data-type={event.type}
          data-testid="generation-event"
        >
          <time className="timeline__time" dateTime={event.createdAt}>
            {formatClock(event.createdAt)}
          </time>
          <span className="timeline__message">{event.message ?? EVENT_LABEL[event.type]}</span>
        </li>
      ))}
    </ol>
  );
}
