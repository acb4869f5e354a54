import { useEffect, useMemo, useRef, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import type { ApolloCache } from '@apollo/client';
import { useLiveConnection } from '../../app/live-connection';
import { GenerationEventsDocument, GenerationLiveFieldsFragmentDoc } from '../../gql/graphql';
import type { GenerationEventFieldsFragment } from '../../gql/graphql';
import { readApiError } from '../account/api-errors';
import type { ApiError } from '../account/api-errors';
import { FINAL_EVENT_TYPES } from './generation-format';

export type GenerationEventItem = GenerationEventFieldsFragment;

/**
 * How many times the live connection has come back after being lost. A subscription that
 * depends on it is opened again after each reconnect.
 */
export function useReconnects(): number {
  const state = useLiveConnection();
  const [seen, setSeen] = useState({ state, reconnects: 0 });
  if (seen.state !== state) {
    const reconnects =
      state === 'connected' && seen.state === 'reconnecting'
        ? seen.reconnects + 1
        : seen.reconnects;
    setSeen({ state, reconnects });
    return reconnects;
  }
  return seen.reconnects;
}

/** Events joined by number, in order, each once. */
export function mergeEvents(
  ...lists: ReadonlyArray<readonly GenerationEventItem[]>
): GenerationEventItem[] {
  const bySeq = new Map<number, GenerationEventItem>();
  for (const list of lists) for (const event of list) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Puts an event's status and progress on the cached generation, unless it knows newer ones. */
function applyToCache(cache: ApolloCache, generationId: string, event: GenerationEventItem) {
  const id = cache.identify({ __typename: 'Generation', id: generationId });
  if (!id) return;
  const current = cache.readFragment({ id, fragment: GenerationLiveFieldsFragmentDoc });
  if (current && current.lastSeq >= event.seq) return;
  cache.writeFragment({
    id,
    fragment: GenerationLiveFieldsFragmentDoc,
    // The typename is stored with the fields; the generated type leaves it out.
    data: {
      ...{ __typename: 'Generation' },
      id: generationId,
      status: event.status,
      progress: event.progress,
      lastSeq: event.seq,
    },
  });
}

export interface GenerationEventsOptions {
  generationId: string;
  /** The events already known (from the `generation` query); the feed continues after them. */
  known: readonly GenerationEventItem[];
  /** The generation's own `lastSeq`: events up to it are in `known` or still to come. */
  lastSeq: number;
  /** Whether the generation can still change (queued or running). */
  active: boolean;
  /** Called once the final event arrived live: the outputs can be read now. */
  onFinished?: (event: GenerationEventItem) => void;
}

export interface GenerationEventsState {
  /** Every event known, in order. */
  events: GenerationEventItem[];
  /** Whether events are being followed live right now. */
  following: boolean;
  /** Why following stopped (the generation went away, the session ended). */
  error: ApiError | null;
  /** Follows again after an error. */
  retry: () => void;
}

/**
 * Follows one generation's numbered events: `generationEvents(afterSeq)` replays what came after
 * the newest event known, then streams live until the final one, and every event's status and
 * progress go into the cache. The number of the last event seen is kept; when the live
 * connection drops and comes back, the subscription is opened again after that number, so
 * nothing is missed and, as replays are dropped by number, nothing is repeated. No polling.
 */
export function useGenerationEvents({
  generationId,
  known,
  lastSeq,
  active,
  onFinished,
}: GenerationEventsOptions): GenerationEventsState {
  const apollo = useApolloClient();
  const reconnects = useReconnects();
  const [live, setLive] = useState<{ id: string; events: GenerationEventItem[] }>({
    id: generationId,
    events: [],
  });
  const [failure, setFailure] = useState<{ id: string; error: ApiError } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const lastSeen = useRef({ id: generationId, seq: 0 });
  const finishedRef = useRef(onFinished);

  const events = useMemo(
    () => mergeEvents(known, live.id === generationId ? live.events : []),
    [known, live, generationId],
  );
  const newest = events.at(-1)?.seq ?? 0;
  const ended = events.some((event) => FINAL_EVENT_TYPES.has(event.type));
  // Follow while it can change, and also when the query stopped short of its last event.
  const follow = !ended && (active || newest < lastSeq);
  const error = failure?.id === generationId ? failure.error : null;

  useEffect(() => {
    finishedRef.current = onFinished;
  }, [onFinished]);

  // The newest number known from the query; the subscription's own events move it on.
  useEffect(() => {
    if (lastSeen.current.id !== generationId) lastSeen.current = { id: generationId, seq: 0 };
    if (newest > lastSeen.current.seq) lastSeen.current.seq = newest;
  }, [generationId, newest]);

  useEffect(() => {
    if (!follow || error) return;
    const afterSeq = lastSeen.current.id === generationId ? lastSeen.current.seq : 0;
    const subscription = apollo
      .subscribe({
        query: GenerationEventsDocument,
        variables: { generationId, afterSeq },
        fetchPolicy: 'no-cache',
      })
      .subscribe({
        next: (result) => {
          if (result.error) {
            setFailure({ id: generationId, error: readApiError(result.error) });
            return;
          }
          const event = result.data?.generationEvents;
          if (!event) return;
          const seen = lastSeen.current;
          // A replay of what is known already (the socket's own retry resends the first request).
          if (seen.id === generationId && event.seq <= seen.seq) return;
          lastSeen.current = { id: generationId, seq: event.seq };
          setLive((current) => ({
            id: generationId,
            events: [...(current.id === generationId ? current.events : []), event],
          }));
          applyToCache(apollo.cache, generationId, event);
          if (FINAL_EVENT_TYPES.has(event.type)) finishedRef.current?.(event);
        },
        error: (cause: unknown) => setFailure({ id: generationId, error: readApiError(cause) }),
      });
    return () => subscription.unsubscribe();
    // `reconnects` and `attempt` are here to open the feed again, after the last event seen.
  }, [apollo, generationId, follow, error, reconnects, attempt]);

  return {
    events,
    following: follow && !error,
    error,
    retry: () => {
      setFailure(null);
      setAttempt((current) => current + 1);
    },
  };
}
