import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../../db/returned-rows';
import type { EventBus } from '../../graphql/events';
import { CreditHold, HoldStatus } from './credit-hold.entity';
import { CreditsError, insufficientCredits } from './credits.errors';
import { LedgerAccount, LedgerAccountType } from './ledger-account.entity';
import { LedgerTransfer, TransferKind } from './ledger-transfer.entity';
import { captureMove, endHold, placeHold, releaseMove } from './credit-holds';
import { settleDebts } from './wallet-adjustments';

export const CREDITS_CHANGED_TOPIC = 'credits.changed';

/** Announced after a commit that changed a user's credits; subscribers read the new summary. */
export interface CreditsChangedEvent {
  userId: string;
}

/** A user's credits at a glance. */
export interface CreditSummary {
  /** What can be spent now: both wallets. */
  available: number;
  /** Set aside for work in progress. */
  held: number;
  subscription: number;
  purchased: number;
  /** Owed from a reversed payment; new generations wait until it is settled. */
  owed: number;
}

export interface Reference {
  type: string;
  id: string;
}

interface TransferParams {
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  kind: TransferKind;
  key: string;
  reference?: Reference;
  metadata?: Record<string, unknown>;
  /** The user whose wallet this touches, for their history and balance-after. */
  userId?: string;
}

/** Another module's transaction to run in, and the set collecting whose credits changed. */
export interface LedgerScope {
  manager: EntityManager;
  touched: Set<string>;
}

interface Wallets {
  subscription: LedgerAccount;
  purchased: LedgerAccount;
}

const CHECK_VIOLATION = '23514';
/** How many rows each system account is split into (see LedgerAccount.shard). */
export const SYSTEM_SHARDS = 16;

/** The shard of a user's movements: stable, and spread evenly by the random UUID. */
const SYSTEM_ACCOUNT_TYPES = [
  LedgerAccountType.ESCROW,
  LedgerAccountType.REVENUE,
  LedgerAccountType.PROMOTIONS,
  LedgerAccountType.STRIPE_CLEARING,
  LedgerAccountType.EXPIRY,
];

export function shardOf(userId: string): number {
  return parseInt(userId.replace(/-/g, '').slice(-4), 16) % SYSTEM_SHARDS;
}
const isCheckViolation = (error: unknown) => (error as { code?: string }).code === CHECK_VIOLATION;

/** A balance update that matched fewer accounts than it moved would lose credits: refuse it. */
function assertUpdated(updated: number, expected: number): void {
  if (updated !== expected) {
    throw new Error(
      `Ledger update matched ${updated} of ${expected} accounts; the transfer was rolled back`,
    );
  }
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new CreditsError('BAD_USER_INPUT', 'Credit amounts are whole numbers greater than zero.');
  }
}

/**
 * The double-entry credits ledger. Every change is a transfer between two accounts with an
 * idempotency key; balances are cached on the accounts in the same transaction; a CHECK
 * constraint keeps user wallets from going negative under any concurrency.
 */
export class LedgerService {
  private readonly systemAccounts = new Map<string, string>();
  /** The same ids as a set: transfers ask "is this a system account?" on every move. */
  private readonly systemAccountIds = new Set<string>();
  private systemAccountsReady: Promise<void> | undefined;
  /**
   * Balance changes of system accounts (escrow, revenue, …) waiting for the end of a transaction.
   * Every hold touches escrow, so its row is the hottest lock in the ledger: applying all of a
   * transaction's system deltas in one statement just before commit keeps that lock brief.
   */
  private readonly deferredSystemDeltas = new WeakMap<EntityManager, Map<string, number>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  /** Runs `work` in a transaction and announces the users whose credits changed, after commit. */
  async run<T>(work: (manager: EntityManager, touched: Set<string>) => Promise<T>): Promise<T> {
    await this.ensureSystemAccounts();
    const touched = new Set<string>();
    const result = await this.dataSource.transaction(async (manager) => {
      const deltas = new Map<string, number>();
      this.deferredSystemDeltas.set(manager, deltas);
      const value = await work(manager, touched);
      await this.applySystemDeltas(manager, deltas);
      return value;
    });
    await this.announce([...touched]);
    return result;
  }

  /**
   * Runs `work` in the caller's transaction when a scope is given (the caller announces the
   * touched users after its commit), else in a transaction of its own.
   */
  private scoped<T>(
    scope: LedgerScope | undefined,
    work: (manager: EntityManager, touched: Set<string>) => Promise<T>,
  ): Promise<T> {
    if (!scope) return this.run(work);
    return this.ensureSystemAccounts().then(() => work(scope.manager, scope.touched));
  }

  /** One UPDATE for all the system accounts a transaction moved, in id order (no deadlocks). */
  private async applySystemDeltas(
    manager: EntityManager,
    deltas: Map<string, number>,
  ): Promise<void> {
    const changes = [...deltas]
      .filter(([, delta]) => delta !== 0)
      .sort(([a], [b]) => a.localeCompare(b));
    if (changes.length === 0) return;
    try {
      const result = (await manager.query(
        `UPDATE ledger_accounts SET balance = balance + change.delta
         FROM unnest($1::uuid[], $2::bigint[]) AS change(id, delta)
         WHERE ledger_accounts.id = change.id
         RETURNING ledger_accounts.id`,
        [changes.map(([id]) => id), changes.map(([, delta]) => delta)],
      )) as unknown[];
      assertUpdated(returnedRows(result).length, changes.length);
    } catch (error) {
      if (isCheckViolation(error)) {
        throw new CreditsError('BAD_USER_INPUT', 'That would leave a system account below zero.');
      }
      throw error;
    }
  }

  async announce(userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      await this.events.publish<CreditsChangedEvent>(CREDITS_CHANGED_TOPIC, { userId });
    }
  }

  /** A system account's id, created on first use. */
  /**
   * Creates every system account shard once and caches the ids. Runs on its own connections and
   * commits before any transfer uses an id: a transaction must never be handed the id of a row
   * it cannot see yet (its update would match nothing), nor wait for a second pool connection.
   */
  ensureSystemAccounts(): Promise<void> {
    this.systemAccountsReady ??= (async () => {
      await this.dataSource.query(
        `INSERT INTO ledger_accounts (type, owner_id, allow_negative, shard)
         SELECT kind.type::ledger_account_type, NULL, kind.type IN ('PROMOTIONS', 'STRIPE_CLEARING'), s.shard
         FROM unnest($1::text[]) AS kind(type), generate_series(0, $2 - 1) AS s(shard)
         ON CONFLICT (type, shard) WHERE owner_id IS NULL DO NOTHING`,
        [SYSTEM_ACCOUNT_TYPES, SYSTEM_SHARDS],
      );
      const rows = (await this.dataSource.query(
        `SELECT id, type, shard FROM ledger_accounts WHERE owner_id IS NULL`,
      )) as Array<{ id: string; type: string; shard: number }>;
      for (const row of rows) {
        this.systemAccounts.set(`${row.type}:${row.shard}`, row.id);
        this.systemAccountIds.add(row.id);
      }
    })().catch((error: unknown) => {
      this.systemAccountsReady = undefined;
      throw error;
    });
    return this.systemAccountsReady;
  }

  /** The id of a system account's shard for this user (after ensureSystemAccounts). */
  systemAccount(type: LedgerAccountType, userId: string): string {
    const id = this.systemAccounts.get(`${type}:${shardOf(userId)}`);
    if (!id)
      throw new Error(
        'The ledger system accounts are not loaded (call ensureSystemAccounts first)',
      );
    return id;
  }

  /** The user's two wallets, created on first use and locked for this transaction (id order). */
  async lockWallets(manager: EntityManager, userId: string): Promise<Wallets> {
    const lock = () =>
      manager
        .getRepository(LedgerAccount)
        .createQueryBuilder('account')
        .setLock('pessimistic_write')
        .where('account.owner_id = :userId', { userId })
        .orderBy('account.id')
        .getMany();
    let rows = await lock();
    if (rows.length < 2) {
      await manager.query(
        `INSERT INTO ledger_accounts (type, owner_id) VALUES ('SUBSCRIPTION', $1), ('PURCHASED', $1)
         ON CONFLICT (owner_id, type) WHERE owner_id IS NOT NULL DO NOTHING`,
        [userId],
      );
      rows = await lock();
    }
    const find = (type: LedgerAccountType) => rows.find((row) => row.type === type)!;
    return {
      subscription: find(LedgerAccountType.SUBSCRIPTION),
      purchased: find(LedgerAccountType.PURCHASED),
    };
  }

  /**
   * Moves credits once per key. Replaying the same key with the same content returns the original
   * and moves nothing; the same key with different content is IDEMPOTENCY_CONFLICT.
   */
  async transfer(
    manager: EntityManager,
    params: TransferParams,
  ): Promise<{ transfer: LedgerTransfer; created: boolean }> {
    assertAmount(params.amount);
    const system = this.systemAccountIds;
    // The user's total after this transfer: their wallets are locked, so the sum is stable.
    const userDelta = system.has(params.creditAccountId) ? -params.amount : params.amount;
    const inserted = returnedRows<Record<string, unknown>>(
      (await manager.query(
        `INSERT INTO ledger_transfers
           (debit_account_id, credit_account_id, amount, kind, reference_type, reference_id,
            idempotency_key, metadata, user_id, user_balance_after, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
           CASE WHEN $9::uuid IS NULL THEN NULL
                ELSE (SELECT coalesce(sum(balance), 0) FROM ledger_accounts WHERE owner_id = $9) + $10 END,
           -- The moment of this statement, not of the transaction: movements made together
           -- (an expiry, then the new allowance) keep their order in the history.
           clock_timestamp())
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING id, debit_account_id AS "debitAccountId", credit_account_id AS "creditAccountId",
           amount, kind, reference_type AS "referenceType", reference_id AS "referenceId",
           idempotency_key AS "idempotencyKey", metadata, user_id AS "userId",
           user_balance_after AS "userBalanceAfter", created_at AS "createdAt"`,
        [
          params.debitAccountId,
          params.creditAccountId,
          params.amount,
          params.kind,
          params.reference?.type ?? null,
          params.reference?.id ?? null,
          params.key,
          JSON.stringify(params.metadata ?? {}),
          params.userId ?? null,
          userDelta,
        ],
      )) as unknown[],
    );
    if (inserted.length === 0) {
      const original = await manager
        .getRepository(LedgerTransfer)
        .findOneByOrFail({ idempotencyKey: params.key });
      const same =
        original.debitAccountId === params.debitAccountId &&
        original.creditAccountId === params.creditAccountId &&
        Number(original.amount) === params.amount &&
        original.kind === params.kind;
      if (!same) {
        throw new CreditsError(
          'IDEMPOTENCY_CONFLICT',
          'This idempotency key was already used for a different transfer.',
        );
      }
      return { transfer: original, created: false };
    }

    const deferred = this.deferredSystemDeltas.get(manager);
    try {
      // User wallets were locked first (lockWallets); system accounts come after, in id order,
      // so concurrent transfers cannot deadlock.
      const moves = [
        { id: params.debitAccountId, delta: -params.amount },
        { id: params.creditAccountId, delta: params.amount },
      ].sort(
        (a, b) => Number(system.has(a.id)) - Number(system.has(b.id)) || a.id.localeCompare(b.id),
      );
      for (const move of moves) {
        if (deferred && system.has(move.id)) {
          deferred.set(move.id, (deferred.get(move.id) ?? 0) + move.delta);
          continue;
        }
        const updated = (await manager.query(
          'UPDATE ledger_accounts SET balance = balance + $2 WHERE id = $1 RETURNING id',
          [move.id, move.delta],
        )) as unknown[];
        assertUpdated(returnedRows(updated).length, 1);
      }
    } catch (error) {
      if (isCheckViolation(error)) throw insufficientCredits(params.amount);
      throw error;
    }
    const transfer = Object.assign(new LedgerTransfer(), inserted[0]);
    return { transfer, created: true };
  }

  /**
   * Grants credits to a user's wallet: subscription allowances to the subscription wallet, the
   * rest (sign-up, admin, purchases) to the purchased wallet, which never expires. Credits owed
   * from a reversed payment are settled from them first.
   */
  grant(params: {
    userId: string;
    amount: number;
    kind: TransferKind;
    key: string;
    reference?: Reference;
    metadata?: Record<string, unknown>;
    /** Run inside the caller's transaction (whose `touched` set collects who to announce). */
    manager?: EntityManager;
    touched?: Set<string>;
  }): Promise<{ transfer: LedgerTransfer; created: boolean }> {
    const work = async (manager: EntityManager, touched: Set<string>) => {
      const wallets = await this.lockWallets(manager, params.userId);
      const paid =
        params.kind === TransferKind.PURCHASE || params.kind === TransferKind.SUBSCRIPTION_GRANT;
      const source = this.systemAccount(
        paid ? LedgerAccountType.STRIPE_CLEARING : LedgerAccountType.PROMOTIONS,
        params.userId,
      );
      const wallet =
        params.kind === TransferKind.SUBSCRIPTION_GRANT ? wallets.subscription : wallets.purchased;
      const result = await this.transfer(manager, {
        debitAccountId: source,
        creditAccountId: wallet.id,
        amount: params.amount,
        kind: params.kind,
        key: params.key,
        reference: params.reference,
        metadata: params.metadata,
        userId: params.userId,
      });
      if (result.created) {
        touched.add(params.userId);
        await settleDebts(this, manager, {
          userId: params.userId,
          wallets: [wallet],
          key: params.key,
        });
      }
      return result;
    };
    const scope = params.manager
      ? { manager: params.manager, touched: params.touched ?? new Set<string>() }
      : undefined;
    return this.scoped(scope, work);
  }

  /**
   * Sets credits aside for work in progress, subscription credits first. Idempotent per key;
   * INSUFFICIENT_CREDITS (with the shortfall) when the wallets do not cover it.
   */
  hold(
    params: { userId: string; amount: number; key: string; reference?: Reference },
    scope?: LedgerScope,
  ): Promise<CreditHold> {
    assertAmount(params.amount);
    return this.scoped(scope, (manager, touched) => placeHold(this, manager, touched, params));
  }

  /** Spends a hold (escrow -> revenue). Idempotent; refused if the hold was released. */
  capture(key: string, scope?: LedgerScope): Promise<CreditHold> {
    return this.scoped(scope, (manager) =>
      endHold(manager, key, HoldStatus.CAPTURED, (hold) => captureMove(this, manager, hold)),
    );
  }

  /** Returns a hold to the wallets it came from. Idempotent; refused if the hold was captured. */
  release(key: string, reason?: string, scope?: LedgerScope): Promise<CreditHold> {
    return this.scoped(scope, (manager, touched) =>
      endHold(manager, key, HoldStatus.RELEASED, (hold, owes) =>
        releaseMove(this, manager, touched, hold, { reason, owes }),
      ),
    );
  }

  /** Both wallets and what is held, for one user. */
  async summary(userId: string): Promise<CreditSummary> {
    const [row] = (await this.dataSource.query(
      `SELECT
         coalesce((SELECT balance FROM ledger_accounts WHERE owner_id = $1 AND type = 'SUBSCRIPTION'), 0)::bigint AS subscription,
         coalesce((SELECT balance FROM ledger_accounts WHERE owner_id = $1 AND type = 'PURCHASED'), 0)::bigint AS purchased,
         coalesce((SELECT sum(amount) FROM credit_holds WHERE user_id = $1 AND status = 'OPEN'), 0)::bigint AS held,
         coalesce((SELECT sum(amount - settled) FROM credit_debts WHERE user_id = $1 AND settled < amount), 0)::bigint AS owed`,
      [userId],
    )) as Array<{ subscription: string; purchased: string; held: string; owed: string }>;
    const subscription = Number(row!.subscription);
    const purchased = Number(row!.purchased);
    return {
      available: subscription + purchased,
      held: Number(row!.held),
      subscription,
      purchased,
      owed: Number(row!.owed),
    };
  }
}
