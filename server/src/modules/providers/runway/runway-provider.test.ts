import sharp from 'sharp';
import {
  startRunwayFake,
  TINY_MP4,
  type RunwayFake,
} from '../../../../test/support/fakes/runway-fake';
import { resolveSize } from '../dimensions';
import {
  ProviderError,
  type GenerationProvider,
  type GenerationRequest,
  type ProgressUpdate,
  type ReferenceImage,
  type RunContext,
} from '../provider';
import { createRunwayProvider } from './runway-provider';

let fake: RunwayFake;
let provider: GenerationProvider;
let png: Buffer;
let reference: ReferenceImage;

beforeAll(async () => {
  png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c04020' } })
    .png()
    .toBuffer();
});

beforeEach(async () => {
  fake = await startRunwayFake({ outputMaxFetches: 1 });
  provider = createRunwayProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    pollIntervalMs: 0,
    requestTimeoutMs: 500,
  });
  reference = {
    url: fake.serve('/assets/ref.png', png, 'image/png'),
    contentType: 'image/png',
    bytes: async () => png,
  };
});

afterEach(() => fake.stop());

function request(modelId = 'gen4_turbo', overrides: Partial<GenerationRequest> = {}) {
  const model = provider.models().find((m) => m.id === modelId)!;
  return {
    generationId: 'gen-1',
    kind: 'VIDEO',
    model,
    prompt: 'waves roll in slowly',
    negativePrompt: null,
    count: 1,
    width: 1280,
    height: 720,
    aspectRatio: '16:9',
    durationSeconds: 5,
    seed: 42,
    references: modelId === 'gen4_turbo' ? [reference] : [],
    params: {},
    ...overrides,
  } satisfies GenerationRequest;
}

function context(remoteJobId: string | null = null) {
  const controller = new AbortController();
  const reports: ProgressUpdate[] = [];
  const recorded: string[] = [];
  const ctx: RunContext = {
    signal: controller.signal,
    remoteJobId,
    recordRemoteJob: async (id) => void recorded.push(id),
    report: async (update) => void reports.push(update),
  };
  return { ctx, controller, reports, recorded };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as Error).message).not.toContain(fake.apiKey);
  return error as ProviderError;
}

describe('the Runway provider', () => {
  it('describes itself and its models', () => {
    expect(provider).toMatchObject({ id: 'runway', name: 'Runway', enabled: true });
    expect(createRunwayProvider({ baseUrl: fake.baseUrl }).enabled).toBe(false);
    const [turbo, gen45] = provider.models();
    expect(turbo).toMatchObject({
      id: 'gen4_turbo',
      kind: 'VIDEO',
      price: { credits: 5, per: 'second' },
      capabilities: { durations: [5, 10], referenceImages: 1, count: { max: 1 } },
    });
    expect(turbo!.capabilities.aspectRatios.slice(0, 3)).toEqual(['16:9', '9:16', '1:1']);
    expect(gen45).toMatchObject({ id: 'gen4.5', price: { credits: 12, per: 'second' } });
    expect(gen45!.capabilities.referenceImages).toBe(0);
  });

  it('animates a reference sent inline, reporting the status sequence', async () => {
    const { ctx, reports, recorded } = context();
    const outputs = await provider.run(request('gen4_turbo', { aspectRatio: '1:1' }), ctx);
    expect(recorded).toEqual(['task-1']);
    expect(outputs).toEqual([
      { url: `${fake.origin}/outputs/task-1.mp4`, contentType: 'video/mp4' },
    ]);
    const [create, ...polls] = fake.apiRequests();
    expect(create).toMatchObject({
      method: 'POST',
      path: '/v1/image_to_video',
      body: {
        model: 'gen4_turbo',
        promptText: 'waves roll in slowly',
        ratio: '960:960',
        duration: 5,
        seed: 42,
        promptImage: `data:image/png;base64,${png.toString('base64')}`,
      },
    });
    expect(create!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(create!.headers['x-runway-version']).toBe('2024-11-06');
    expect(polls.map((p) => `${p.method} ${p.path}`)).toEqual(
      Array(5).fill('GET /v1/tasks/task-1'),
    );
    // Runway never needed to fetch our (possibly private) URL.
    expect(fake.requests.some((r) => r.path === '/assets/ref.png')).toBe(false);
    expect(reports.slice(1)).toEqual([
      { message: 'Queued at Runway' },
      { message: expect.stringMatching(/^Waiting: Runway holds this task/) },
      { progress: 0.25, message: 'Generating at Runway (25%)' },
      { progress: 0.75, message: 'Generating at Runway (75%)' },
    ]);
    // The output is a real download, which stops working once copied.
    const url = (outputs[0] as { url: string }).url;
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(TINY_MP4)).toBe(true);
    expect((await fetch(url)).status).toBe(404);
  });

  it('generates from text alone with gen4.5 on text_to_video', async () => {
    fake.setSteps([{ status: 'RUNNING' }, { status: 'SUCCEEDED' }]);
    const { ctx, reports } = context();
    await provider.run(request('gen4.5', { aspectRatio: '9:16', durationSeconds: 10 }), ctx);
    const [create] = fake.apiRequests();
    expect(create).toMatchObject({ method: 'POST', path: '/v1/text_to_video' });
    expect(create!.body).toEqual({
      model: 'gen4.5',
      promptText: 'waves roll in slowly',
      ratio: '720:1280',
      duration: 10,
      seed: 42,
    });
    // RUNNING without progress is indeterminate.
    expect(reports).toContainEqual({ message: 'Generating at Runway' });
  });

  it('records the size Runway renders: the `ratio` it sends, in pixels', async () => {
    const [turbo, gen45] = provider.models();
    expect(gen45!.capabilities.sizes).toEqual({
      '16:9': { width: 1280, height: 720 },
      '9:16': { width: 720, height: 1280 },
    });
    fake.setSteps([{ status: 'SUCCEEDED' }]);
    for (const aspectRatio of turbo!.capabilities.aspectRatios) {
      const { value } = resolveSize(turbo!.capabilities, { aspectRatio });
      const before = fake.apiRequests().length;
      await provider.run(request('gen4_turbo', { aspectRatio }), context().ctx);
      const create = fake.apiRequests()[before];
      expect(create!.body).toMatchObject({ ratio: `${value!.width}:${value!.height}` });
    }
  });

  it('refuses gen4_turbo without a reference, before paying', async () => {
    const error = await failure(
      provider.run(request('gen4_turbo', { references: [] }), context().ctx),
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'INVALID_INPUT' });
    expect(fake.apiRequests()).toHaveLength(0);
  });

  it('rejects a reference too big to inline with a non-https address', async () => {
    const big: ReferenceImage = { ...reference, bytes: async () => Buffer.alloc(4 * 1024 * 1024) };
    const error = await failure(
      provider.run(request('gen4_turbo', { references: [big] }), context().ctx),
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'INVALID_INPUT' });
    const https = { ...big, url: 'https://files.example.test/ref.png' };
    await provider.run(request('gen4_turbo', { references: [https] }), context().ctx);
    expect(fake.apiRequests()[0]!.body).toMatchObject({ promptImage: https.url });
  });

  it.each([
    [
      '401',
      { kind: 'status', status: 401, body: { error: 'Invalid API key.' } },
      'PERMANENT',
      'PROVIDER_AUTH',
      undefined,
    ],
    [
      '429',
      { kind: 'status', status: 429, headers: { 'Retry-After': '7' } },
      'RETRYABLE',
      'RATE_LIMITED',
      7000,
    ],
    ['500', { kind: 'status', status: 500 }, 'RETRYABLE', 'PROVIDER_UNAVAILABLE', undefined],
    ['a hang', { kind: 'hang' }, 'RETRYABLE', 'PROVIDER_TIMEOUT', undefined],
    ['malformed JSON', { kind: 'malformed' }, 'RETRYABLE', 'PROVIDER_BAD_RESPONSE', undefined],
  ] as const)('classifies %s on create', async (_name, scripted, kind, code, retryAfterMs) => {
    fake.fail('create', scripted);
    const { ctx, recorded } = context();
    const error = await failure(provider.run(request(), ctx));
    expect(error).toMatchObject({ failure: kind, code });
    expect(error.retryAfterMs).toBe(retryAfterMs);
    expect(recorded).toEqual([]);
  });

  it('answers a refused key with PROVIDER_AUTH, without sending it anywhere else', async () => {
    const wrong = createRunwayProvider({ apiKey: 'rw-wrong-key', baseUrl: fake.baseUrl });
    const error = await failure(wrong.run(request(), context().ctx));
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_AUTH' });
    expect(error.message).not.toContain('rw-wrong-key');
  });

  it('serves outputs that expire after a while', async () => {
    const expiring = await startRunwayFake({ outputTtlMs: 50 });
    try {
      const quick = createRunwayProvider({
        apiKey: expiring.apiKey,
        baseUrl: expiring.baseUrl,
        pollIntervalMs: 0,
      });
      const [output] = await quick.run(request(), context().ctx);
      const url = (output as { url: string }).url;
      expect((await fetch(url)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect((await fetch(url)).status).toBe(404);
    } finally {
      await expiring.stop();
    }
  });

  it('passes on Runway’s own message for a 400', async () => {
    const error = await failure(
      provider.run(request('gen4_turbo', { durationSeconds: 7 }), context().ctx),
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'INVALID_INPUT' });
    expect(error.message).toBe('Runway: Duration must be 5 or 10.');
  });

  it('classifies errors while polling, keeping the task id', async () => {
    fake.fail('poll', { kind: 'status', status: 503 });
    const { ctx, recorded } = context();
    expect(await failure(provider.run(request(), ctx))).toMatchObject({ failure: 'RETRYABLE' });
    expect(recorded).toEqual(['task-1']);
  });

  it('reports a content moderation failure as BLOCKED with the reason', async () => {
    fake.setSteps([
      { status: 'RUNNING', progress: 0.1 },
      { status: 'FAILED', failure: 'The prompt was flagged.', failureCode: 'SAFETY.INPUT.TEXT' },
    ]);
    const error = await failure(provider.run(request(), context().ctx));
    expect(error).toMatchObject({ failure: 'BLOCKED', code: 'CONTENT_FILTERED' });
    expect(error.message).toContain('The prompt was flagged. (SAFETY.INPUT.TEXT)');
  });

  it('maps other failures: internal ones retryable, bad assets permanent', async () => {
    fake.setSteps([
      { status: 'FAILED', failure: 'Oops.', failureCode: 'INTERNAL.BAD_OUTPUT.CODE01' },
    ]);
    expect(await failure(provider.run(request(), context().ctx))).toMatchObject({
      failure: 'RETRYABLE',
    });
    fake.setSteps([{ status: 'FAILED', failure: 'Bad image.', failureCode: 'ASSET.INVALID' }]);
    expect(await failure(provider.run(request(), context().ctx))).toMatchObject({
      failure: 'PERMANENT',
      code: 'INVALID_INPUT',
    });
  });

  it('stops polling promptly on abort, and cancel deletes the task', async () => {
    fake.setSteps([{ status: 'RUNNING', progress: 0.5 }]);
    const slow = createRunwayProvider({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      pollIntervalMs: 60_000,
    });
    const { ctx, controller, recorded } = context();
    const running = slow.run(request(), ctx);
    while (fake.apiRequests().length < 2) await new Promise((r) => setTimeout(r, 5));
    const reason = new Error('canceled by the user');
    const started = Date.now();
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1000);
    await slow.cancel({ remoteJobId: recorded[0]! });
    expect(fake.apiRequests().at(-1)).toMatchObject({ method: 'DELETE', path: '/v1/tasks/task-1' });
    expect(fake.tasks.get('task-1')!.cancelled).toBe(true);
    await expect(slow.cancel({ remoteJobId: 'task-404' })).resolves.toBeUndefined();
  });

  it('resumes a recorded task without submitting again', async () => {
    await provider.run(request(), context().ctx);
    const before = fake.apiRequests().length;
    const { ctx, recorded } = context('task-1');
    const outputs = await provider.run(request(), ctx);
    expect(outputs).toHaveLength(1);
    expect(recorded).toEqual([]);
    const after = fake.apiRequests().slice(before);
    expect(after.every((r) => r.method === 'GET' && r.path === '/v1/tasks/task-1')).toBe(true);
  });

  it('starts a fresh task when the resumed one failed on Runway’s side', async () => {
    fake.setSteps([{ status: 'FAILED', failure: 'Oops.', failureCode: 'INTERNAL' }]);
    await failure(provider.run(request(), context().ctx));
    fake.setSteps([{ status: 'SUCCEEDED' }]);
    const { ctx, recorded } = context('task-1');
    await provider.run(request(), ctx);
    expect(recorded).toEqual(['task-2']);
  });

  it('validates keys with GET /organization', async () => {
    expect(await provider.validateKey({ key: fake.apiKey })).toBe(true);
    expect(fake.apiRequests().at(-1)).toMatchObject({ method: 'GET', path: '/v1/organization' });
    expect(await provider.validateKey({ key: 'wrong' })).toBe(false);
    fake.fail('organization', { kind: 'status', status: 502 });
    const error = await failure(provider.validateKey({ key: fake.apiKey }));
    expect(error.failure).toBe('RETRYABLE');
  });

  it('never puts the key in an error', async () => {
    fake.fail('create', { kind: 'status', status: 400, body: { error: `bad key ${fake.apiKey}` } });
    const error = await failure(provider.run(request(), context().ctx));
    expect(error.message).toContain('[redacted]');
  });
});
