import { StatusBadge } from '../ui';
import type { StatusTone } from '../ui';
import { useLiveConnection } from './live-connection';
import type { LiveConnectionState } from './live-connection';

const presentation: Record<
  LiveConnectionState,
  { label: string; tone: StatusTone; pulse: boolean; description: string }
> = {
  connected: {
    label: 'Live',
    tone: 'success',
    pulse: false,
    description: 'Connected: live updates arrive as they happen.',
  },
  connecting: {
    label: 'Connecting…',
    tone: 'neutral',
    pulse: true,
    description: 'Opening the live connection to the server.',
  },
  reconnecting: {
    label: 'Reconnecting…',
    tone: 'warning',
    pulse: true,
    description: 'The live connection was lost; trying again. Updates resume once it is back.',
  },
};

/** The live-connection state in words (and colour): Live, Connecting…, Reconnecting…. */
export function ConnectionIndicator() {
  const state = useLiveConnection();
  const { label, tone, pulse, description } = presentation[state];
  return (
    <span role="status" className="live-indicator" data-state={state}>
      <StatusBadge tone={tone} pulse={pulse} title={description}>
        <span className="visually-hidden">Server connection: </span>
        {label}
      </StatusBadge>
    </span>
  );
}
