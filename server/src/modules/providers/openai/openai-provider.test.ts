import {
  MODERATION_MESSAGE,
  startOpenAIFake,
  type OpenAIFake,
  type OpenAIFakeFailure,
} from '../../../../test/support/fakes/openai-fake';
import { resolveSize } from '../dimensions';
import { recordingContext } from '../local/local-testing';
import {
  ProviderError,
  type GenerationRequest,
  type ProviderOutput,
  type ReferenceImage,
} from '../provider';
import { openaiModels } from './openai-models';
import { createOpenAIProvider } from './openai-provider';

const KEY = 'sk-test-0123456789abcdef';
let fake: OpenAIFake;

beforeAll(async () => {
  fake = await startOpenAIFake({ key: KEY });
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
  fake.ignoreStream(false);
});

const provider = (options: { apiKey?: string; requestTimeoutMs?: number; baseUrl?: string } = {}) =>
  createOpenAIProvider({ apiKey: KEY, baseUrl: fake.baseUrl, ...options });

function request(
  overrides: Partial<GenerationRequest> & { modelId?: string } = {},
): GenerationRequest {
  const { modelId = 'gpt-image-1', ...rest } = overrides;
  return {
    generationId: 'gen-1',
    kind: 'IMAGE',
    model: openaiModels().find((m) => m.id === modelId)!,
    prompt: 'a lighthouse in fog',
    negativePrompt: null,
    count: 1,
    width: 1024,
    height: 1024,
    aspectRatio: '1:1',
    durationSeconds: null,
    seed: 42,
    references: [],
    params: {},
    ...rest,
  };
}

function bytes(output: ProviderOutput | undefined): Buffer {
  if (!output || !('data' in output)) throw new Error('expected bytes');
  return output.data;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw error;
  expect(error.message).not.toContain(KEY);
  return error;
}

describe('the OpenAI provider', () => {
  it('describes itself, its models and prices honestly', () => {
    expect(provider()).toMatchObject({ id: 'openai', name: 'OpenAI', enabled: true });
    expect(provider({ apiKey: undefined }).enabled).toBe(false);
    const models = provider().models();
    expect(models.map((m) => [m.id, m.price.credits, m.version])).toEqual([
      ['gpt-image-1', 11, 'gpt-image-1'],
      ['gpt-image-1-low', 6, 'gpt-image-1'],
      ['gpt-image-1-high', 29, 'gpt-image-1'],
    ]);
    expect(models[0]!.capabilities).toMatchObject({
      count: { min: 1, max: 4 },
      aspectRatios: ['1:1', '3:2', '2:3'],
      referenceImages: 4,
      negativePrompt: false,
      seed: false,
    });
  });

  it('streams a generation: previews with rising progress, then the final PNG', async () => {
    const { context, reports, recorded } = recordingContext();
    const outputs = await provider().run(request(), context);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({ contentType: 'image/png' });
    expect(bytes(outputs[0]).equals(fake.finalPng)).toBe(true);

    expect(reports[0]).toEqual({ message: 'Sent to OpenAI; waiting for the first preview' });
    expect(reports.slice(1).map((r) => [r.progress, r.message])).toEqual([
      [1 / 3, 'Preview 1 of 2'],
      [2 / 3, 'Preview 2 of 2'],
      [1, 'Finished'],
    ]);
    expect(reports[1]!.preview!.data.equals(fake.partialPngs[0]!)).toBe(true);
    expect(reports[2]!.preview).toMatchObject({ contentType: 'image/png' });
    expect(recorded).toEqual([]); // Synchronous: no remote job to resume.

    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/images/generations' });
    expect(sent!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.body).toEqual({
      model: 'gpt-image-1',
      prompt: 'a lighthouse in fog',
      n: 1,
      size: '1024x1024',
      quality: 'medium',
      output_format: 'png',
      stream: true,
      partial_images: 2,
    });
  });

  it('maps aspect ratios to sizes and models to qualities', async () => {
    for (const [modelId, aspectRatio, size, quality] of [
      ['gpt-image-1-low', '3:2', '1536x1024', 'low'],
      ['gpt-image-1-high', '2:3', '1024x1536', 'high'],
    ] as const) {
      fake.requests.length = 0;
      await provider().run(request({ modelId, aspectRatio }), recordingContext().context);
      expect(fake.requests[0]!.body).toMatchObject({ size, quality });
    }
  });

  it('records the size it renders: the one sent to OpenAI for each ratio', async () => {
    const [model] = provider().models();
    expect(model!.capabilities.sizes).toEqual({
      '1:1': { width: 1024, height: 1024 },
      '3:2': { width: 1536, height: 1024 },
      '2:3': { width: 1024, height: 1536 },
    });
    for (const aspectRatio of model!.capabilities.aspectRatios) {
      const { value } = resolveSize(model!.capabilities, { aspectRatio });
      fake.requests.length = 0;
      await provider().run(
        request({ aspectRatio, width: value!.width, height: value!.height }),
        recordingContext().context,
      );
      expect(fake.requests[0]!.body).toMatchObject({ size: `${value!.width}x${value!.height}` });
    }
  });

  it('makes one n=1 request per output and reports progress across all of them', async () => {
    const { context, reports } = recordingContext();
    const outputs = await provider().run(request({ count: 3 }), context);
    expect(outputs).toHaveLength(3);
    expect(fake.requests.map((r) => r.body.n)).toEqual([1, 1, 1]);
    const progress = reports.flatMap((r) => (r.progress === undefined ? [] : [r.progress]));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(reports.map((r) => r.message)).toContain('Finished (image 2 of 3)');
  });

  it('also takes the plain JSON answer', async () => {
    fake.ignoreStream(true);
    const { context, reports } = recordingContext();
    const outputs = await provider().run(request(), context);
    expect(bytes(outputs[0]).equals(fake.finalPng)).toBe(true);
    expect(reports.at(-1)).toEqual({ progress: 1, message: 'Finished' });
  });

  it('sends reference images as bytes in image[] parts of a multipart edit', async () => {
    const first = Buffer.from('first reference bytes');
    const second = Buffer.from('second reference bytes');
    // The URLs point at the fake: the adapter must send bytes, never make OpenAI fetch.
    const references: ReferenceImage[] = [
      { url: `${fake.baseUrl}/refs/1.png`, contentType: 'image/png', bytes: async () => first },
      { url: `${fake.baseUrl}/refs/2.jpg`, contentType: 'image/jpeg', bytes: async () => second },
    ];
    const { context, reports } = recordingContext();
    const outputs = await provider().run(request({ references, aspectRatio: '3:2' }), context);
    expect(bytes(outputs[0]).equals(fake.finalPng)).toBe(true);
    expect(reports.filter((r) => r.preview)).toHaveLength(2);

    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/images/edits' });
    expect(sent!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent!.body).toEqual({
      model: 'gpt-image-1',
      prompt: 'a lighthouse in fog',
      n: '1',
      size: '1536x1024',
      quality: 'medium',
      output_format: 'png',
      stream: 'true',
      partial_images: '2',
    });
    expect(sent!.files.map((f) => [f.field, f.contentType, f.bytes.toString()])).toEqual([
      ['image[]', 'image/png', 'first reference bytes'],
      ['image[]', 'image/jpeg', 'second reference bytes'],
    ]);
  });

  it.each<[string, OpenAIFakeFailure, Partial<ProviderError>]>([
    [
      '400 → INVALID_INPUT with OpenAI’s message',
      { kind: 'status', status: 400, message: "Invalid value: 'x'. Supported values are: 'png'." },
      {
        failure: 'PERMANENT',
        code: 'INVALID_INPUT',
        message: "OpenAI: Invalid value: 'x'. Supported values are: 'png'.",
      },
    ],
    [
      '429 → RATE_LIMITED after Retry-After',
      { kind: 'status', status: 429, message: 'Rate limit reached', retryAfter: '7' },
      { failure: 'RETRYABLE', code: 'RATE_LIMITED', retryAfterMs: 7000 },
    ],
    [
      '500 → retryable',
      { kind: 'status', status: 500, message: 'The server had an error' },
      { failure: 'RETRYABLE', code: 'PROVIDER_UNAVAILABLE' },
    ],
    [
      'a malformed body → retryable',
      { kind: 'malformed' },
      { failure: 'RETRYABLE', code: 'PROVIDER_BAD_RESPONSE' },
    ],
    [
      'a malformed stream event → retryable',
      { kind: 'malformed-stream' },
      { failure: 'RETRYABLE', code: 'PROVIDER_BAD_RESPONSE' },
    ],
    [
      'a stream that ends early → retryable',
      { kind: 'truncated' },
      { failure: 'RETRYABLE', code: 'PROVIDER_BAD_RESPONSE' },
    ],
    [
      'a server error in the stream → retryable',
      { kind: 'stream-error', type: 'server_error', code: 'internal_error', message: 'oops' },
      { failure: 'RETRYABLE', code: 'PROVIDER_UNAVAILABLE', message: 'OpenAI: oops' },
    ],
    [
      'a moderation refusal → BLOCKED with OpenAI’s reason',
      { kind: 'moderation' },
      { failure: 'BLOCKED', code: 'CONTENT_FILTERED', message: `OpenAI: ${MODERATION_MESSAGE}` },
    ],
    [
      'a content policy refusal → BLOCKED',
      { kind: 'status', status: 400, message: 'Prompt refused', code: 'content_policy_violation' },
      { failure: 'BLOCKED', code: 'CONTENT_FILTERED', message: 'OpenAI: Prompt refused' },
    ],
    [
      'a refused output mid-stream → BLOCKED',
      {
        kind: 'stream-error',
        type: 'image_generation_user_error',
        code: 'moderation_blocked',
        message: 'Output refused',
      },
      { failure: 'BLOCKED', code: 'CONTENT_FILTERED', message: 'OpenAI: Output refused' },
    ],
  ])('maps %s', async (_name, scripted, expected) => {
    fake.failNext(scripted);
    const error = await failure(provider().run(request(), recordingContext().context));
    expect(error).toMatchObject(expected);
  });

  it('maps a refused key to PROVIDER_AUTH without echoing the key', async () => {
    const wrong = 'sk-wrong-key-that-openai-echoes';
    const error = await failure(
      provider({ apiKey: wrong }).run(request(), recordingContext().context),
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_AUTH' });
    expect(error.message).not.toContain(wrong);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${wrong}`);
  });

  it('scrubs the key from provider messages', async () => {
    fake.failNext({ kind: 'status', status: 400, message: `bad request for ${KEY}` });
    const error = await failure(provider().run(request(), recordingContext().context));
    expect(error.message).toBe('OpenAI: bad request for [redacted]');
    fake.failNext({ kind: 'stream-error', type: 'server_error', code: 'x', message: `key ${KEY}` });
    expect((await failure(provider().run(request(), recordingContext().context))).message).toBe(
      'OpenAI: key [redacted]',
    );
  });

  it('times out a request that hangs as retryable', async () => {
    fake.failNext({ kind: 'hang' });
    const started = Date.now();
    const error = await failure(
      provider({ requestTimeoutMs: 200 }).run(request(), recordingContext().context),
    );
    expect(error).toMatchObject({ failure: 'RETRYABLE', code: 'PROVIDER_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a stream that stalls after its headers as retryable', async () => {
    const stalling = await startOpenAIFake({ key: KEY, eventDelayMs: 1000 });
    try {
      const adapter = createOpenAIProvider({
        apiKey: KEY,
        baseUrl: stalling.baseUrl,
        requestTimeoutMs: 150,
      });
      const error = await failure(adapter.run(request(), recordingContext().context));
      expect(error).toMatchObject({ failure: 'RETRYABLE', code: 'PROVIDER_TIMEOUT' });
    } finally {
      await stalling.stop();
    }
  });

  it('fails without a key before calling OpenAI', async () => {
    const error = await failure(
      provider({ apiKey: undefined }).run(request(), recordingContext().context),
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_AUTH' });
    expect(fake.requests).toHaveLength(0);
  });

  it('cancels by closing the streaming request', async () => {
    const slow = await startOpenAIFake({ key: KEY, eventDelayMs: 300 });
    try {
      const reason = new Error('cancelled by the user');
      const recording = recordingContext((update) => {
        if (update.preview) recording.abort(reason);
      });
      const started = Date.now();
      const run = createOpenAIProvider({ apiKey: KEY, baseUrl: slow.baseUrl }).run(
        request({ count: 2 }),
        recording.context,
      );
      await expect(run).rejects.toBe(reason);
      // One event pause to the first preview, none waiting for the final image.
      expect(Date.now() - started).toBeLessThan(550);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(slow.requests).toHaveLength(2);
      expect(slow.requests.every((r) => r.closedEarly)).toBe(true);
    } finally {
      await slow.stop();
    }
  });

  it('starts afresh on a retry: there is no remote job to resume', async () => {
    const recording = recordingContext();
    const outputs = await provider().run(request(), { ...recording.context, remoteJobId: 'stale' });
    expect(outputs).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
    expect(recording.recorded).toEqual([]);
  });

  describe('validateKey', () => {
    it('lists models with the key to check it', async () => {
      await expect(provider().validateKey({ key: KEY })).resolves.toBe(true);
      expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
      expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
      await expect(provider().validateKey({ key: 'sk-nope' })).resolves.toBe(false);
    });

    it('throws a retryable error when OpenAI fails or cannot be reached', async () => {
      fake.failNext({ kind: 'status', status: 503, message: 'overloaded' });
      expect(await failure(provider().validateKey({ key: KEY }))).toMatchObject({
        failure: 'RETRYABLE',
      });
      const closed = createOpenAIProvider({ apiKey: KEY, baseUrl: 'http://127.0.0.1:1/v1' });
      expect(await failure(closed.validateKey({ key: KEY }))).toMatchObject({
        failure: 'RETRYABLE',
        code: 'PROVIDER_UNREACHABLE',
      });
    });
  });
});
