import { sleep } from '../abort';
import {
  ProviderError,
  type GenerationRequest,
  type ProviderOutput,
  type RunContext,
} from '../provider';
import { FILTERED, PROVIDER, type GoogleApi } from './google-api';

/** A google.longrunning Operation as the Gemini API returns it for Veo. */
export interface VeoOperation {
  name?: string;
  done?: boolean;
  error?: { code?: number; message?: string; status?: string };
  response?: {
    generateVideoResponse?: {
      generatedSamples?: Array<{ video?: { uri?: string } }>;
      raiMediaFilteredCount?: number;
      raiMediaFilteredReasons?: string[];
    };
  };
}

/** Operation names look like models/veo-3.0-generate-001/operations/abc123. */
const OPERATION_NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/**
 * Starts a Veo operation (or follows the stored one) and polls it until it is done. Veo says
 * nothing about how far along it is, so progress stays indeterminate with elapsed-time lines.
 */
export async function runVeo(
  api: GoogleApi,
  request: GenerationRequest,
  context: RunContext,
  pollIntervalMs: number,
): Promise<ProviderOutput[]> {
  const { signal } = context;
  let operation: VeoOperation;
  if (context.remoteJobId) {
    if (!OPERATION_NAME.test(context.remoteJobId)) {
      throw new ProviderError(
        'PERMANENT',
        'PROVIDER_ERROR',
        'The stored operation name is not valid.',
      );
    }
    await context.report({ message: 'Following the video already started at Google' });
    operation = await api.json<VeoOperation>(context.remoteJobId, signal);
    operation.name = context.remoteJobId;
  } else {
    operation = await api.json<VeoOperation>(
      `models/${request.model.id}:predictLongRunning`,
      signal,
      await submission(request),
    );
    if (!operation.name) {
      throw new ProviderError(
        'RETRYABLE',
        'PROVIDER_BAD_RESPONSE',
        `${PROVIDER} started no video operation.`,
      );
    }
    await context.recordRemoteJob(operation.name);
    await context.report({ message: 'Video submitted to Google; Veo gives no progress figures' });
  }
  const name = operation.name;
  const started = Date.now();
  while (!operation.done) {
    await sleep(pollIntervalMs, signal);
    operation = await api.json<VeoOperation>(name, signal);
    if (!operation.done) {
      const seconds = Math.round((Date.now() - started) / 1000);
      await context.report({ message: `Generating the video (${seconds} s so far)` });
    }
  }
  return [outcome(api, operation)];
}

async function submission(request: GenerationRequest) {
  const reference = request.references[0];
  const image = reference
    ? {
        bytesBase64Encoded: (await reference.bytes()).toString('base64'),
        mimeType: reference.contentType,
      }
    : undefined;
  return {
    // Bytes, not the reference's URL: Veo only reads images inline or from Cloud Storage.
    instances: [{ prompt: request.prompt, ...(image ? { image } : {}) }],
    parameters: {
      aspectRatio: request.aspectRatio,
      ...(request.durationSeconds ? { durationSeconds: request.durationSeconds } : {}),
      ...(request.negativePrompt ? { negativePrompt: request.negativePrompt } : {}),
    },
  };
}

/**
 * A finished operation's video, or why there is none. Failures here are never RETRYABLE: a
 * retry would resume this same finished operation and get the same answer.
 */
function outcome(api: GoogleApi, operation: VeoOperation): ProviderOutput {
  if (operation.error) {
    const message = operation.error.message ?? operation.error.status ?? 'unknown error';
    if (FILTERED.test(message)) {
      throw new ProviderError(
        'BLOCKED',
        'CONTENT_FILTERED',
        `${PROVIDER} blocked the video: ${message}`,
      );
    }
    throw new ProviderError(
      'PERMANENT',
      'PROVIDER_ERROR',
      `${PROVIDER} could not make the video: ${message}`,
    );
  }
  const result = operation.response?.generateVideoResponse;
  const uri = result?.generatedSamples?.[0]?.video?.uri;
  if (uri) {
    // The file is only served with the key; the pipeline downloads it at once with these headers.
    return { url: uri, headers: { 'x-goog-api-key': api.key }, contentType: 'video/mp4' };
  }
  if (result?.raiMediaFilteredCount || result?.raiMediaFilteredReasons?.length) {
    const reasons = result.raiMediaFilteredReasons?.join(' ') || 'no reason given';
    throw new ProviderError(
      'BLOCKED',
      'CONTENT_FILTERED',
      `${PROVIDER} filtered the video: ${reasons}`,
    );
  }
  throw new ProviderError(
    'PERMANENT',
    'NO_OUTPUT',
    `${PROVIDER} finished the video operation without a video.`,
  );
}
