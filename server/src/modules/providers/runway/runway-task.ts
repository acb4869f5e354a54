import { ProviderError, type ProgressUpdate, type ProviderOutput } from '../provider';

/** `GET /tasks/{id}` as Runway documents it. */
export interface RunwayTask {
  id?: string;
  status?: string;
  progress?: number;
  output?: string[];
  failure?: string;
  failureCode?: string;
}

/** What one poll means: keep waiting (with a report), done, or failed. */
export type TaskState =
  | { kind: 'waiting'; update: ProgressUpdate }
  | { kind: 'done'; outputs: ProviderOutput[] }
  | { kind: 'failed'; error: ProviderError; freshTaskMayWork: boolean };

export function taskState(task: RunwayTask): TaskState {
  switch (task.status) {
    case 'PENDING':
      // Runway gives no queue position, so the wait is reported without one.
      return { kind: 'waiting', update: { message: 'Queued at Runway' } };
    case 'THROTTLED':
      return {
        kind: 'waiting',
        update: {
          message: 'Waiting: Runway holds this task until the account’s other tasks finish',
        },
      };
    case 'RUNNING': {
      const progress =
        typeof task.progress === 'number' && Number.isFinite(task.progress)
          ? Math.min(1, Math.max(0, task.progress))
          : undefined;
      return {
        kind: 'waiting',
        update:
          progress === undefined
            ? { message: 'Generating at Runway' }
            : { progress, message: `Generating at Runway (${Math.round(progress * 100)}%)` },
      };
    }
    case 'SUCCEEDED': {
      const urls = (task.output ?? []).filter((url) => typeof url === 'string' && url);
      if (urls.length === 0) {
        return {
          kind: 'failed',
          error: new ProviderError('PERMANENT', 'NO_OUTPUT', 'Runway finished without a video.'),
          freshTaskMayWork: false,
        };
      }
      // The URLs expire (24–48 hours), so the pipeline copies them at once.
      return { kind: 'done', outputs: urls.map((url) => ({ url, contentType: 'video/mp4' })) };
    }
    case 'FAILED':
      return failedState(task);
    case 'CANCELLED':
      return {
        kind: 'failed',
        error: new ProviderError(
          'PERMANENT',
          'PROVIDER_CANCELED',
          'The task was cancelled at Runway.',
        ),
        freshTaskMayWork: false,
      };
    default:
      return {
        kind: 'failed',
        error: new ProviderError(
          'RETRYABLE',
          'PROVIDER_BAD_RESPONSE',
          `Runway reported a task status this server does not know (${String(task.status)}).`,
        ),
        freshTaskMayWork: false,
      };
  }
}

/**
 * Runway's failureCode is dot-separated, most generic first (`SAFETY.INPUT.TEXT`,
 * `INPUT_PREPROCESSING.SAFETY.TEXT`, `ASSET.INVALID`, `INTERNAL.BAD_OUTPUT`, …).
 */
function failedState(task: RunwayTask): TaskState {
  const code = task.failureCode ?? '';
  const segments = code.split('.');
  const reason = task.failure?.trim() || 'no reason given';
  const detail = code ? `${reason} (${code})` : reason;
  if (segments.includes('SAFETY')) {
    return {
      kind: 'failed',
      error: new ProviderError(
        'BLOCKED',
        'CONTENT_FILTERED',
        `Runway’s content moderation refused this generation: ${detail}`,
      ),
      freshTaskMayWork: false,
    };
  }
  if (segments[0] === 'INTERNAL' || code === '') {
    // Runway's own fault: a new task may well succeed, so a retry starts one.
    return {
      kind: 'failed',
      error: new ProviderError('RETRYABLE', 'PROVIDER_UNAVAILABLE', `Runway failed: ${detail}`),
      freshTaskMayWork: true,
    };
  }
  return {
    kind: 'failed',
    error: new ProviderError(
      'PERMANENT',
      segments[0] === 'ASSET' || segments[0] === 'INPUT_PREPROCESSING'
        ? 'INVALID_INPUT'
        : 'PROVIDER_ERROR',
      `Runway failed: ${detail}`,
    ),
    freshTaskMayWork: false,
  };
}
