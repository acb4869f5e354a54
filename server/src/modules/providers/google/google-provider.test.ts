import { startGoogleFake, type GoogleFake } from '../../../../test/support/fakes/google-fake';
import { resolveSize } from '../dimensions';
import { recordingContext } from '../local/local-testing';
import { ProviderError, type GenerationRequest } from '../provider';
import { createGoogleProvider } from './google-provider';

let fake: GoogleFake;
beforeEach(async () => {
  fake = await startGoogleFake({ maxDownloads: 1 });
});
afterEach(() => fake.stop());

const provider = (apiKey = fake.key) =>
  createGoogleProvider({ apiKey, baseUrl: fake.baseUrl, pollIntervalMs: 1, requestTimeoutMs: 300 });

function request(modelId: string, overrides: Partial<GenerationRequest> = {}): GenerationRequest {
  const model = provider()
    .models()
    .find((m) => m.id === modelId)!;
  const video = model.kind === 'VIDEO';
  return {
    generationId: 'gen-1',
    kind: model.kind,
    model,
    prompt: 'a fox in the snow',
    negativePrompt: video ? 'blurry' : null,
    count: 1,
    width: 1280,
    height: 720,
    aspectRatio: '16:9',
    durationSeconds: video ? 8 : null,
    seed: 7,
    references: [],
    params: video ? {} : { personGeneration: 'allow_adult' },
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as Error).message).not.toContain(fake.key);
  return error as ProviderError;
}

describe('the Google provider', () => {
  it('describes itself, and is disabled without a key', () => {
    expect(provider()).toMatchObject({ id: 'google', name: 'Google', enabled: true });
    expect(createGoogleProvider({ baseUrl: fake.baseUrl }).enabled).toBe(false);
    expect(
      provider()
        .models()
        .map((m) => [m.id, m.price]),
    ).toEqual([
      ['imagen-4.0-generate-001', { credits: 4, per: 'output' }],
      ['imagen-4.0-ultra-generate-001', { credits: 6, per: 'output' }],
      ['imagen-4.0-fast-generate-001', { credits: 2, per: 'output' }],
      ['veo-3.0-generate-001', { credits: 40, per: 'second' }],
      ['veo-3.0-fast-generate-001', { credits: 15, per: 'second' }],
    ]);
  });

  it('records the sizes Imagen (1K) and Veo (720p) render for each aspect ratio', () => {
    const sizes = Object.fromEntries(
      provider()
        .models()
        .map((m) => [
          m.id,
          m.capabilities.aspectRatios.map((aspectRatio) => {
            const { width, height } = resolveSize(m.capabilities, { aspectRatio }).value!;
            return `${aspectRatio} ${width}×${height}`;
          }),
        ]),
    );
    const imagen = [
      '1:1 1024×1024',
      '16:9 1408×768',
      '9:16 768×1408',
      '4:3 1280×896',
      '3:4 896×1280',
    ];
    const veo = ['16:9 1280×720', '9:16 720×1280'];
    expect(sizes).toEqual({
      'imagen-4.0-generate-001': imagen,
      'imagen-4.0-ultra-generate-001': imagen,
      'imagen-4.0-fast-generate-001': imagen,
      'veo-3.0-generate-001': veo,
      'veo-3.0-fast-generate-001': veo,
    });
  });

  it('makes Imagen images in one request', async () => {
    const { context, reports } = recordingContext();
    const outputs = await provider().run(request('imagen-4.0-generate-001', { count: 3 }), context);
    expect(outputs).toHaveLength(3);
    expect(outputs[0]).toMatchObject({ contentType: 'image/png' });
    expect('data' in outputs[0]! && outputs[0].data.subarray(1, 4).toString()).toBe('PNG');
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1beta/models/imagen-4.0-generate-001:predict',
      headers: { 'x-goog-api-key': fake.key, 'content-type': 'application/json' },
      body: {
        instances: [{ prompt: 'a fox in the snow' }],
        parameters: { sampleCount: 3, aspectRatio: '16:9', personGeneration: 'allow_adult' },
      },
    });
    expect(reports.at(-1)).toEqual({ progress: 1, message: '3 images generated' });
  });

  it('returns the unfiltered images, and BLOCKED when all are filtered', async () => {
    fake.filterImages(1);
    const { context, reports } = recordingContext();
    const some = await provider().run(request('imagen-4.0-generate-001', { count: 2 }), context);
    expect(some).toHaveLength(1);
    expect(reports.at(-1)!.message).toMatch(/1 of 2 images returned; 1 filtered: .*Responsible AI/);
    fake.filterImages(2);
    const blocked = await failure(
      provider().run(request('imagen-4.0-generate-001', { count: 2 }), recordingContext().context),
    );
    expect(blocked).toMatchObject({ failure: 'BLOCKED', code: 'CONTENT_FILTERED' });
    expect(blocked.message).toContain('Responsible AI');
  });

  it('classifies every kind of failure', async () => {
    const run = () =>
      provider().run(request('imagen-4.0-fast-generate-001'), recordingContext().context);
    expect(
      await failure(
        provider('AIza-wrong').run(request('imagen-4.0-generate-001'), recordingContext().context),
      ),
    ).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_AUTH' });
    fake.fail('predict', { kind: 'status', status: 401 });
    expect(await failure(run())).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_AUTH' });
    fake.fail('predict', {
      kind: 'status',
      status: 400,
      message: 'Aspect ratio 5:1 is not supported.',
    });
    const invalid = await failure(run());
    expect(invalid).toMatchObject({ failure: 'PERMANENT', code: 'INVALID_INPUT' });
    expect(invalid.message).toContain('Aspect ratio 5:1 is not supported.');
    fake.fail('predict', { kind: 'status', status: 429 });
    expect(await failure(run())).toMatchObject({
      failure: 'RETRYABLE',
      code: 'RATE_LIMITED',
      retryAfterMs: 12_000,
    });
    fake.fail('predict', { kind: 'status', status: 500 });
    expect(await failure(run())).toMatchObject({ failure: 'RETRYABLE' });
    fake.fail('predict', { kind: 'hang' });
    expect(await failure(run())).toMatchObject({ failure: 'RETRYABLE', code: 'PROVIDER_TIMEOUT' });
    fake.fail('predict', { kind: 'malformed' });
    expect(await failure(run())).toMatchObject({
      failure: 'RETRYABLE',
      code: 'PROVIDER_BAD_RESPONSE',
    });
  });

  it('runs Veo as a recorded operation, polled until done, downloaded with the key', async () => {
    const frame = Buffer.from('fake-png-bytes');
    const reference = {
      url: `${fake.baseUrl}/ref.png`,
      contentType: 'image/png',
      bytes: async () => frame,
    };
    const { context, reports, recorded } = recordingContext();
    const outputs = await provider().run(
      request('veo-3.0-generate-001', { references: [reference] }),
      context,
    );
    expect(recorded).toEqual(['models/veo-3.0-generate-001/operations/op-1']);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1beta/models/veo-3.0-generate-001:predictLongRunning',
      headers: { 'x-goog-api-key': fake.key },
      body: {
        instances: [
          {
            prompt: 'a fox in the snow',
            image: { bytesBase64Encoded: frame.toString('base64'), mimeType: 'image/png' },
          },
        ],
        parameters: { aspectRatio: '16:9', durationSeconds: 8, negativePrompt: 'blurry' },
      },
    });
    expect(fake.requests.slice(1).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1beta/models/veo-3.0-generate-001/operations/op-1',
      'GET /v1beta/models/veo-3.0-generate-001/operations/op-1',
    ]);
    expect(reports.every((r) => r.progress === undefined)).toBe(true);
    expect(reports.map((r) => r.message)).toEqual([
      'Video submitted to Google; Veo gives no progress figures',
      expect.stringMatching(/^Generating the video \(\d+ s so far\)$/),
    ]);
    expect(outputs).toEqual([
      {
        url: expect.stringMatching(/\/files\/video-op-1:download\?alt=media$/),
        headers: { 'x-goog-api-key': fake.key },
        contentType: 'video/mp4',
      },
    ]);
    const output = outputs[0] as { url: string; headers: Record<string, string> };
    const first = await fetch(output.url, { headers: output.headers });
    expect(first.headers.get('content-type')).toBe('video/mp4');
    expect((await first.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await fetch(output.url, { headers: output.headers })).status).toBe(404);
    expect((await fetch(output.url)).status).toBe(403);
  });

  it('resumes a stored operation without submitting again', async () => {
    const name = fake.seedOperation('veo-3.0-fast-generate-001');
    const { context, recorded } = recordingContext();
    const outputs = await provider().run(request('veo-3.0-fast-generate-001'), {
      ...context,
      remoteJobId: name,
    });
    expect(outputs).toHaveLength(1);
    expect(recorded).toEqual([]);
    expect(fake.requests.some((r) => r.path.endsWith(':predictLongRunning'))).toBe(false);
    expect(fake.polls.get(name)).toBe(2);
  });

  it('maps Veo filtering and errors', async () => {
    fake.endVideo({
      kind: 'filtered',
      reasons: ['The prompt could not be submitted: it may violate our policies.'],
    });
    const filtered = await failure(
      provider().run(request('veo-3.0-generate-001'), recordingContext().context),
    );
    expect(filtered).toMatchObject({ failure: 'BLOCKED', code: 'CONTENT_FILTERED' });
    expect(filtered.message).toContain('may violate our policies');
    fake.endVideo({ kind: 'error', code: 3, message: 'Video blocked by Responsible AI filters.' });
    expect(
      await failure(provider().run(request('veo-3.0-generate-001'), recordingContext().context)),
    ).toMatchObject({ failure: 'BLOCKED' });
    fake.endVideo({ kind: 'error', code: 13, message: 'Internal error while generating.' });
    const broken = await failure(
      provider().run(request('veo-3.0-generate-001'), recordingContext().context),
    );
    expect(broken).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_ERROR' });
    fake.fail('poll', { kind: 'status', status: 503 });
    expect(
      await failure(provider().run(request('veo-3.0-generate-001'), recordingContext().context)),
    ).toMatchObject({ failure: 'RETRYABLE' });
  });

  it('stops polling promptly when aborted', async () => {
    fake.endVideo({ kind: 'video' }, 1_000_000);
    const slow = createGoogleProvider({
      apiKey: fake.key,
      baseUrl: fake.baseUrl,
      pollIntervalMs: 20,
    });
    const { context, abort } = recordingContext();
    const running = slow.run(request('veo-3.0-generate-001'), context);
    while ((fake.polls.get('models/veo-3.0-generate-001/operations/op-1') ?? 0) < 2) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const reason = new Error('cancelled');
    abort(reason);
    await expect(running).rejects.toBe(reason);
    const seen = fake.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.requests.length).toBe(seen);
  });

  it('validates keys with a one-model listing', async () => {
    expect(await provider().validateKey({ key: fake.key })).toBe(true);
    expect(await provider().validateKey({ key: 'AIza-wrong' })).toBe(false);
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      path: '/v1beta/models',
      headers: { 'x-goog-api-key': fake.key },
    });
    expect(fake.requests[0]!.query.get('pageSize')).toBe('1');
    fake.fail('models', { kind: 'status', status: 500 });
    expect(await failure(provider().validateKey({ key: fake.key }))).toMatchObject({
      failure: 'RETRYABLE',
    });
  });
});
