import sharp from 'sharp';
import type {
  GenerationRequest,
  ProgressUpdate,
  ProviderOutput,
  ReferenceImage,
  RunContext,
} from '../provider';
import { localModels } from './local-models';

/** Builders for tests of the local provider (and of pipelines that run it). */
export function localRequest(
  kind: 'IMAGE' | 'VIDEO',
  overrides: Partial<GenerationRequest> = {},
): GenerationRequest {
  const model = localModels({ steps: 8, allowSimulation: false })[kind === 'IMAGE' ? 0 : 1]!;
  return {
    generationId: 'gen-1',
    kind,
    model,
    prompt: 'a quiet harbour at dawn',
    negativePrompt: null,
    count: 1,
    width: kind === 'IMAGE' ? 256 : 160,
    height: kind === 'IMAGE' ? 256 : 96,
    aspectRatio: kind === 'IMAGE' ? '1:1' : '16:9',
    durationSeconds: kind === 'IMAGE' ? null : 2,
    seed: 42,
    references: [],
    params: {},
    ...overrides,
  };
}

/** A RunContext that records what is reported; `abort()` aborts its signal. */
export function recordingContext(onReport?: (update: ProgressUpdate) => void) {
  const controller = new AbortController();
  const reports: ProgressUpdate[] = [];
  const recorded: string[] = [];
  const context: RunContext = {
    signal: controller.signal,
    remoteJobId: null,
    recordRemoteJob: async (id) => void recorded.push(id),
    report: async (update) => {
      reports.push(update);
      onReport?.(update);
    },
  };
  return { context, reports, recorded, abort: (reason?: unknown) => controller.abort(reason) };
}

/** A reference image of one solid colour. */
export async function solidReference(colour: string): Promise<ReferenceImage> {
  const data = await sharp({
    create: { width: 16, height: 16, channels: 3, background: colour },
  })
    .png()
    .toBuffer();
  return { url: 'memory:reference', contentType: 'image/png', bytes: async () => data };
}

export function bytesOf(output: ProviderOutput | undefined): Buffer {
  if (!output || !('data' in output)) throw new Error('expected an output with bytes');
  return output.data;
}

/** Mean red, green and blue of an image (its first frame). */
export async function meanColour(image: Buffer): Promise<[number, number, number]> {
  const { channels } = await sharp(image).stats();
  return [channels[0]!.mean, channels[1]!.mean, channels[2]!.mean];
}

/** Mean absolute difference of two images, 0..255, compared at 32×32. */
export async function difference(a: Buffer, b: Buffer): Promise<number> {
  const small = (image: Buffer) =>
    sharp(image).resize(32, 32, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const [x, y] = await Promise.all([small(a), small(b)]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return sum / x.length;
}
