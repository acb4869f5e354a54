import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../ui';
import { NETWORK_ERROR, readApiError } from './api-errors';
import { forgetRun, useRunOnce } from './once';
import type { OnceState } from './once';

/** The state of opening an emailed link (`?token=…`): its request is sent exactly once. */
export interface EmailLink<T> {
  /** Null when the address has no token. */
  token: string | null;
  state: OnceState<T>;
  /** Sends the request again; offered only after a lost connection, as the token may be unused. */
  retry: (() => void) | undefined;
}

/** Runs `open(token)` once for the link in the address bar (see `useRunOnce`). */
export function useEmailLink<T>(kind: string, open: (token: string) => Promise<T>): EmailLink<T> {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [attempt, setAttempt] = useState(0);
  const key = token ? `${kind}:${token}` : null;
  const state = useRunOnce(key, () => open(token ?? ''), attempt);
  const retry =
    state.status === 'failed' && key && readApiError(state.error).code === NETWORK_ERROR
      ? () => {
          forgetRun(key);
          setAttempt((value) => value + 1);
        }
      : undefined;
  return { token, state, retry };
}

/** What a link page shows when its address lost the token (cut short when copied). */
export function IncompleteLink() {
  return (
    <ErrorState
      headingLevel={1}
      title="This link is incomplete"
      message="The address has no confirmation code. Open the link from the email again, or copy the whole address into the browser."
    />
  );
}
