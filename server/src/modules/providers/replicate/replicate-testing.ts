import type { ReplicateFake } from '../../../../test/support/fakes/replicate-fake';
import {
  ProviderError,
  type GenerationRequest,
  type ProgressUpdate,
  type ProviderOutput,
  type RunContext,
} from '../provider';
import { replicateModels } from './replicate-models';
import { createReplicateProvider, type ReplicateProviderOptions } from './replicate-provider';

/** Builders for tests of the Replicate adapter against its fake. */
export function testProvider(
  fake: ReplicateFake,
  overrides: Partial<ReplicateProviderOptions> = {},
) {
  return createReplicateProvider({
    apiKey: fake.token,
    baseUrl: fake.apiUrl,
    pollIntervalMs: 0,
    requestTimeoutMs: 2000,
    ...overrides,
  });
}

export function request(
  modelId: string,
  overrides: Partial<GenerationRequest> = {},
): GenerationRequest {
  const model = replicateModels().find((m) => m.id === modelId)!;
  const params: Record<string, unknown> = {};
  for (const spec of model.capabilities.params ?? []) params[spec.name] = spec.default;
  return {
    generationId: 'gen-1',
    kind: model.kind,
    model,
    prompt: 'a quiet harbour at dawn',
    negativePrompt: null,
    count: 1,
    width: 1024,
    height: 1024,
    aspectRatio: model.capabilities.aspectRatios[0]!,
    durationSeconds: model.kind === 'VIDEO' ? 6 : null,
    seed: 42,
    references: [],
    params,
    ...overrides,
  };
}

export function context(remoteJobId: string | null = null) {
  const controller = new AbortController();
  const reports: ProgressUpdate[] = [];
  const recorded: string[] = [];
  const ctx: RunContext = {
    signal: controller.signal,
    remoteJobId,
    recordRemoteJob: async (id) => void recorded.push(id),
    report: async (update) => void reports.push(update),
  };
  return { ctx, reports, recorded, controller };
}

/** The ProviderError a promise rejects with; it must never carry the key. */
export async function failure(promise: Promise<unknown>, key: string): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError))
    throw new Error(`expected a ProviderError, got ${String(error)}`);
  if (error.message.includes(key)) throw new Error('the key leaked into an error message');
  return error;
}

export const urlOf = (output: ProviderOutput | undefined) =>
  output && 'url' in output ? output.url : undefined;

export const reference = (name: string) => ({
  url: `http://127.0.0.1:9/${name}`,
  contentType: 'image/png',
  bytes: async () => Buffer.from('unused'),
});
