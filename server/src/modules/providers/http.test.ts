import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { providerFetch, validateKeyWith, type HttpFailure } from './http';
import { ProviderError } from './provider';

const KEY = 'sk-http-test-key-0123456789';
let server: http.Server;
let url: string;
/** What the loopback server answers next. */
let answer: { status: number; body: string } = { status: 200, body: '{}' };

beforeAll(async () => {
  server = http.createServer((_request, response) => {
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const request = (classifyError?: (failure: HttpFailure) => ProviderError | null) =>
  providerFetch({
    provider: 'Example',
    url,
    signal: new AbortController().signal,
    secrets: [KEY],
    classifyError,
  });

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw error;
  expect(error.message).not.toContain(KEY);
  return error;
}

describe('providerFetch', () => {
  it('gives an adapter the error body, parsed and scrubbed of the key, before the shared classes', async () => {
    const reason = `flagged for ${KEY}: ${'x'.repeat(800)}`;
    answer = {
      status: 403,
      body: JSON.stringify({ name: 'content_moderation', errors: [reason] }),
    };
    const seen: HttpFailure[] = [];
    const error = await rejection(
      request((failure) => {
        seen.push(failure);
        return new ProviderError('BLOCKED', 'CONTENT_FILTERED', 'Example: moderated');
      }),
    );
    expect(error).toMatchObject({ failure: 'BLOCKED', code: 'CONTENT_FILTERED' });
    const scrubbed = reason.replace(KEY, '[redacted]');
    // The message is bounded for people; the parsed body stays whole for the adapter.
    expect(seen).toEqual([
      {
        status: 403,
        message: `${scrubbed.slice(0, 500)}…`,
        body: { name: 'content_moderation', errors: [scrubbed] },
      },
    ]);
  });

  it('falls back to the shared classes when the adapter has nothing to say', async () => {
    answer = { status: 403, body: '{"errors":["forbidden"]}' };
    expect(await rejection(request(() => null))).toMatchObject({ code: 'PROVIDER_AUTH' });
    answer = { status: 422, body: `not json, mentions ${KEY}` };
    const seen: HttpFailure[] = [];
    const error = await rejection(request((failure) => (seen.push(failure), null)));
    expect(error).toMatchObject({
      failure: 'PERMANENT',
      code: 'INVALID_INPUT',
      message: 'Example: not json, mentions [redacted]',
    });
    expect(seen[0]!.body).toBeUndefined();
  });
});

describe('validateKeyWith', () => {
  const auth = new ProviderError('PERMANENT', 'PROVIDER_AUTH', 'refused');
  const missing = new ProviderError('PERMANENT', 'INVALID_INPUT', 'not found');
  const down = new ProviderError('RETRYABLE', 'PROVIDER_UNAVAILABLE', 'down');
  const failing = (error: Error) => () => Promise.reject(error);

  it('is true when the probe passes and false when the key is refused', async () => {
    expect(await validateKeyWith(() => Promise.resolve())).toBe(true);
    expect(await validateKeyWith(failing(auth))).toBe(false);
  });

  it('throws any other failure, unless the probe counts it as a pass', async () => {
    await expect(validateKeyWith(failing(down))).rejects.toBe(down);
    await expect(validateKeyWith(failing(missing))).rejects.toBe(missing);
    const accepts = (error: ProviderError) => error.failure === 'PERMANENT';
    expect(await validateKeyWith(failing(missing), { accepts })).toBe(true);
    expect(await validateKeyWith(failing(auth), { accepts })).toBe(false);
    await expect(validateKeyWith(failing(down), { accepts })).rejects.toBe(down);
    const bug = new TypeError('bug');
    await expect(validateKeyWith(failing(bug), { accepts })).rejects.toBe(bug);
  });
});
