import type { GenerationEventType, GenerationKind, GenerationStatus } from '../../gql/graphql';
import type { StatusTone } from '../../ui';
import { creditsLabel } from '../credits/format';

/** How each status is shown: in words, with a tone; states in motion pulse. */
export const STATUS: Record<GenerationStatus, { label: string; tone: StatusTone; pulse: boolean }> =
  {
    QUEUED: { label: 'Queued', tone: 'neutral', pulse: true },
    RUNNING: { label: 'Running', tone: 'info', pulse: true },
    SUCCEEDED: { label: 'Succeeded', tone: 'success', pulse: false },
    FAILED: { label: 'Failed', tone: 'danger', pulse: false },
    CANCELED: { label: 'Canceled', tone: 'neutral', pulse: false },
    BLOCKED: { label: 'Blocked', tone: 'warning', pulse: false },
  };

export const STATUSES = Object.keys(STATUS) as GenerationStatus[];

/** Queued or running: it can still change, be canceled, and cannot be deleted. */
export function isActive(status: GenerationStatus): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

/** The events that end a generation; each feed completes after one of them. */
export const FINAL_EVENT_TYPES: ReadonlySet<GenerationEventType> = new Set<GenerationEventType>([
  'SUCCEEDED',
  'FAILED',
  'CANCELED',
  'BLOCKED',
]);

/** An event in words, for events that carry no message of their own. */
export const EVENT_LABEL: Record<GenerationEventType, string> = {
  CREATED: 'Queued',
  STARTED: 'Started',
  PROGRESS: 'Progress',
  PREVIEW: 'New preview',
  OUTPUT: 'Output saved',
  RETRYING: 'Trying again',
  CANCEL_REQUESTED: 'Stopping…',
  SUCCEEDED: 'Done',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
  BLOCKED: 'Blocked',
};

/** "Image", "Video". */
export function kindLabel(kind: GenerationKind): string {
  return kind === 'VIDEO' ? 'Video' : 'Image';
}

/** The first `max` characters of a prompt, cut at a word where possible, with an ellipsis. */
export function promptExcerpt(prompt: string, max = 90): string {
  const text = prompt.trim().replace(/\s+/g, ' ');
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "2 s", "1.5 s": a clip length. */
export function formatSeconds(seconds: number): string {
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(seconds)} s`;
}

/** "12:04:31": the time of an event, to the second. */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(date);
}

/** "3.2 s", "2 min 5 s": how long something took. */
export function formatElapsed(fromIso: string, toIso: string): string | null {
  const ms = new Date(toIso).getTime() - new Date(fromIso).getTime();
  if (!Number.isFinite(ms) || ms < 0) return null;
  if (ms < 60_000)
    return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** "2 credits refunded": what a generation that did not succeed gave back (all it held). */
export function refundLabel(costCredits: number): string | null {
  return costCredits > 0 ? `${creditsLabel(costCredits)} refunded` : null;
}

/** `steps` → "Steps", `guidance_scale` → "Guidance scale", `negativeStrength` → "Negative strength". */
export function paramLabel(name: string): string {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const EXTENSIONS: Record<string, string> = {
  'image/webp': 'webp',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

/** The name a downloaded output is saved under: `aiofm-1a2b3c4d-1.webp`. */
export function outputFilename(generationId: string, index: number, contentType: string): string {
  const extension = EXTENSIONS[contentType.split(';')[0]!.trim()] ?? 'bin';
  return `aiofm-${generationId.slice(0, 8)}-${index + 1}.${extension}`;
}

/** A param's value as the detail view shows it. */
export function paramValueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
