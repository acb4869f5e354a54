import type { Client as WsClient } from 'graphql-ws';
import { TransferKind } from '../src/modules/credits/ledger-transfer.entity';
import { verifyLedger } from '../src/modules/credits/ledger-verifier';
import { createFalProvider } from '../src/modules/providers/fal/fal-provider';
import { createOpenAIProvider } from '../src/modules/providers/openai/openai-provider';
import { createReplicateProvider } from '../src/modules/providers/replicate/replicate-provider';
import { signedUp } from './support/billing';
import type { BrowserClient } from './support/browser-client';
import { startFalFake, type FalFake } from './support/fakes/fal-fake';
import { startOpenAIFake, type OpenAIFake } from './support/fakes/openai-fake';
import { startReplicateFake, type ReplicateFake } from './support/fakes/replicate-fake';
import {
  collectEvents,
  liveClientOf,
  START,
  waitForEnd,
  type Started,
} from './support/generations';
import { startTestServer, type TestServer } from './support/test-server';

const KEY = 'sk-test-pipeline-key-0123456789';
const REPLICATE_TOKEN = 'r8_pipeline_token_0123456789';

/** The full pipeline (start → events → stored outputs → ledger) through real provider adapters. */
describe('generations through provider adapters', () => {
  let openai: OpenAIFake;
  let replicate: ReplicateFake;
  let fal: FalFake;
  let server: TestServer;
  const clients: WsClient[] = [];

  beforeAll(async () => {
    openai = await startOpenAIFake({ key: KEY });
    // Output files vanish a second after they are made, as provider URLs expire.
    replicate = await startReplicateFake({ token: REPLICATE_TOKEN, outputTtlMs: 1000 });
    fal = await startFalFake();
    server = await startTestServer({
      providers: [
        createFalProvider({ apiKey: fal.key, baseUrl: fal.baseUrl, pollIntervalMs: 50 }),
        createOpenAIProvider({ apiKey: KEY, baseUrl: openai.baseUrl }),
        createReplicateProvider({
          apiKey: REPLICATE_TOKEN,
          baseUrl: replicate.apiUrl,
          pollIntervalMs: 50,
        }),
      ],
      captureLogs: true,
    });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    expect(await verifyLedger(server.runtime.dataSource)).toEqual([]);
  });
  afterAll(async () => {
    await server.stop();
    await openai.stop();
    await replicate.stop();
    await fal.stop();
  });

  async function person(): Promise<BrowserClient> {
    const browser = await signedUp(server, 'Provider Person');
    const { me } = await browser.ok<{ me: { id: string } }>('{ me { id } }');
    await server.runtime.services.ledger.grant({
      userId: me.id,
      amount: 100,
      kind: TransferKind.ADMIN_GRANT,
      key: `fund:${me.id}`,
    });
    return browser;
  }

  const credits = async (browser: BrowserClient) =>
    (
      await browser.ok<{ me: { credits: { available: number; held: number } } }>(
        '{ me { credits { available held } } }',
      )
    ).me.credits;

  it('OpenAI: streams partial images as previews, stores the output and charges once', async () => {
    const browser = await person();
    const live = liveClientOf(server, browser);
    clients.push(live);
    const { startGeneration } = await browser.ok<Started>(START, {
      input: { kind: 'IMAGE', provider: 'openai', model: 'gpt-image-1-low', prompt: 'a teal kite' },
    });
    const events = await collectEvents(live, startGeneration.id);
    const types = events.map((event) => event.type);
    expect(types).toContain('PREVIEW');
    expect(types.at(-1)).toBe('SUCCEEDED');
    const ended = await waitForEnd(browser, startGeneration.id);
    expect(ended.outputs).toHaveLength(1);
    const file = await fetch(ended.outputs[0]!.url);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(await credits(browser)).toEqual({ available: 100 - ended.costCredits, held: 0 });
    const request = openai.requests.find((r) => r.path.endsWith('/images/generations'))!;
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toMatchObject({
      model: 'gpt-image-1',
      prompt: 'a teal kite',
      quality: 'low',
    });
  });

  it('OpenAI: a refused key fails for good and refunds; a server error is retried and charged once', async () => {
    const browser = await person();
    openai.failNext({ kind: 'status', status: 401, message: 'Incorrect API key provided' });
    const refused = await browser.ok<Started>(START, {
      input: { kind: 'IMAGE', provider: 'openai', model: 'gpt-image-1-low', prompt: 'a key' },
    });
    const failed = await waitForEnd(browser, refused.startGeneration.id);
    expect(failed).toMatchObject({ status: 'FAILED', error: { code: 'PROVIDER_AUTH' } });
    expect(await credits(browser)).toEqual({ available: 100, held: 0 });

    openai.failNext({ kind: 'status', status: 500, message: 'The server had an error' });
    const retried = await browser.ok<Started>(START, {
      input: { kind: 'IMAGE', provider: 'openai', model: 'gpt-image-1-low', prompt: 'again' },
    });
    const ended = await waitForEnd(browser, retried.startGeneration.id, 20_000);
    expect(ended).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(await credits(browser)).toEqual({ available: 100 - ended.costCredits, held: 0 });
    expect(server.logs()).not.toContain(KEY);
  });

  it('OpenAI: a moderation refusal ends as BLOCKED with the reason, and refunds', async () => {
    const browser = await person();
    openai.failNext({ kind: 'moderation' });
    const { startGeneration } = await browser.ok<Started>(START, {
      input: { kind: 'IMAGE', provider: 'openai', model: 'gpt-image-1-low', prompt: 'something' },
    });
    const ended = await waitForEnd(browser, startGeneration.id);
    expect(ended).toMatchObject({ status: 'BLOCKED', error: { code: 'CONTENT_FILTERED' } });
    expect(ended.error!.message).toMatch(/safety system/);
    expect(await credits(browser)).toEqual({ available: 100, held: 0 });
  });

  it('Replicate: follows the prediction with its logs, copies the expiring output, charges once', async () => {
    const browser = await person();
    const live = liveClientOf(server, browser);
    clients.push(live);
    const { startGeneration } = await browser.ok<Started>(START, {
      input: {
        kind: 'IMAGE',
        provider: 'replicate',
        model: 'black-forest-labs/flux-schnell',
        prompt: 'a paper boat',
        seed: 7,
      },
    });
    const events = await collectEvents(live, startGeneration.id);
    expect(events.at(-1)!.type).toBe('SUCCEEDED');
    expect(events.some((event) => event.progress > 0 && event.progress < 1)).toBe(true);
    const ended = await waitForEnd(browser, startGeneration.id);
    // Long after the provider's URL stopped working, our copy is still there.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const file = await fetch(ended.outputs[0]!.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    const created = replicate
      .apiRequests()
      .filter((request) => request.method === 'POST' && request.path.endsWith('/predictions'));
    expect(created).toHaveLength(1);
    expect(created[0]!.path).toBe('/v1/models/black-forest-labs/flux-schnell/predictions');
    expect(created[0]!.headers.authorization).toBe(`Bearer ${REPLICATE_TOKEN}`);
    expect(created[0]!.body).toMatchObject({ input: { prompt: 'a paper boat', seed: 7 } });
    expect(await credits(browser)).toEqual({ available: 100 - ended.costCredits, held: 0 });
  });

  it('Replicate: a cancel while it runs cancels the prediction and refunds', async () => {
    const browser = await person();
    replicate.script({
      steps: Array.from({ length: 200 }, () => ({
        status: 'processing' as const,
        logs: 'working\n',
      })),
      end: { status: 'succeeded' },
    });
    const live = liveClientOf(server, browser);
    clients.push(live);
    const { startGeneration } = await browser.ok<Started>(START, {
      input: {
        kind: 'IMAGE',
        provider: 'replicate',
        model: 'black-forest-labs/flux-schnell',
        prompt: 'long',
      },
    });
    let asked = false;
    const events = await collectEvents(live, startGeneration.id, {
      onEvent: (event) => {
        if (!asked && event.type === 'PROGRESS') {
          asked = true;
          void browser.ok('mutation ($id: ID!) { cancelGeneration(id: $id) { id } }', {
            id: startGeneration.id,
          });
        }
      },
    });
    expect(events.at(-1)!.type).toBe('CANCELED');
    expect(replicate.apiRequests().some((request) => request.path.endsWith('/cancel'))).toBe(true);
    expect(await credits(browser)).toEqual({ available: 100, held: 0 });
  });

  it('fal: reports the queue position and logs, stores the result, and blocks flagged images', async () => {
    const browser = await person();
    fal.script([
      { queuePosition: 2 },
      { queuePosition: 1 },
      { logs: ['Loading model'] },
      { logs: ['Generating'] },
    ]);
    const live = liveClientOf(server, browser);
    clients.push(live);
    const { startGeneration } = await browser.ok<Started>(START, {
      input: { kind: 'IMAGE', provider: 'fal', model: 'fal-ai/flux/schnell', prompt: 'a lantern' },
    });
    const events = await collectEvents(live, startGeneration.id);
    const messages = events.map((event) => event.message ?? '');
    expect(messages.some((message) => /queue \(position 2\)/.test(message))).toBe(true);
    expect(messages).toContain('Generating');
    expect(events.at(-1)!.type).toBe('SUCCEEDED');
    const ended = await waitForEnd(browser, startGeneration.id);
    expect((await fetch(ended.outputs[0]!.url)).status).toBe(200);
    const submitted = fal.requests.filter((request) => request.method === 'POST');
    expect(submitted.at(-1)!.path).toBe('/fal-ai/flux/schnell');
    expect(submitted.at(-1)!.headers.authorization).toBe(`Key ${fal.key}`);
    expect(await credits(browser)).toEqual({ available: 100 - ended.costCredits, held: 0 });

    fal.script([], { kind: 'nsfw' });
    const flagged = await browser.ok<Started>(START, {
      input: { kind: 'IMAGE', provider: 'fal', model: 'fal-ai/flux/schnell', prompt: 'flagged' },
    });
    const blocked = await waitForEnd(browser, flagged.startGeneration.id);
    expect(blocked).toMatchObject({ status: 'BLOCKED', error: { code: 'CONTENT_FILTERED' } });
    expect(await credits(browser)).toEqual({ available: 100 - ended.costCredits, held: 0 });
  });
});
