import { randomUUID } from 'node:crypto';
import { LedgerService } from '../src/modules/credits/ledger.service';
import { TransferKind } from '../src/modules/credits/ledger-transfer.entity';
import { verifyLedger } from '../src/modules/credits/ledger-verifier';
import { startTestServer, type TestServer } from './support/test-server';

describe('the credits ledger', () => {
  let server: TestServer;
  let ledger: LedgerService;

  beforeAll(async () => {
    server = await startTestServer();
    ledger = new LedgerService(server.runtime.dataSource, server.runtime.events);
  });
  afterEach(async () => {
    expect(await verifyLedger(server.runtime.dataSource)).toEqual([]);
  });
  afterAll(() => server.stop());

  /** A user row straight in the database: the ledger only needs the id (and sign-up is rate limited). */
  async function newUser(): Promise<string> {
    const [row] = (await server.runtime.dataSource.query(
      `INSERT INTO users (email, name, age_confirmed_at) VALUES ($1, 'Ledger User', now()) RETURNING id`,
      [`${randomUUID()}@example.com`],
    )) as Array<{ id: string }>;
    return row!.id;
  }

  const grant = (
    userId: string,
    amount: number,
    kind = TransferKind.ADMIN_GRANT,
    key: string = randomUUID(),
  ) => ledger.grant({ userId, amount, kind, key });

  it('loses nothing when many users hold at once, the first time their escrow shards are used', async () => {
    const users = await Promise.all(Array.from({ length: 24 }, () => newUser()));
    await Promise.all(users.map((userId) => grant(userId, 5)));
    await Promise.all(
      users.flatMap((userId) =>
        Array.from({ length: 3 }, (_, i) =>
          ledger.hold({ userId, amount: 1, key: `first-${userId}-${i}` }),
        ),
      ),
    );
    for (const userId of users) {
      expect(await ledger.summary(userId)).toEqual({
        available: 2,
        held: 3,
        subscription: 0,
        purchased: 2,
        owed: 0,
      });
    }
    // afterEach proves every escrow shard holds exactly its users' open holds.
  });

  it('grants once per idempotency key and refuses the same key for something else', async () => {
    const userId = await newUser();
    const first = await grant(userId, 50, TransferKind.SIGNUP_GRANT, `signup:${userId}`);
    const replay = await grant(userId, 50, TransferKind.SIGNUP_GRANT, `signup:${userId}`);
    expect(first.created).toBe(true);
    expect(replay).toEqual({ transfer: first.transfer, created: false });
    await expect(
      grant(userId, 60, TransferKind.SIGNUP_GRANT, `signup:${userId}`),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });
    expect(await ledger.summary(userId)).toEqual({
      available: 50,
      held: 0,
      subscription: 0,
      purchased: 50,
      owed: 0,
    });
    expect(first.transfer.userBalanceAfter).toBe('50');
  });

  it('holds subscription credits first, and a release returns each credit where it came from', async () => {
    const userId = await newUser();
    await grant(userId, 30, TransferKind.SUBSCRIPTION_GRANT);
    await grant(userId, 100, TransferKind.PURCHASE);
    const hold = await ledger.hold({ userId, amount: 50, key: `gen-${randomUUID()}` });
    expect({ sub: hold.fromSubscription, purchased: hold.fromPurchased }).toEqual({
      sub: '30',
      purchased: '20',
    });
    expect(await ledger.summary(userId)).toEqual({
      available: 80,
      held: 50,
      subscription: 0,
      purchased: 80,
      owed: 0,
    });

    await ledger.release(hold.key, 'provider failed');
    await ledger.release(hold.key, 'provider failed');
    expect(await ledger.summary(userId)).toEqual({
      available: 130,
      held: 0,
      subscription: 30,
      purchased: 100,
      owed: 0,
    });
    await expect(ledger.capture(hold.key)).rejects.toMatchObject({ code: 'HOLD_ALREADY_ENDED' });
  });

  it('captures a hold once; a release after it is refused', async () => {
    const userId = await newUser();
    await grant(userId, 10);
    const hold = await ledger.hold({ userId, amount: 7, key: `gen-${randomUUID()}` });
    await ledger.capture(hold.key);
    await ledger.capture(hold.key);
    await expect(ledger.release(hold.key)).rejects.toMatchObject({ code: 'HOLD_ALREADY_ENDED' });
    expect(await ledger.summary(userId)).toEqual({
      available: 3,
      held: 0,
      subscription: 0,
      purchased: 3,
      owed: 0,
    });
  });

  it('says how many credits are missing', async () => {
    const userId = await newUser();
    await grant(userId, 4);
    await expect(ledger.hold({ userId, amount: 10, key: randomUUID() })).rejects.toMatchObject({
      code: 'INSUFFICIENT_CREDITS',
      details: { shortfall: 6 },
    });
    expect(await ledger.summary(userId)).toEqual({
      available: 4,
      held: 0,
      subscription: 0,
      purchased: 4,
      owed: 0,
    });
  });

  it('lets exactly 10 of 50 concurrent holds through a wallet that covers 10', async () => {
    const userId = await newUser();
    await grant(userId, 10);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        ledger.hold({ userId, amount: 1, key: `burst-${userId}-${i}` }),
      ),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter(
      (result) => result.status === 'rejected',
    ) as PromiseRejectedResult[];
    expect(won).toHaveLength(10);
    expect(
      lost.every((result) => (result.reason as { code: string }).code === 'INSUFFICIENT_CREDITS'),
    ).toBe(true);
    expect(await ledger.summary(userId)).toEqual({
      available: 0,
      held: 10,
      subscription: 0,
      purchased: 0,
      owed: 0,
    });
  });

  it('ends a hold exactly once when capture and release race', async () => {
    const userId = await newUser();
    await grant(userId, 100);
    const holds = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ledger.hold({ userId, amount: 10, key: `race-${userId}-${i}` }),
      ),
    );
    const outcomes = await Promise.all(
      holds.map(async (hold) => {
        const [capture, release] = await Promise.allSettled([
          ledger.capture(hold.key),
          ledger.release(hold.key),
        ]);
        return [capture.status, release.status];
      }),
    );
    for (const outcome of outcomes) expect(outcome.sort()).toEqual(['fulfilled', 'rejected']);
    const summary = await ledger.summary(userId);
    expect(summary.held).toBe(0);
    const captured = outcomes.length - summary.available / 10;
    expect(summary.available + captured * 10).toBe(100);
  });

  it('keeps the same transfer when the same hold is requested concurrently', async () => {
    const userId = await newUser();
    await grant(userId, 20);
    const key = `dup-${userId}`;
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => ledger.hold({ userId, amount: 5, key })),
    );
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(await ledger.summary(userId)).toEqual({
      available: 15,
      held: 5,
      subscription: 0,
      purchased: 15,
      owed: 0,
    });
  });

  it('refuses a wallet update that would go negative at the database, whatever the code does', async () => {
    const userId = await newUser();
    await grant(userId, 1);
    await expect(
      server.runtime.dataSource.query(
        `UPDATE ledger_accounts SET balance = balance - 5 WHERE owner_id = $1 AND type = 'PURCHASED'`,
        [userId],
      ),
    ).rejects.toThrow(/ledger_accounts_never_negative/);
  });
});
