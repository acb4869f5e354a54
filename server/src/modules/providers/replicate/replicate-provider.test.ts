import {
  startReplicateFake,
  type ReplicateFake,
} from '../../../../test/support/fakes/replicate-fake';
import { createReplicateProvider } from './replicate-provider';
import { context, reference, request, testProvider, urlOf } from './replicate-testing';

let fake: ReplicateFake;

beforeEach(async () => {
  fake = await startReplicateFake({ outputTtlMs: 1500 });
});
afterEach(() => fake.stop());

const provider = () => testProvider(fake);

describe('the Replicate provider', () => {
  it('describes itself, and is disabled without a key', () => {
    const p = provider();
    expect(p).toMatchObject({ id: 'replicate', name: 'Replicate', enabled: true });
    expect(createReplicateProvider({ baseUrl: fake.apiUrl }).enabled).toBe(false);
    const ids = p.models().map((m) => m.id);
    expect(ids).toEqual([
      'black-forest-labs/flux-schnell',
      'black-forest-labs/flux-1.1-pro',
      'black-forest-labs/flux-kontext-pro',
      'minimax/video-01',
    ]);
    for (const model of p.models()) {
      expect(model.price.credits).toBeGreaterThan(0);
      expect(model.version).toBeTruthy();
      expect(model).not.toHaveProperty('input');
    }
  });

  it('creates an official-model prediction, records it, and returns its URLs at once', async () => {
    const { ctx, reports, recorded } = context();
    const outputs = await provider().run(
      request('black-forest-labs/flux-schnell', { count: 2, aspectRatio: '16:9' }),
      ctx,
    );
    const [create, ...polls] = fake.apiRequests();
    expect(create).toMatchObject({
      method: 'POST',
      path: '/v1/models/black-forest-labs/flux-schnell/predictions',
      body: {
        input: {
          prompt: 'a quiet harbour at dawn',
          aspect_ratio: '16:9',
          num_outputs: 2,
          seed: 42,
          output_format: 'webp',
          num_inference_steps: 4,
          go_fast: true,
        },
      },
    });
    expect(create!.headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(create!.headers['content-type']).toBe('application/json');
    expect(recorded).toEqual(['fake1pred']);
    expect(polls.every((r) => r.method === 'GET' && r.path === '/v1/predictions/fake1pred')).toBe(
      true,
    );
    expect(outputs).toHaveLength(2);
    expect(outputs[0]).toEqual({
      url: expect.stringMatching(/out-0\.png$/),
      contentType: 'image/png',
    });
    expect(outputs[0]).not.toHaveProperty('headers');
    // The URLs work right after the run, without a key, and stop working soon after.
    const fetched = await fetch(urlOf(outputs[0])!);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect((await fetched.arrayBuffer()).byteLength).toBeGreaterThan(20);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await fetch(urlOf(outputs[1])!)).status).toBe(404);
    // Provenance first, then the status sequence: indeterminate while starting, logs, progress.
    expect(reports[0]!.message).toMatch(/version 5599ed30/);
    expect(reports.slice(1)).toEqual([
      { message: 'Starting (Replicate is booting the model)' },
      { message: 'Using seed: 42' },
      { progress: 0.5, message: '50%|█████     | 2/4 [00:00<00:00]' },
      { progress: 1, message: '100%|██████████| 4/4 [00:01<00:00]' },
    ]);
  });

  it('parses "step n/m" progress and stays indeterminate with plain logs', async () => {
    fake.script({
      steps: [
        { status: 'processing', logs: 'Loading weights\n' },
        { status: 'processing', logs: 'step 12/28\n' },
      ],
      end: { status: 'succeeded' },
    });
    const { ctx, reports } = context();
    await provider().run(request('black-forest-labs/flux-1.1-pro'), ctx);
    expect(reports.slice(1)).toEqual([
      { message: 'Starting (Replicate is booting the model)' },
      { message: 'Loading weights' },
      { progress: 12 / 28, message: 'step 12/28' },
    ]);
  });

  it('sends a reference image as input_image, matching its aspect ratio', async () => {
    const image = reference('reference.png');
    const outputs = await provider().run(
      request('black-forest-labs/flux-kontext-pro', { references: [image] }),
      context().ctx,
    );
    expect(fake.apiRequests()[0]!.body).toEqual({
      input: {
        prompt: 'a quiet harbour at dawn',
        input_image: image.url,
        aspect_ratio: 'match_input_image',
        seed: 42,
        output_format: 'png',
        safety_tolerance: 2,
        prompt_upsampling: false,
      },
    });
    expect(outputs).toHaveLength(1);
  });

  it('runs video from a first frame and returns an MP4 URL', async () => {
    const frame = reference('frame.png');
    const outputs = await provider().run(
      request('minimax/video-01', { references: [frame] }),
      context().ctx,
    );
    expect(fake.apiRequests()[0]).toMatchObject({
      path: '/v1/models/minimax/video-01/predictions',
      body: {
        input: {
          prompt: 'a quiet harbour at dawn',
          first_frame_image: frame.url,
          prompt_optimizer: true,
        },
      },
    });
    expect(fake.apiRequests()[0]!.body).not.toHaveProperty('input.aspect_ratio');
    expect(outputs).toEqual([{ url: expect.stringMatching(/\.mp4$/), contentType: 'video/mp4' }]);
    const video = await fetch(urlOf(outputs[0])!);
    expect(video.headers.get('content-type')).toBe('video/mp4');
  });

  it('resumes an existing prediction without creating another', async () => {
    const id = fake.existing('black-forest-labs/flux-1.1-pro');
    const { ctx, recorded } = context(id);
    const outputs = await provider().run(request('black-forest-labs/flux-1.1-pro'), ctx);
    expect(outputs).toHaveLength(1);
    expect(recorded).toEqual([]);
    expect(fake.apiRequests().filter((r) => r.method === 'POST')).toEqual([]);
    expect(fake.apiRequests()[0]!.path).toBe(`/v1/predictions/${id}`);
  });

  it('reports a repeated state once, however many polls show it', async () => {
    const steps = Array.from({ length: 5 }, () => ({ status: 'processing' as const }));
    fake.script({ steps, end: { status: 'succeeded' } });
    const { ctx, reports } = context();
    await provider().run(request('black-forest-labs/flux-1.1-pro'), ctx);
    expect(reports.slice(1)).toEqual([
      { message: 'Starting (Replicate is booting the model)' },
      { message: 'Processing' },
    ]);
  });

  it('serves outputs from the fake a limited number of times', async () => {
    await fake.stop();
    fake = await startReplicateFake({ maxFetches: 1 });
    const [output] = await provider().run(request('black-forest-labs/flux-1.1-pro'), context().ctx);
    expect((await fetch(urlOf(output)!)).status).toBe(200);
    expect((await fetch(urlOf(output)!)).status).toBe(404);
  });

  it('refuses a model it does not know, before any request', async () => {
    const unknown = request('black-forest-labs/flux-schnell');
    unknown.model = { ...unknown.model, id: 'someone/else' };
    await expect(provider().run(unknown, context().ctx)).rejects.toMatchObject({
      failure: 'PERMANENT',
      code: 'INVALID_INPUT',
    });
    expect(fake.apiRequests()).toEqual([]);
  });
});
