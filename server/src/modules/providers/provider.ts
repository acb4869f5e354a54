/**
 * The contract every generation provider (the built-in local generator, OpenAI, Replicate, fal,
 * Stability, Google, Runway) fulfils. The pipeline knows only this interface.
 */

export type GenerationKind = 'IMAGE' | 'VIDEO';

/** What a model accepts; the generate form and the validation are built from it. */
export interface ModelCapabilities {
  /** How many outputs one request may ask for. */
  count: { min: number; max: number };
  /** Aspect ratios offered, e.g. ['1:1', '16:9']; the first is the default. */
  aspectRatios: string[];
  /** Explicit sizes, when the model takes width/height (each between min and max, multiples of step). */
  size?: { min: number; max: number; step: number };
  /**
   * The exact size rendered for an offered aspect ratio, for models that render only fixed
   * sizes (gpt-image-1's 1536×1024 for 3:2), so the recorded size is the one delivered.
   */
  sizes?: Record<string, PixelSize>;
  /** For VIDEO: the clip lengths offered, in seconds; the first is the default. */
  durations?: number[];
  /** How many reference images it takes (0: none). */
  referenceImages: number;
  negativePrompt: boolean;
  seed: boolean;
  /** Provider-specific extra parameters, validated before anything is charged. */
  params?: ParamSpec[];
}

/** A width and height in pixels. */
export interface PixelSize {
  width: number;
  height: number;
}

/** One extra parameter a model takes (a small, declarative validation schema). */
export interface ParamSpec {
  name: string;
  type: 'number' | 'integer' | 'boolean' | 'string' | 'choice';
  description: string;
  min?: number;
  max?: number;
  choices?: string[];
  default?: number | boolean | string;
}

/** What a model costs, in credits: per output, or per second of video per output. */
export interface ModelPrice {
  credits: number;
  per: 'output' | 'second';
}

export interface ProviderModel {
  id: string;
  name: string;
  kind: GenerationKind;
  description: string;
  capabilities: ModelCapabilities;
  price: ModelPrice;
  /** The provider's own model version, recorded on each generation for provenance. */
  version?: string;
}

/** A reference image handed to a provider: a short-lived URL it can fetch, and the bytes. */
export interface ReferenceImage {
  url: string;
  contentType: string;
  bytes(): Promise<Buffer>;
}

/** A validated request, with every default resolved (the seed is the one actually used). */
export interface GenerationRequest {
  generationId: string;
  kind: GenerationKind;
  model: ProviderModel;
  prompt: string;
  negativePrompt: string | null;
  count: number;
  width: number;
  height: number;
  aspectRatio: string;
  durationSeconds: number | null;
  seed: number;
  references: ReferenceImage[];
  params: Record<string, unknown>;
}

/** A step of progress reported while a provider works. */
export interface ProgressUpdate {
  /** 0..1 when the provider says how far it is; undefined when it cannot (indeterminate). */
  progress?: number;
  /** A line for the event timeline, e.g. "step 3 of 8" or a provider log line. */
  message?: string;
  /** A small preview image (PNG, JPEG or WebP). */
  preview?: { data: Buffer; contentType: string };
  /** Position in the provider's queue, when it says. */
  queuePosition?: number;
}

/** One finished output: bytes, or a URL to copy at once (provider URLs expire). */
export type ProviderOutput =
  | { data: Buffer; contentType: string }
  | { url: string; contentType?: string; headers?: Record<string, string> };

/** What a run gets from the pipeline. */
export interface RunContext {
  /** Aborted on cancel, timeout or shutdown; adapters pass it to every request they make. */
  signal: AbortSignal;
  /** Set when this is a retry or a recovery of a run that already started a remote job. */
  remoteJobId: string | null;
  /** Stores the provider's job id before waiting on it, so a retry resumes instead of paying again. */
  recordRemoteJob(id: string): Promise<void>;
  /** Reports progress (throttled and recorded by the pipeline). */
  report(update: ProgressUpdate): Promise<void>;
}

export interface GenerationProvider {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** False when the provider is not configured (no key): listed, but not usable. */
  readonly enabled: boolean;
  models(): ProviderModel[];
  /**
   * Runs one generation to its end: starts the provider's job (or resumes `remoteJobId`),
   * follows it (polling or streaming) while reporting progress, and returns the outputs.
   * Throws ProviderError for every failure.
   */
  run(request: GenerationRequest, context: RunContext): Promise<ProviderOutput[]>;
  /** Cancels a remote job; best effort (the run's signal is aborted as well). */
  cancel(params: { remoteJobId: string }): Promise<void>;
  /** Whether a key works, with the cheapest authenticated call the provider offers. */
  validateKey(params: { key: string; signal?: AbortSignal }): Promise<boolean>;
}

/** How a failure ends: retried with backoff, ended for good, or blocked by a content filter. */
export type ProviderFailure = 'RETRYABLE' | 'PERMANENT' | 'BLOCKED';

/** Every provider failure, classified once by its adapter. Never carries a key. */
export class ProviderError extends Error {
  constructor(
    readonly failure: ProviderFailure,
    /** Stable code shown to people and clients: PROVIDER_AUTH, INVALID_INPUT, RATE_LIMITED, … */
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}
