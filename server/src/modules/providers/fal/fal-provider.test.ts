import { startFalFake, type FalFake } from '../../../../test/support/fakes/fal-fake';
import { recordingContext } from '../local/local-testing';
import { ProviderError, type GenerationRequest, type ReferenceImage } from '../provider';
import { FAL_MODELS } from './fal-models';
import { createFalProvider } from './fal-provider';

let fake: FalFake;
beforeAll(async () => {
  fake = await startFalFake();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
  fake.script([
    { queuePosition: 2 },
    { queuePosition: 1 },
    { logs: ['Loading model'] },
    { logs: ['Step 4/4'] },
  ]);
  fake.expireFiles({});
});

const provider = (options: { requestTimeoutMs?: number; apiKey?: string } = {}) =>
  createFalProvider({ apiKey: fake.key, baseUrl: fake.baseUrl, pollIntervalMs: 0, ...options });

function request(modelId: string, overrides: Partial<GenerationRequest> = {}): GenerationRequest {
  const model = FAL_MODELS.find((m) => m.id === modelId)!;
  return {
    generationId: 'gen-1',
    kind: model.kind,
    model,
    prompt: 'a lighthouse in fog',
    negativePrompt: null,
    count: 1,
    width: 1024,
    height: 576,
    aspectRatio: '16:9',
    durationSeconds: model.kind === 'VIDEO' ? 5 : null,
    seed: 42,
    references: [],
    params: {},
    ...overrides,
  };
}

const reference = (bytes: Buffer): ReferenceImage => ({
  url: `${fake.baseUrl}/not-fetched.png`,
  contentType: 'image/png',
  bytes: async () => bytes,
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as Error).message).not.toContain(fake.key);
  return error as ProviderError;
}

describe('the fal provider', () => {
  it('describes itself and is disabled without a key', () => {
    expect(provider()).toMatchObject({ id: 'fal', name: 'fal', enabled: true });
    expect(createFalProvider({ baseUrl: fake.baseUrl }).enabled).toBe(false);
    const models = provider().models();
    expect(models.map((m) => m.id)).toContain('fal-ai/flux/dev');
    expect(models[0]).not.toHaveProperty('input');
  });

  it('submits, follows the queue and logs, and returns the CDN URLs', async () => {
    const { context, reports, recorded } = recordingContext();
    const outputs = await provider().run(
      request('fal-ai/flux/dev', {
        count: 2,
        params: { num_inference_steps: 28, guidance_scale: 3.5 },
      }),
      context,
    );
    const [submit, ...rest] = fake.requests;
    expect(submit).toMatchObject({
      method: 'POST',
      path: '/fal-ai/flux/dev',
      headers: { authorization: `Key ${fake.key}`, 'content-type': 'application/json' },
      body: {
        prompt: 'a lighthouse in fog',
        image_size: { width: 1024, height: 576 },
        num_images: 2,
        seed: 42,
        enable_safety_checker: true,
        num_inference_steps: 28,
        guidance_scale: 3.5,
      },
    });
    const id = [...fake.jobs.values()].at(-1)!.id;
    expect(recorded).toEqual([`fal-ai/flux/dev::${id}`]);
    // Status and result drop the model's sub-path.
    expect(rest.map((r) => `${r.method} ${r.path}`)).toEqual([
      ...Array(5).fill(`GET /fal-ai/flux/requests/${id}/status?logs=1`),
      `GET /fal-ai/flux/requests/${id}`,
    ]);
    expect(reports).toEqual([
      { queuePosition: 2 },
      { queuePosition: 1 },
      { message: 'Loading model' },
      { message: 'Step 4/4' },
    ]);
    expect(reports.some((r) => r.progress !== undefined)).toBe(false);
    expect(outputs).toHaveLength(2);
    const response = await fetch((outputs[0] as { url: string }).url);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(fake.png)).toBe(true);
  });

  it('reports an indeterminate state when a running request has no logs', async () => {
    fake.script([{ logs: [] }, { logs: [] }]);
    const { context, reports } = recordingContext();
    await provider().run(request('fal-ai/flux/schnell'), context);
    expect(reports).toEqual([{ message: 'fal is generating' }]);
  });

  it('sends a reference as a data URI and a video request’s duration as text', async () => {
    const bytes = Buffer.from('tiny-png-bytes');
    const { context } = recordingContext();
    const outputs = await provider().run(
      request('fal-ai/kling-video/v2.1/standard/image-to-video', {
        durationSeconds: 10,
        negativePrompt: 'blur',
        references: [reference(bytes)],
        params: { cfg_scale: 0.5 },
      }),
      context,
    );
    expect(fake.requests[0]).toMatchObject({
      path: '/fal-ai/kling-video/v2.1/standard/image-to-video',
      body: {
        prompt: 'a lighthouse in fog',
        image_url: `data:image/png;base64,${bytes.toString('base64')}`,
        duration: '10',
        negative_prompt: 'blur',
        cfg_scale: 0.5,
      },
    });
    expect(fake.requests[0]!.body).not.toHaveProperty('seed');
    expect(fake.requests[1]!.path).toMatch(/^\/fal-ai\/kling-video\/requests\//);
    expect(outputs).toEqual([{ url: expect.stringContaining('.mp4'), contentType: 'video/mp4' }]);
  });

  it('sends Kontext an aspect ratio and refuses to run it without a reference', async () => {
    const { context } = recordingContext();
    await provider().run(
      request('fal-ai/flux-pro/kontext', { references: [reference(Buffer.from('x'))] }),
      context,
    );
    expect(fake.requests[0]!.body).toMatchObject({ aspect_ratio: '16:9', num_images: 1 });
    expect(fake.requests[0]!.body).not.toHaveProperty('image_size');
    fake.requests.length = 0;
    const error = await failure(provider().run(request('fal-ai/flux-pro/kontext'), context));
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'INVALID_INPUT' });
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    [{ kind: 'status', status: 401 } as const, 'PERMANENT', 'PROVIDER_AUTH'],
    [{ kind: 'status', status: 500 } as const, 'RETRYABLE', 'PROVIDER_UNAVAILABLE'],
    [{ kind: 'malformed' } as const, 'RETRYABLE', 'PROVIDER_BAD_RESPONSE'],
  ])('classifies a submit failure %j', async (scripted, failureClass, code) => {
    fake.failNext('submit', scripted);
    const error = await failure(
      provider().run(request('fal-ai/flux/schnell'), recordingContext().context),
    );
    expect(error).toMatchObject({ failure: failureClass, code });
  });

  it('sends a wrong key as fal expects and gets PROVIDER_AUTH', async () => {
    const error = await failure(
      provider({ apiKey: 'wrong-key' }).run(
        request('fal-ai/flux/schnell'),
        recordingContext().context,
      ),
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_AUTH' });
    expect(error.message).not.toContain('wrong-key');
  });

  it('reads fal’s 422 validation detail into INVALID_INPUT', async () => {
    fake.failNext('submit', {
      kind: 'status',
      status: 422,
      body: {
        detail: [
          {
            loc: ['body', 'num_images'],
            msg: 'ensure this value is less than or equal to 4',
            type: 'value_error',
          },
        ],
      },
    });
    const error = await failure(
      provider().run(request('fal-ai/flux/schnell'), recordingContext().context),
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'INVALID_INPUT' });
    expect(error.message).toBe('fal: num_images: ensure this value is less than or equal to 4');
  });

  it('passes on fal’s message for a 400', async () => {
    fake.failNext('submit', {
      kind: 'status',
      status: 400,
      body: { detail: 'Unsupported image size' },
    });
    const error = await failure(
      provider().run(request('fal-ai/flux/schnell'), recordingContext().context),
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'INVALID_INPUT' });
    expect(error.message).toBe('fal: Unsupported image size');
  });

  it('honours Retry-After on 429 and times out a hang as retryable', async () => {
    fake.failNext('status', { kind: 'status', status: 429, retryAfter: '7' });
    const limited = await failure(
      provider().run(request('fal-ai/flux/schnell'), recordingContext().context),
    );
    expect(limited).toMatchObject({
      failure: 'RETRYABLE',
      code: 'RATE_LIMITED',
      retryAfterMs: 7000,
    });
    fake.failNext('status', { kind: 'hang' });
    const hung = await failure(
      provider({ requestTimeoutMs: 200 }).run(
        request('fal-ai/flux/schnell'),
        recordingContext().context,
      ),
    );
    expect(hung).toMatchObject({ failure: 'RETRYABLE', code: 'PROVIDER_TIMEOUT' });
  });

  it('blocks images flagged by the safety checker and content-policy refusals', async () => {
    fake.script([], { kind: 'nsfw' });
    const flagged = await failure(
      provider().run(request('fal-ai/flux/dev'), recordingContext().context),
    );
    expect(flagged).toMatchObject({ failure: 'BLOCKED', code: 'CONTENT_FILTERED' });
    expect(flagged.message).toMatch(/safety checker flagged 1 of 1/);
    fake.script([], { kind: 'policy', message: 'The content was flagged by a content checker.' });
    const refused = await failure(
      provider().run(request('fal-ai/flux/dev'), recordingContext().context),
    );
    expect(refused).toMatchObject({ failure: 'BLOCKED', code: 'CONTENT_FILTERED' });
    expect(refused.message).toContain('prompt: The content was flagged by a content checker.');
  });

  it('fails permanently on a run that completed with an error', async () => {
    fake.script([], { kind: 'error', message: 'CUDA out of memory' });
    const error = await failure(
      provider().run(request('fal-ai/flux/dev'), recordingContext().context),
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_ERROR' });
    expect(error.message).toContain('CUDA out of memory');
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('stops polling on abort and cancels the request on fal', async () => {
    fake.script(Array.from({ length: 1000 }, () => ({ queuePosition: 3 })));
    const adapter = createFalProvider({
      apiKey: fake.key,
      baseUrl: fake.baseUrl,
      pollIntervalMs: 20,
    });
    const recording = recordingContext(() =>
      setTimeout(() => recording.abort(new Error('canceled'))),
    );
    await expect(adapter.run(request('fal-ai/flux/dev'), recording.context)).rejects.toThrow(
      'canceled',
    );
    const job = [...fake.jobs.values()].at(-1)!;
    await waitFor(() => job.canceled);
    const polls = fake.requests.filter((r) => r.path.endsWith('/status?logs=1')).length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.requests.filter((r) => r.path.endsWith('/status?logs=1'))).toHaveLength(polls);
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'PUT',
      path: `/fal-ai/flux/requests/${job.id}/cancel`,
      headers: { authorization: `Key ${fake.key}` },
    });
  });

  it('cancels a stored request by its remote job id', async () => {
    const job = fake.addJob('fal-ai/flux/dev', 'stored-1', [{ queuePosition: 1 }]);
    await provider().cancel({ remoteJobId: 'fal-ai/flux/dev::stored-1' });
    expect(job.canceled).toBe(true);
  });

  it('resumes a stored request without submitting again', async () => {
    fake.addJob('fal-ai/flux/schnell', 'earlier-1', [{ logs: ['Resumed'] }]);
    const { context, reports, recorded } = recordingContext();
    const outputs = await provider().run(request('fal-ai/flux/schnell'), {
      ...context,
      remoteJobId: 'fal-ai/flux/schnell::earlier-1',
    });
    expect(fake.requests.some((r) => r.method === 'POST')).toBe(false);
    expect(fake.requests[0]!.path).toBe('/fal-ai/flux/requests/earlier-1/status?logs=1');
    expect(recorded).toEqual([]);
    expect(reports).toEqual([{ message: 'Resumed' }]);
    expect(outputs).toHaveLength(1);
  });

  it('serves output files that expire', async () => {
    fake.expireFiles({ afterFetches: 1 });
    const [output] = await provider().run(
      request('fal-ai/flux/schnell'),
      recordingContext().context,
    );
    const url = (output as { url: string }).url;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url)).status).toBe(404);
  });

  it('validates a key with the status of a request that cannot exist', async () => {
    await expect(provider().validateKey({ key: fake.key })).resolves.toBe(true);
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/fal-ai/flux/requests/00000000-0000-0000-0000-000000000000/status',
      headers: { authorization: `Key ${fake.key}` },
    });
    await expect(provider().validateKey({ key: 'bad-key' })).resolves.toBe(false);
    fake.failNext('status', { kind: 'status', status: 503 });
    const error = await failure(provider().validateKey({ key: fake.key }));
    expect(error.failure).toBe('RETRYABLE');
    const unreachable = createFalProvider({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1' });
    await expect(unreachable.validateKey({ key: 'k' })).rejects.toMatchObject({
      failure: 'RETRYABLE',
    });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
