import {
  startReplicateFake,
  type ReplicateFake,
} from '../../../../test/support/fakes/replicate-fake';
import { createReplicateProvider } from './replicate-provider';
import { context, failure, request, testProvider } from './replicate-testing';

let fake: ReplicateFake;

beforeEach(async () => {
  fake = await startReplicateFake();
});
afterEach(() => fake.stop());

const SCHNELL = 'black-forest-labs/flux-schnell';
const run = (options: Parameters<typeof testProvider>[1] = {}) =>
  testProvider(fake, options).run(request(SCHNELL), context().ctx);

describe('Replicate failures', () => {
  it('maps a refused key to PROVIDER_AUTH without leaking the key', async () => {
    const key = 'r8_wrong_key_987';
    const error = await failure(
      createReplicateProvider({ apiKey: key, baseUrl: fake.apiUrl }).run(
        request(SCHNELL),
        context().ctx,
      ),
      key,
    );
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_AUTH' });
    expect(fake.apiRequests()[0]!.headers.authorization).toBe(`Bearer ${key}`);
  });

  it.each([400, 422])('maps %i to INVALID_INPUT with Replicate’s detail', async (status) => {
    fake.fail('create', {
      status,
      body: { title: 'Input validation failed', detail: '- input.aspect_ratio: bad', status },
    });
    const error = await failure(run(), fake.token);
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'INVALID_INPUT' });
    expect(error.message).toBe('Replicate: - input.aspect_ratio: bad');
  });

  it('maps 429 to RATE_LIMITED with Retry-After', async () => {
    fake.fail('create', {
      status: 429,
      body: { title: 'Too Many Requests', detail: 'Request was throttled.', status: 429 },
      headers: { 'Retry-After': '7' },
    });
    const error = await failure(run(), fake.token);
    expect(error).toMatchObject({ failure: 'RETRYABLE', code: 'RATE_LIMITED', retryAfterMs: 7000 });
  });

  it('maps 500 while polling to a retryable failure, after recording the prediction', async () => {
    fake.fail('get', { status: 500, body: { detail: 'Internal server error' } });
    const { ctx, recorded } = context();
    const error = await failure(testProvider(fake).run(request(SCHNELL), ctx), fake.token);
    expect(error).toMatchObject({ failure: 'RETRYABLE', code: 'PROVIDER_UNAVAILABLE' });
    expect(recorded).toEqual(['fake1pred']);
  });

  it('maps a hang past the request timeout to a retryable timeout', async () => {
    fake.fail('create', 'hang');
    const error = await failure(run({ requestTimeoutMs: 150 }), fake.token);
    expect(error).toMatchObject({ failure: 'RETRYABLE', code: 'PROVIDER_TIMEOUT' });
  });

  it('maps a malformed body to a retryable bad response', async () => {
    fake.fail('get', 'malformed');
    const error = await failure(run(), fake.token);
    expect(error).toMatchObject({ failure: 'RETRYABLE', code: 'PROVIDER_BAD_RESPONSE' });
  });

  it.each([
    'NSFW content detected. Try running it again, or try a different prompt.',
    'Prompt was flagged as sensitive (E005)',
  ])('maps the safety failure "%s" to BLOCKED with the reason', async (reason) => {
    fake.script({ steps: [{ status: 'processing' }], end: { status: 'failed', error: reason } });
    const error = await failure(run(), fake.token);
    expect(error).toMatchObject({ failure: 'BLOCKED', code: 'CONTENT_FILTERED' });
    expect(error.message).toBe(`Replicate: ${reason}`);
  });

  it('maps other failed predictions to a permanent PROVIDER_ERROR', async () => {
    fake.script({ steps: [], end: { status: 'failed', error: 'CUDA out of memory' } });
    const error = await failure(run(), fake.token);
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_ERROR' });
    expect(error.message).toBe('Replicate: CUDA out of memory');
  });

  it('reports a prediction canceled on Replicate’s side as permanent', async () => {
    fake.script({ steps: [], end: { status: 'canceled' } });
    const error = await failure(run(), fake.token);
    expect(error).toMatchObject({ failure: 'PERMANENT', code: 'PROVIDER_CANCELED' });
  });

  it('stops polling promptly on abort, and cancel() calls Replicate’s cancel', async () => {
    const steps = Array.from({ length: 1000 }, () => ({ status: 'processing' as const }));
    fake.script({ steps, end: { status: 'succeeded' } });
    const provider = testProvider(fake, { pollIntervalMs: 20 });
    const { ctx, recorded, controller } = context();
    const running = provider.run(request(SCHNELL), ctx);
    while (fake.apiRequests().length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const reason = new Error('canceled by the user');
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    const pollsAtAbort = fake.apiRequests().length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.apiRequests()).toHaveLength(pollsAtAbort);

    await provider.cancel({ remoteJobId: recorded[0]! });
    expect(fake.apiRequests().at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/predictions/fake1pred/cancel',
      headers: { authorization: `Bearer ${fake.token}` },
    });
    expect(fake.predictions.get('fake1pred')!.status).toBe('canceled');
  });

  it('validates a key with GET /account', async () => {
    const provider = testProvider(fake);
    await expect(provider.validateKey({ key: fake.token })).resolves.toBe(true);
    await expect(provider.validateKey({ key: 'r8_nope' })).resolves.toBe(false);
    expect(fake.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/account',
      'GET /v1/account',
    ]);
    fake.fail('account', { status: 503, body: { detail: 'down' } });
    const error = await failure(provider.validateKey({ key: fake.token }), fake.token);
    expect(error.failure).toBe('RETRYABLE');
  });

  it('fails validateKey retryably when Replicate cannot be reached', async () => {
    const url = fake.apiUrl;
    await fake.stop();
    fake = await startReplicateFake();
    const provider = createReplicateProvider({ apiKey: 'x', baseUrl: url });
    const error = await failure(provider.validateKey({ key: 'r8_some_key' }), 'r8_some_key');
    expect(error).toMatchObject({ failure: 'RETRYABLE', code: 'PROVIDER_UNREACHABLE' });
  });
});
