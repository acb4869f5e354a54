import { useMutation } from '@apollo/client/react';
import { CancelGenerationDocument } from '../../gql/graphql';
import type { GenerationDetailFragment } from '../../gql/graphql';
import type { AlertTone } from '../../ui';
import { Alert, Button, ImageIcon, ProgressBar, Spinner, StatusBadge, useToast } from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { creditsLabel } from '../credits/format';
import { EventTimeline } from './EventTimeline';
import { GenerationResults } from './GenerationResults';
import { FINAL_EVENT_TYPES, STATUS, isActive, refundLabel } from './generation-format';
import { useGenerationEvents } from './use-generation-events';
import type { GenerationEventItem } from './use-generation-events';

/** The refund the server adds to a final event's message ("…; 2 credits refunded"). */
const REFUND_SUFFIX = /;\s*\d+ credits? refunded\.?$/;

const ENDINGS: Record<
  'FAILED' | 'CANCELED' | 'BLOCKED',
  { title: string; tone: AlertTone; fallback: string }
> = {
  FAILED: {
    title: 'Generation failed',
    tone: 'danger',
    fallback: 'Something went wrong while generating.',
  },
  BLOCKED: {
    title: 'Blocked by the content filter',
    tone: 'warning',
    fallback: 'The provider’s content filter refused this request. Try other words.',
  },
  CANCELED: { title: 'Canceled', tone: 'info', fallback: 'This generation was canceled.' },
};

/** Why it ended: the stored reason, else the final event's message without the refund. */
function endReason(generation: GenerationDetailFragment, events: GenerationEventItem[]): string {
  const ending = generation.status as keyof typeof ENDINGS;
  const final = [...events].reverse().find((event) => FINAL_EVENT_TYPES.has(event.type));
  const reason =
    generation.error?.message ?? final?.message?.replace(REFUND_SUFFIX, '').trim() ?? '';
  return reason || ENDINGS[ending].fallback;
}

function progressOf(
  generation: GenerationDetailFragment,
  stopping: boolean,
): { label: string; value: number | null } {
  if (stopping) return { label: 'Stopping', value: null };
  if (generation.status === 'QUEUED') return { label: 'Waiting to start', value: null };
  if (generation.progress <= 0) return { label: 'Starting', value: null };
  return { label: 'Generating', value: generation.progress };
}

export interface LiveGenerationProps {
  generation: GenerationDetailFragment;
  /** Reads the generation again (its outputs) once the final event has arrived. */
  onFinished: () => void;
  /** The detail view shows every event and large outputs; the Generate page the latest steps. */
  detailed?: boolean;
}

/**
 * One generation as it happens: status, a progress bar (indeterminate until the first
 * progress), the latest preview, the latest steps and Cancel; then the results with downloads,
 * or why it failed, was blocked or canceled and what was refunded. Follows the generation's
 * events live (see useGenerationEvents).
 */
export function LiveGeneration({ generation, onFinished, detailed = false }: LiveGenerationProps) {
  const toast = useToast();
  const [cancel, { loading: canceling }] = useMutation(CancelGenerationDocument);
  const active = isActive(generation.status);
  const feed = useGenerationEvents({
    generationId: generation.id,
    known: generation.events,
    lastSeq: generation.lastSeq,
    active,
    onFinished,
  });
  const { events } = feed;
  const stopping = active && events.some((event) => event.type === 'CANCEL_REQUESTED');
  const status = STATUS[generation.status];

  const preview =
    [...events].reverse().find((event) => event.type === 'PREVIEW' && event.asset)?.asset ??
    generation.previews[0] ??
    null;
  // Outputs arrive one event at a time; the query has them all once it is read again.
  const outputs =
    generation.outputs.length > 0
      ? generation.outputs
      : events.flatMap((event) =>
          event.type === 'OUTPUT' && event.asset
            ? [
                {
                  ...event.asset,
                  thumbnailUrl: null,
                  contentType: 'image/webp',
                  width: 0,
                  height: 0,
                  durationSeconds: null,
                },
              ]
            : [],
        );

  async function requestCancel() {
    try {
      await cancel({ variables: { id: generation.id } });
    } catch (failure) {
      toast.show({
        id: `cancel-${generation.id}`,
        tone: 'danger',
        title: 'Could not cancel',
        message: errorMessage(readApiError(failure)),
      });
    }
  }

  const progress = progressOf(generation, stopping);
  const ending =
    generation.status === 'FAILED' ||
    generation.status === 'CANCELED' ||
    generation.status === 'BLOCKED'
      ? ENDINGS[generation.status]
      : null;
  const refund = ending ? refundLabel(generation.costCredits) : null;

  return (
    <section
      className="live-generation"
      data-testid="live-generation"
      data-status={generation.status}
      aria-label="Progress and results"
    >
      {/* The detail view shows the status in its header and the cost beside the settings. */}
      {!detailed && (
        <div className="live-generation__status">
          {/* A status region: the change of state is announced, the progress is not. */}
          <span role="status">
            <StatusBadge tone={status.tone} pulse={status.pulse}>
              <span className="visually-hidden">Generation: </span>
              {stopping ? 'Stopping…' : status.label}
            </StatusBadge>
          </span>
          <span className="live-generation__cost">
            {generation.status === 'SUCCEEDED'
              ? `${creditsLabel(generation.costCredits)} spent`
              : active
                ? `${creditsLabel(generation.costCredits)} held`
                : refund}
          </span>
        </div>
      )}

      {active && (
        <>
          <ProgressBar
            label={progress.label}
            value={progress.value}
            className="live-generation__progress"
          />
          <div
            className="live-generation__preview"
            // The box has the output's shape from the start, so the preview does not jump.
            style={{ aspectRatio: `${generation.width} / ${generation.height}` }}
          >
            {preview ? (
              <img src={preview.url} alt="Latest preview" />
            ) : (
              <p className="live-generation__waiting">
                {generation.status === 'QUEUED' ? <ImageIcon size={28} /> : <Spinner />}
                <span>The first preview appears here.</span>
              </p>
            )}
          </div>
          <div className="live-generation__actions">
            <Button
              variant="secondary"
              loading={canceling}
              disabled={stopping}
              onClick={() => void requestCancel()}
            >
              {stopping ? 'Stopping…' : 'Cancel generation'}
            </Button>
          </div>
        </>
      )}

      {generation.status === 'SUCCEEDED' && (
        <GenerationResults generationId={generation.id} outputs={outputs} large={detailed} />
      )}

      {ending && (
        <Alert tone={ending.tone} title={ending.title} announce={detailed ? 'none' : undefined}>
          <p>{endReason(generation, events)}</p>
          {refund && <p className="live-generation__refund">{refund}.</p>}
        </Alert>
      )}

      {feed.error && (
        <Alert
          tone="warning"
          title="Live updates stopped"
          actions={
            <Button size="sm" onClick={feed.retry}>
              Follow again
            </Button>
          }
        >
          {errorMessage(feed.error)}
        </Alert>
      )}

      {(detailed || active) && <EventTimeline events={events} full={detailed} />}
    </section>
  );
}
