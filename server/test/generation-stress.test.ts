import { TransferKind } from '../src/modules/credits/ledger-transfer.entity';
import { verifyLedger } from '../src/modules/credits/ledger-verifier';
import { createLocalProvider } from '../src/modules/providers/local/local-provider';
import { signedUp } from './support/billing';
import { FINAL, imageInput, START, waitForEnd, type Started } from './support/generations';
import { startTestServer, type TestServer } from './support/test-server';

describe('a flood of starts and cancels at random moments', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      providers: [createLocalProvider({ stepMs: 15, steps: 6, allowSimulation: true })],
      env: { GENERATION_MAX_ACTIVE: '100', GENERATION_STARTS_PER_MINUTE: '1000' },
    });
  });
  afterAll(() => server.stop());

  it('ends every generation exactly once and accounts for every credit', async () => {
    const browser = await signedUp(server, 'Flood Person');
    const { me } = await browser.ok<{ me: { id: string } }>('{ me { id } }');
    await server.runtime.services.ledger.grant({
      userId: me.id,
      amount: 200,
      kind: TransferKind.ADMIN_GRANT,
      key: `flood:${me.id}`,
    });
    // A fixed sequence of "random" choices, so a failure can be replayed.
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const simulations = [undefined, undefined, 'transient-once', 'permanent', 'blocked'];

    const started = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const simulate = simulations[index % simulations.length];
        const count = 1 + (index % 3);
        const { startGeneration } = await browser.ok<Started>(START, {
          input: imageInput({ count, params: simulate ? { simulate } : {} }),
        });
        if (random() < 0.4) {
          await new Promise((resolve) => setTimeout(resolve, random() * 150));
          await browser.ok('mutation ($id: ID!) { cancelGeneration(id: $id) { id } }', {
            id: startGeneration.id,
          });
        }
        return startGeneration;
      }),
    );
    const ended = await Promise.all(
      started.map((generation) => waitForEnd(browser, generation.id, 30_000)),
    );
    expect(ended.every((generation) => FINAL.includes(generation.status))).toBe(true);

    // Each hold ended exactly once, and as its generation did.
    const holds = (await server.runtime.dataSource.query(
      `SELECT g.id, g.status::text AS status, g.cost_credits AS cost, h.status::text AS hold
       FROM generations g JOIN credit_holds h ON h.key = 'generation:' || g.id`,
    )) as Array<{ id: string; status: string; cost: number; hold: string }>;
    expect(holds).toHaveLength(30);
    for (const row of holds) {
      expect([row.status, row.hold]).toEqual([
        row.status,
        row.status === 'SUCCEEDED' ? 'CAPTURED' : 'RELEASED',
      ]);
    }
    const ends = (await server.runtime.dataSource.query(
      `SELECT reference_id, count(*)::int AS n FROM ledger_transfers
       WHERE reference_type = 'generation' AND kind IN ('CAPTURE', 'RELEASE') GROUP BY reference_id`,
    )) as Array<{ reference_id: string; n: number }>;
    // A release may come in two parts (subscription and purchased); a capture is one transfer.
    expect(ends.every((row) => row.n >= 1 && row.n <= 2)).toBe(true);
    const spent = holds
      .filter((row) => row.status === 'SUCCEEDED')
      .reduce((sum, row) => sum + row.cost, 0);
    const { me: after } = await browser.ok<{
      me: { credits: { available: number; held: number } };
    }>('{ me { credits { available held } } }');
    expect(after.credits).toEqual({ available: 200 - spent, held: 0 });
    expect(holds.some((row) => row.status === 'CANCELED')).toBe(true);
    expect(holds.some((row) => row.status === 'SUCCEEDED')).toBe(true);
    expect(await verifyLedger(server.runtime.dataSource)).toEqual([]);
    // No file is left behind that no generation knows of.
    const [{ orphans }] = (await server.runtime.dataSource.query(
      `SELECT count(*)::int AS orphans FROM assets a
       WHERE (a.kind = 'OUTPUT' AND NOT EXISTS (SELECT 1 FROM generation_outputs o WHERE o.asset_id = a.id))
          OR (a.kind = 'PREVIEW' AND NOT EXISTS (SELECT 1 FROM generations g WHERE g.preview_asset_id = a.id))`,
    )) as [{ orphans: number }];
    expect(orphans).toBe(0);
  });
});
