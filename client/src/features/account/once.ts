import { useEffect, useState } from 'react';

const runs = new Map<string, Promise<unknown>>();

/**
 * Runs `task` once per `key` for the life of the page and shares its promise with every later
 * caller. Links from emails carry single-use tokens: opening one must send exactly one request,
 * even when React mounts the page twice (StrictMode) or the page is opened again from history.
 */
export function runOnce<T>(key: string, task: () => Promise<T>): Promise<T> {
  let run = runs.get(key) as Promise<T> | undefined;
  if (!run) {
    run = task();
    runs.set(key, run);
  }
  return run;
}

/** Lets `key` run again (after a failure that a retry may fix, like a lost connection). */
export function forgetRun(key: string): void {
  runs.delete(key);
}

export type OnceState<T> =
  { status: 'pending' } | { status: 'done'; value: T } | { status: 'failed'; error: unknown };

/**
 * The state of `runOnce(key, task)` for a component; `key` null runs nothing. Changing `attempt`
 * asks for a new run of a key that was forgotten.
 */
export function useRunOnce<T>(
  key: string | null,
  task: () => Promise<T>,
  attempt = 0,
): OnceState<T> {
  const [result, setResult] = useState<{ key: string; attempt: number; state: OnceState<T> }>();

  useEffect(() => {
    if (key === null) return;
    let current = true;
    runOnce(key, task).then(
      (value) => {
        if (current) setResult({ key, attempt, state: { status: 'done', value } });
      },
      (error: unknown) => {
        if (current) setResult({ key, attempt, state: { status: 'failed', error } });
      },
    );
    return () => {
      current = false;
    };
    // The task belongs to the key: a new task for the same key must not run it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  if (!result || result.key !== key || result.attempt !== attempt) return { status: 'pending' };
  return result.state;
}
