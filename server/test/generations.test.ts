import type { Client as WsClient } from 'graphql-ws';
import { TransferKind } from '../src/modules/credits/ledger-transfer.entity';
import { verifyLedger } from '../src/modules/credits/ledger-verifier';
import { createLocalProvider } from '../src/modules/providers/local/local-provider';
import { AssetKind } from '../src/modules/storage/asset.entity';
import { signedUp } from './support/billing';
import { pngImage } from './support/storage';
import type { BrowserClient } from './support/browser-client';
import {
  collectEvents,
  GENERATION,
  imageInput,
  liveClientOf,
  START,
  waitForEnd,
  type GenerationView,
  type Started,
} from './support/generations';
import { startTestServer, type TestServer } from './support/test-server';

const CREDITS = '{ me { id credits { available held } } }';
type Credits = { me: { id: string; credits: { available: number; held: number } } };

describe('generations with the built-in generator', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      providers: [createLocalProvider({ stepMs: 20, steps: 4, allowSimulation: true })],
      env: { GENERATION_TIMEOUT_MS: '4000', GENERATION_STALE_MS: '3000' },
    });
  });
  const clients: WsClient[] = [];
  const track = (client: WsClient) => {
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    expect(await verifyLedger(server.runtime.dataSource)).toEqual([]);
  });
  afterAll(() => server.stop());

  /** A signed-up person with `credits` to spend. */
  async function person(credits = 100): Promise<BrowserClient> {
    const browser = await signedUp(server, 'Generating Person');
    const { me } = await browser.ok<Credits>(CREDITS);
    await server.runtime.services.ledger.grant({
      userId: me.id,
      amount: credits,
      kind: TransferKind.ADMIN_GRANT,
      key: `test-grant:${me.id}`,
    });
    return browser;
  }

  const credits = async (browser: BrowserClient) => (await browser.ok<Credits>(CREDITS)).me.credits;

  async function start(browser: BrowserClient, input: Record<string, unknown>) {
    return (await browser.ok<Started>(START, { input })).startGeneration;
  }

  /** The ledger's movements for one generation's hold. */
  async function holdMovements(generationId: string) {
    return (await server.runtime.dataSource.query(
      `SELECT kind, sum(amount)::int AS amount, count(*)::int AS transfers FROM ledger_transfers
       WHERE reference_type = 'generation' AND reference_id = $1 GROUP BY kind ORDER BY kind::text`,
      [generationId],
    )) as Array<{ kind: string; amount: number; transfers: number }>;
  }

  it('lists the built-in provider and its models, and prices a request', async () => {
    const browser = await person(3);
    const { providers } = await browser.ok<{
      providers: Array<{
        id: string;
        enabled: boolean;
        models: Array<{ id: string; kind: string; price: { credits: number; per: string } }>;
      }>;
    }>(
      '{ providers { id name enabled models { id kind price { credits per } capabilities { count { min max } aspectRatios durations referenceImages params { name } } } } }',
    );
    expect(providers[0]).toMatchObject({ id: 'local', enabled: true });
    expect(providers[0]!.models.map((model) => [model.id, model.kind, model.price.per])).toEqual([
      ['local-image', 'IMAGE', 'output'],
      ['local-video', 'VIDEO', 'second'],
    ]);
    const estimate = await browser.ok<{ estimateGeneration: Record<string, unknown> }>(
      `query ($input: GenerationRequestInput!) { estimateGeneration(input: $input) { credits available affordable shortfall } }`,
      { input: imageInput({ count: 4 }) },
    );
    expect(estimate.estimateGeneration).toEqual({
      credits: 4,
      available: 3,
      affordable: false,
      shortfall: 1,
    });
  });

  it('runs a generation from start to outputs, with every event live and in order, and charges once', async () => {
    const browser = await person();
    const live = track(liveClientOf(server, browser));
    const started = await start(browser, imageInput({ count: 2, seed: 42 }));
    expect(started).toMatchObject({
      status: 'QUEUED',
      costCredits: 2,
      seed: 42,
      width: 128,
      height: 128,
    });
    const events = await collectEvents(live, started.id);
    await live.dispose();

    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('CREATED');
    expect(types[1]).toBe('STARTED');
    expect(types.filter((type) => type === 'OUTPUT')).toHaveLength(2);
    expect(types.at(-1)).toBe('SUCCEEDED');
    expect(types.some((type) => type === 'PROGRESS' || type === 'PREVIEW')).toBe(true);
    expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED', progress: 1 });

    const { generation } = await browser.ok<GenerationView>(GENERATION, { id: started.id });
    expect(generation).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      error: null,
      lastSeq: events.length,
    });
    expect(generation.outputs).toHaveLength(2);
    for (const output of generation.outputs) {
      expect(output).toMatchObject({
        kind: 'OUTPUT',
        contentType: 'image/png',
        width: 128,
        height: 128,
      });
      const file = await fetch(output.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
    }
    expect(generation.outputs[0]!.sha256).not.toBe(generation.outputs[1]!.sha256);
    expect(await credits(browser)).toEqual({ available: 98, held: 0 });
    expect(await holdMovements(started.id)).toEqual([
      { kind: 'CAPTURE', amount: 2, transfers: 1 },
      { kind: 'HOLD', amount: 2, transfers: 1 },
    ]);
  });

  it('makes a video clip priced per second, and takes my reference images', async () => {
    const browser = await person();
    const { me } = await browser.ok<Credits>(CREDITS);
    const reference = await server.runtime.services.assets.storeImage({
      userId: me.id,
      kind: AssetKind.REFERENCE,
      data: await pngImage(32, 32),
    });
    const clip = await start(browser, {
      kind: 'VIDEO',
      provider: 'local',
      model: 'local-video',
      prompt: 'waves rolling in',
      aspectRatio: '1:1',
      durationSeconds: 2,
      referenceAssetIds: [reference.id],
    });
    expect(clip.costCredits).toBe(2);
    const ended = await waitForEnd(browser, clip.id);
    expect(ended.status).toBe('SUCCEEDED');
    expect(ended.outputs[0]).toMatchObject({ contentType: 'image/webp' });
    const { generation } = await browser.ok<{
      generation: {
        references: Array<{ id: string }>;
        outputs: Array<{ durationSeconds: number }>;
      };
    }>(
      'query ($id: ID!) { generation(id: $id) { references { id } outputs { durationSeconds } } }',
      {
        id: clip.id,
      },
    );
    expect(generation.references).toEqual([{ id: reference.id }]);
    expect(generation.outputs[0]!.durationSeconds).toBeCloseTo(2, 1);
  });

  it('returns the same generation for the same idempotency key, and holds once', async () => {
    const browser = await person();
    const input = imageInput({ idempotencyKey: 'same-key-12345' });
    const [first, second] = await Promise.all([start(browser, input), start(browser, input)]);
    expect(second.id).toBe(first.id);
    await waitForEnd(browser, first.id);
    expect(await credits(browser)).toEqual({ available: 99, held: 0 });
  });

  it('refuses what the model cannot do, and what the wallet cannot pay, before anything starts', async () => {
    const browser = await person(2);
    const refusal = async (input: Record<string, unknown>) => browser.fails(START, { input });
    expect((await refusal(imageInput({ provider: 'nowhere' }))).code).toBe('NOT_FOUND');
    expect((await refusal(imageInput({ model: 'local-video' }))).extensions.fieldErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'kind' })]),
    );
    const bad = await refusal(imageInput({ count: 9 }));
    expect(bad.code).toBe('BAD_USER_INPUT');
    const tooMany = await refusal(imageInput({ count: 4 }));
    expect(tooMany).toMatchObject({ code: 'INSUFFICIENT_CREDITS', extensions: { shortfall: 2 } });
    const unknownParam = await refusal(imageInput({ params: { sharpness: 3 } }));
    expect(unknownParam.extensions.fieldErrors).toEqual([
      expect.objectContaining({ field: 'params.sharpness' }),
    ]);
    const someoneElses = await refusal(
      imageInput({ referenceAssetIds: ['00000000-0000-4000-8000-000000000000'] }),
    );
    expect(someoneElses.code).toBe('NOT_FOUND');
    const { generations } = await browser.ok<{ generations: { edges: unknown[] } }>(
      '{ generations(first: 10) { edges { node { id } } } }',
    );
    expect(generations.edges).toEqual([]);
    expect(await credits(browser)).toEqual({ available: 2, held: 0 });
  });

  it('cancels a running generation: the provider is stopped and the credits refunded', async () => {
    const browser = await person();
    const live = track(liveClientOf(server, browser));
    const started = await start(browser, imageInput({ params: { simulate: 'hang' } }));
    const events = collectEvents(live, started.id, {
      onEvent: (event) => {
        if (event.type === 'PROGRESS' || event.type === 'PREVIEW') {
          void browser.ok('mutation ($id: ID!) { cancelGeneration(id: $id) { id } }', {
            id: started.id,
          });
        }
      },
    });
    const seen = await events;
    await live.dispose();
    expect(seen.map((event) => event.type)).toContain('CANCEL_REQUESTED');
    expect(seen.at(-1)).toMatchObject({ type: 'CANCELED', status: 'CANCELED' });
    expect(seen.at(-1)!.message).toMatch(/1 credit refunded/);
    expect(await credits(browser)).toEqual({ available: 100, held: 0 });
    // Cancelling again changes nothing.
    const again = await browser.ok<{ cancelGeneration: { status: string } }>(
      'mutation ($id: ID!) { cancelGeneration(id: $id) { status } }',
      { id: started.id },
    );
    expect(again.cancelGeneration.status).toBe('CANCELED');
    expect(await holdMovements(started.id)).toEqual([
      { kind: 'HOLD', amount: 1, transfers: 1 },
      { kind: 'RELEASE', amount: 1, transfers: 1 },
    ]);
  });

  it('retries a transient failure and charges once', async () => {
    const browser = await person();
    const started = await start(browser, imageInput({ params: { simulate: 'transient-once' } }));
    const ended = await waitForEnd(browser, started.id);
    expect(ended).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    const events = await collectEvents(track(liveClientOf(server, browser)), started.id);
    expect(events.map((event) => event.type)).toContain('RETRYING');
    expect(await holdMovements(started.id)).toEqual([
      { kind: 'CAPTURE', amount: 1, transfers: 1 },
      { kind: 'HOLD', amount: 1, transfers: 1 },
    ]);
  });

  it.each([
    ['permanent', 'FAILED', 'INVALID_INPUT'],
    ['blocked', 'BLOCKED', 'CONTENT_FILTERED'],
    ['hang', 'FAILED', 'TIMEOUT'],
  ])('ends a %s run as %s (%s) and refunds it exactly once', async (simulate, status, code) => {
    const browser = await person();
    const started = await start(browser, imageInput({ params: { simulate } }));
    const ended = await waitForEnd(browser, started.id, 15_000);
    expect(ended).toMatchObject({ status, error: { code } });
    expect(ended.error!.message.length).toBeGreaterThan(5);
    expect(await credits(browser)).toEqual({ available: 100, held: 0 });
    expect(await holdMovements(started.id)).toEqual([
      { kind: 'HOLD', amount: 1, transfers: 1 },
      { kind: 'RELEASE', amount: 1, transfers: 1 },
    ]);
  });

  it('lets a subscriber that dropped resume after the last event it saw, missing nothing', async () => {
    const browser = await person();
    const started = await start(browser, imageInput({ params: { steps: 8 } }));
    const first = await collectEvents(track(liveClientOf(server, browser)), started.id, {
      stopAfter: 3,
    });
    const rest = await collectEvents(track(liveClientOf(server, browser)), started.id, {
      afterSeq: first.at(-1)!.seq,
    });
    const all = [...first, ...rest].map((event) => event.seq);
    expect(all).toEqual(all.map((_, index) => index + 1));
    expect(rest.at(-1)!.type).toBe('SUCCEEDED');
  });

  it("keeps each person's generations to themselves, on every transport", async () => {
    const owner = await person();
    const other = await person();
    const started = await start(owner, imageInput());
    await waitForEnd(owner, started.id);
    expect((await other.fails(GENERATION, { id: started.id })).code).toBe('NOT_FOUND');
    expect(
      (
        await other.fails('mutation ($id: ID!) { cancelGeneration(id: $id) { id } }', {
          id: started.id,
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (await other.fails('mutation ($id: ID!) { deleteGeneration(id: $id) }', { id: started.id }))
        .code,
    ).toBe('NOT_FOUND');
    await expect(
      collectEvents(track(liveClientOf(server, other)), started.id),
    ).rejects.toMatchObject({
      errors: [
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
      ],
    });
  });

  it('reads a page of generations with their outputs in a constant number of statements', async () => {
    const browser = await person();
    for (let i = 0; i < 6; i++) {
      await waitForEnd(browser, (await start(browser, imageInput({ seed: i }))).id);
    }
    const PAGE = `query ($first: Int!) { generations(first: $first) { edges { node {
      id status error { code } outputs { url thumbnailUrl } previews { url } references { id }
    } } } }`;
    const statements: string[] = [];
    const spy = jest
      .spyOn(server.runtime.dataSource.logger, 'logQuery')
      .mockImplementation((query: string) => {
        if (/generation|assets/.test(query) && !/heartbeat/.test(query)) statements.push(query);
      });
    try {
      const counts: number[] = [];
      for (const first of [2, 6]) {
        statements.length = 0;
        const page = await browser.ok<{
          generations: { edges: Array<{ node: { outputs: unknown[] } }> };
        }>(PAGE, { first });
        expect(page.generations.edges).toHaveLength(first);
        expect(page.generations.edges.every(({ node }) => node.outputs.length === 1)).toBe(true);
        counts.push(statements.length);
      }
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[1]).toBe(counts[0]);
    } finally {
      spy.mockRestore();
    }
  });

  it('deletes a finished generation with its files', async () => {
    const browser = await person();
    const started = await start(browser, imageInput());
    const ended = await waitForEnd(browser, started.id);
    const url = ended.outputs[0]!.url;
    expect((await fetch(url)).status).toBe(200);
    await browser.ok('mutation ($id: ID!) { deleteGeneration(id: $id) }', { id: started.id });
    expect((await browser.fails(GENERATION, { id: started.id })).code).toBe('NOT_FOUND');
    expect((await fetch(url)).status).toBe(404);
    const [{ left }] = (await server.runtime.dataSource.query(
      'SELECT count(*)::int AS left FROM assets WHERE id = $1',
      [ended.outputs[0]!.id],
    )) as [{ left: number }];
    expect(left).toBe(0);
  });
});
