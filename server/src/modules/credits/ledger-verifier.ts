import type { DataSource } from 'typeorm';
import { SYSTEM_SHARDS } from './ledger.service';

/** One way the ledger disagrees with itself. */
export interface LedgerProblem {
  check: 'cached-balance' | 'negative-wallet' | 'escrow-vs-holds' | 'hold-split';
  detail: string;
}

/**
 * Proves the ledger is consistent: every cached balance equals the sum of its transfers, no
 * wallet is negative, and escrow holds exactly the open holds. Returns the problems (none: ok).
 */
export async function verifyLedger(dataSource: DataSource): Promise<LedgerProblem[]> {
  const problems: LedgerProblem[] = [];

  const mismatched = (await dataSource.query(
    `SELECT a.id, a.type, a.owner_id, a.balance::bigint AS cached,
            (coalesce(credits.total, 0) - coalesce(debits.total, 0))::bigint AS derived
     FROM ledger_accounts a
     LEFT JOIN (SELECT credit_account_id AS id, sum(amount) AS total FROM ledger_transfers GROUP BY 1) credits
       ON credits.id = a.id
     LEFT JOIN (SELECT debit_account_id AS id, sum(amount) AS total FROM ledger_transfers GROUP BY 1) debits
       ON debits.id = a.id
     WHERE a.balance <> coalesce(credits.total, 0) - coalesce(debits.total, 0)`,
  )) as Array<{
    id: string;
    type: string;
    owner_id: string | null;
    cached: string;
    derived: string;
  }>;
  for (const row of mismatched) {
    problems.push({
      check: 'cached-balance',
      detail: `account ${row.id} (${row.type}${row.owner_id ? ` of user ${row.owner_id}` : ''}): cached ${row.cached}, transfers say ${row.derived}`,
    });
  }

  const negative = (await dataSource.query(
    `SELECT id, type, owner_id, balance FROM ledger_accounts WHERE NOT allow_negative AND balance < 0`,
  )) as Array<{ id: string; type: string; owner_id: string; balance: string }>;
  for (const row of negative) {
    problems.push({
      check: 'negative-wallet',
      detail: `account ${row.id} (${row.type}) is at ${row.balance}`,
    });
  }

  const [escrow] = (await dataSource.query(
    `SELECT coalesce((SELECT sum(balance) FROM ledger_accounts WHERE type = 'ESCROW' AND owner_id IS NULL), 0)::bigint AS escrow,
            coalesce((SELECT sum(amount) FROM credit_holds WHERE status = 'OPEN'), 0)::bigint AS open_holds`,
  )) as Array<{ escrow: string; open_holds: string }>;
  if (escrow && escrow.escrow !== escrow.open_holds) {
    problems.push({
      check: 'escrow-vs-holds',
      detail: `escrow is ${escrow.escrow} but open holds add up to ${escrow.open_holds}`,
    });
  }

  // Each user's holds sit in the escrow shard of that user (see LedgerService.shardOf).
  const shardMismatches = (await dataSource.query(
    `WITH expected AS (
       SELECT (('x' || right(replace(user_id::text, '-', ''), 4))::bit(16)::int % $1) AS shard,
              sum(amount)::bigint AS held
       FROM credit_holds WHERE status = 'OPEN' GROUP BY 1)
     SELECT a.shard, a.balance::bigint AS balance, coalesce(e.held, 0)::bigint AS held
     FROM ledger_accounts a LEFT JOIN expected e ON e.shard = a.shard
     WHERE a.type = 'ESCROW' AND a.owner_id IS NULL AND a.balance <> coalesce(e.held, 0)`,
    [SYSTEM_SHARDS],
  )) as Array<{ shard: number; balance: string; held: string }>;
  for (const row of shardMismatches) {
    problems.push({
      check: 'escrow-vs-holds',
      detail: `escrow shard ${row.shard} is ${row.balance} but its users' open holds add up to ${row.held}`,
    });
  }

  const badSplits = (await dataSource.query(
    `SELECT h.key, h.amount::bigint AS amount, coalesce(sum(t.amount), 0)::bigint AS moved
     FROM credit_holds h
     LEFT JOIN ledger_transfers t ON t.kind = 'HOLD' AND t.idempotency_key LIKE 'hold:' || h.key || ':%'
     GROUP BY h.key, h.amount
     HAVING h.amount <> coalesce(sum(t.amount), 0)`,
  )) as Array<{ key: string; amount: string; moved: string }>;
  for (const row of badSplits) {
    problems.push({
      check: 'hold-split',
      detail: `hold ${row.key} is ${row.amount} but ${row.moved} moved into escrow`,
    });
  }
  return problems;
}
