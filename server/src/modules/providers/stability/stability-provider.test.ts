import sharp from 'sharp';
import {
  STABILITY_MODERATION_REASON,
  startStabilityFake,
  type StabilityFake,
} from '../../../../test/support/fakes/stability-fake';
import { recordingContext } from '../local/local-testing';
import { ProviderError, type GenerationRequest, type ProviderOutput } from '../provider';
import { createStabilityProvider } from './stability-provider';

let fake: StabilityFake;
beforeEach(async () => {
  fake = await startStabilityFake();
});
afterEach(() => fake.stop());

const provider = (apiKey: string | undefined = fake.key) =>
  createStabilityProvider({ apiKey, baseUrl: fake.baseUrl, requestTimeoutMs: 300 });

function request(modelId: string, overrides: Partial<GenerationRequest> = {}): GenerationRequest {
  const model = provider()
    .models()
    .find((m) => m.id === modelId)!;
  return {
    generationId: 'gen-1',
    kind: 'IMAGE',
    model,
    prompt: 'a lighthouse in fog',
    negativePrompt: 'people',
    count: 1,
    width: 1024,
    height: 576,
    aspectRatio: '16:9',
    durationSeconds: null,
    seed: 42,
    references: [],
    params: model.capabilities.params?.some((p) => p.name === 'strength') ? { strength: 0.6 } : {},
    ...overrides,
  };
}

function bytes(output: ProviderOutput | undefined): Buffer {
  if (!output || !('data' in output)) throw new Error('expected bytes');
  return output.data;
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

describe('the Stability provider', () => {
  it('describes itself, and is listed but disabled without a key', () => {
    expect(provider()).toMatchObject({ id: 'stability', name: 'Stability AI', enabled: true });
    expect(createStabilityProvider({ baseUrl: fake.baseUrl }).enabled).toBe(false);
    const models = provider().models();
    expect(models.map((m) => [m.id, m.price.credits])).toEqual([
      ['stable-image-ultra', 8],
      ['stable-image-core', 3],
      ['sd3.5-large', 7],
      ['sd3.5-large-turbo', 4],
      ['sd3.5-medium', 4],
    ]);
    for (const model of models) expect(model.version).toBeTruthy();
  });

  it('makes count images one request at a time, with progress', async () => {
    const { context, reports, recorded } = recordingContext();
    const outputs = await provider().run(request('stable-image-core', { count: 2 }), context);
    expect(outputs).toHaveLength(2);
    for (const output of outputs) {
      expect(output).toMatchObject({ contentType: 'image/png' });
      expect((await sharp(bytes(output)).metadata()).format).toBe('png');
    }
    expect(recorded).toEqual([]);
    expect(reports).toEqual([
      { message: 'Generating image 1 of 2' },
      { progress: 0.5, message: 'Image 1 of 2 done (seed 42)' },
      { progress: 0.5, message: 'Generating image 2 of 2' },
      { progress: 1, message: 'Image 2 of 2 done (seed 43)' },
    ]);
    expect(fake.requests).toHaveLength(2);
    const [first] = fake.requests;
    expect(first).toMatchObject({
      method: 'POST',
      path: '/v2beta/stable-image/generate/core',
      headers: { authorization: `Bearer ${fake.key}`, accept: 'image/*' },
      form: {
        prompt: 'a lighthouse in fog',
        negative_prompt: 'people',
        aspect_ratio: '16:9',
        seed: '42',
        output_format: 'png',
      },
    });
    expect(first!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(fake.requests[1]!.form.seed).toBe('43');
  });

  it('sends the sd3 model name and leaves the negative prompt out for Turbo', async () => {
    await provider().run(request('sd3.5-large-turbo'), recordingContext().context);
    expect(fake.requests[0]).toMatchObject({
      path: '/v2beta/stable-image/generate/sd3',
      form: { model: 'sd3.5-large-turbo', mode: 'text-to-image' },
    });
    expect(fake.requests[0]!.form.negative_prompt).toBeUndefined();
  });

  it('sends a reference image as bytes with strength (image-to-image)', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } })
      .png()
      .toBuffer();
    const reference = {
      url: `${fake.baseUrl}/reference.png`,
      contentType: 'image/png',
      bytes: async () => png,
    };
    for (const model of ['stable-image-ultra', 'sd3.5-large']) {
      await provider().run(
        request(model, { references: [reference], params: { strength: 0.3 } }),
        recordingContext().context,
      );
    }
    const [ultra, sd3] = fake.requests;
    expect(ultra).toMatchObject({
      path: '/v2beta/stable-image/generate/ultra',
      form: { strength: '0.3', image: { type: 'image/png', data: png } },
    });
    expect(ultra!.form.aspect_ratio).toBeUndefined();
    expect(sd3).toMatchObject({
      form: { model: 'sd3.5-large', mode: 'image-to-image', image: { data: png } },
    });
  });

  it('classifies every kind of failure', async () => {
    const run = () => provider().run(request('stable-image-core'), recordingContext().context);
    expect(
      await failure(
        provider('sk-wrong').run(request('stable-image-core'), recordingContext().context),
      ),
    ).toMatchObject({
      failure: 'PERMANENT',
      code: 'PROVIDER_AUTH',
    });
    fake.fail({
      kind: 'status',
      status: 400,
      body: { id: 'e1', name: 'bad_request', errors: ['prompt: too long'] },
    });
    const invalid = await failure(run());
    expect(invalid).toMatchObject({ failure: 'PERMANENT', code: 'INVALID_INPUT' });
    expect(invalid.message).toContain('prompt: too long');
    fake.fail({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '7' },
      body: { id: 'e2', name: 'rate_limit_exceeded', errors: ['slow down'] },
    });
    expect(await failure(run())).toMatchObject({
      failure: 'RETRYABLE',
      code: 'RATE_LIMITED',
      retryAfterMs: 7000,
    });
    fake.fail({ kind: 'status', status: 500 });
    expect(await failure(run())).toMatchObject({ failure: 'RETRYABLE' });
    fake.fail({ kind: 'hang' });
    expect(await failure(run())).toMatchObject({ failure: 'RETRYABLE', code: 'PROVIDER_TIMEOUT' });
    fake.fail({ kind: 'malformed' });
    expect(await failure(run())).toMatchObject({
      failure: 'RETRYABLE',
      code: 'PROVIDER_BAD_RESPONSE',
    });
  });

  it('reports content filtering as BLOCKED with the reason', async () => {
    const run = () => provider().run(request('stable-image-ultra'), recordingContext().context);
    fake.fail({ kind: 'filtered' });
    const filtered = await failure(run());
    expect(filtered).toMatchObject({ failure: 'BLOCKED', code: 'CONTENT_FILTERED' });
    expect(filtered.message).toContain('CONTENT_FILTERED');
    // A 403 on a generate endpoint is content moderation, and carries Stability's own reason.
    fake.fail({ kind: 'moderated' });
    const moderated = await failure(run());
    expect(moderated).toMatchObject({ failure: 'BLOCKED', code: 'CONTENT_FILTERED' });
    expect(moderated.message).toBe(`Stability AI: ${STABILITY_MODERATION_REASON}`);
  });

  it('closes the open request when the run is aborted', async () => {
    fake.fail({ kind: 'hang' });
    const slow = createStabilityProvider({ apiKey: fake.key, baseUrl: fake.baseUrl });
    const { context, abort } = recordingContext();
    const running = slow.run(request('stable-image-core', { count: 3 }), context);
    while (fake.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const reason = new Error('cancelled by the user');
    abort(reason);
    await expect(running).rejects.toBe(reason);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.closedEarly).toBe(1);
    expect(fake.requests).toHaveLength(1);
  });

  it('validates keys with the account call', async () => {
    expect(await provider().validateKey({ key: fake.key })).toBe(true);
    expect(await provider().validateKey({ key: 'sk-wrong' })).toBe(false);
    expect(fake.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['GET', '/v1/user/account', `Bearer ${fake.key}`],
      ['GET', '/v1/user/account', 'Bearer sk-wrong'],
    ]);
    fake.fail({ kind: 'status', status: 503 });
    expect(await failure(provider().validateKey({ key: fake.key }))).toMatchObject({
      failure: 'RETRYABLE',
    });
    const offline = createStabilityProvider({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1' });
    expect(await failure(offline.validateKey({ key: 'k' }))).toMatchObject({
      failure: 'RETRYABLE',
      code: 'PROVIDER_UNREACHABLE',
    });
  });
});
