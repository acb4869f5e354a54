import type { EntityManager } from 'typeorm';
import { returnedRows } from '../../db/returned-rows';
import { CreditsError } from './credits.errors';
import { LedgerAccountType, type LedgerAccount } from './ledger-account.entity';
import { TransferKind } from './ledger-transfer.entity';
import type { LedgerService, Reference } from './ledger.service';

/** SQL for the credits user `$2` still owes from reversed payments (0 when none). */
export const OWED_SQL = `(SELECT coalesce(sum(amount - settled), 0)::bigint
  FROM credit_debts WHERE user_id = $2 AND settled < amount)`;

export const creditsRestricted = (owed: number) =>
  new CreditsError(
    'CREDITS_RESTRICTED',
    `A refunded or disputed payment left ${owed} credit${owed === 1 ? '' : 's'} owed. New generations are paused until it is settled: buy credits or contact the operators.`,
    { owed },
  );

async function currentBalance(manager: EntityManager, accountId: string): Promise<number> {
  const [row] = (await manager.query('SELECT balance FROM ledger_accounts WHERE id = $1', [
    accountId,
  ])) as Array<{ balance: string }>;
  return Number(row?.balance ?? 0);
}

/**
 * Settles open debts from wallets that just received credits (a grant, or a released hold),
 * oldest debt first. Runs in that transaction with the user's wallets locked, so nothing can
 * spend the credits first.
 */
export async function settleDebts(
  ledger: LedgerService,
  manager: EntityManager,
  params: { userId: string; wallets: LedgerAccount[]; key: string },
): Promise<number> {
  const debts = returnedRows<{
    id: string;
    open: string;
    reference_type: string | null;
    reference_id: string | null;
  }>(
    (await manager.query(
      `SELECT id, (amount - settled)::bigint AS open, reference_type, reference_id FROM credit_debts
       WHERE user_id = $1 AND settled < amount ORDER BY created_at, id FOR UPDATE`,
      [params.userId],
    )) as unknown[],
  );
  if (debts.length === 0) return 0;
  let settledTotal = 0;
  for (const wallet of params.wallets) {
    let available = await currentBalance(manager, wallet.id);
    for (const debt of debts) {
      const amount = Math.min(Number(debt.open), available);
      if (amount <= 0) continue;
      await ledger.transfer(manager, {
        debitAccountId: wallet.id,
        creditAccountId: ledger.systemAccount(LedgerAccountType.STRIPE_CLEARING, params.userId),
        amount,
        kind: TransferKind.CLAWBACK,
        key: `debt:${debt.id}:${params.key}:${wallet.type.toLowerCase()}`,
        reference:
          debt.reference_type && debt.reference_id
            ? { type: debt.reference_type, id: debt.reference_id }
            : undefined,
        metadata: { reason: 'settling credits owed for a reversed payment' },
        userId: params.userId,
      });
      await manager.query(
        `UPDATE credit_debts SET settled = settled + $2,
           settled_at = CASE WHEN settled + $2 = amount THEN now() ELSE NULL END
         WHERE id = $1`,
        [debt.id, amount],
      );
      debt.open = String(Number(debt.open) - amount);
      available -= amount;
      settledTotal += amount;
    }
  }
  return settledTotal;
}

/**
 * Takes back credits of a reversed payment (a refund or a dispute) as far as the wallets allow;
 * what they cannot cover becomes a debt that restricts new generations until it is settled.
 * Call once per `key`, inside `ledger.run`.
 */
export async function takeBack(
  ledger: LedgerService,
  manager: EntityManager,
  touched: Set<string>,
  params: {
    userId: string;
    amount: number;
    key: string;
    reason: string;
    reference?: Reference;
    /** Subscription credits are taken first for a plan's payment, purchased ones for a pack's. */
    from: 'subscription-first' | 'purchased-first';
  },
): Promise<{ taken: number; owed: number }> {
  const wallets = await ledger.lockWallets(manager, params.userId);
  const order =
    params.from === 'subscription-first'
      ? [wallets.subscription, wallets.purchased]
      : [wallets.purchased, wallets.subscription];
  let remaining = params.amount;
  for (const wallet of order) {
    const amount = Math.min(remaining, Number(wallet.balance));
    if (amount <= 0) continue;
    await ledger.transfer(manager, {
      debitAccountId: wallet.id,
      creditAccountId: ledger.systemAccount(LedgerAccountType.STRIPE_CLEARING, params.userId),
      amount,
      kind: TransferKind.CLAWBACK,
      key: `${params.key}:${wallet.type.toLowerCase()}`,
      reference: params.reference,
      metadata: { reason: params.reason },
      userId: params.userId,
    });
    remaining -= amount;
  }
  if (remaining > 0) {
    await manager.query(
      `INSERT INTO credit_debts (user_id, amount, reason, reference_type, reference_id, key)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        params.userId,
        remaining,
        params.reason,
        params.reference?.type ?? null,
        params.reference?.id ?? null,
        params.key,
      ],
    );
  }
  touched.add(params.userId);
  return { taken: params.amount - remaining, owed: remaining };
}

/**
 * Expires what is left of the subscription wallet at the end of a period (purchased credits
 * never expire). Credits held for running work are not in the wallet and are left alone.
 */
export async function expireSubscriptionCredits(
  ledger: LedgerService,
  manager: EntityManager,
  touched: Set<string>,
  params: { userId: string; key: string; reference?: Reference },
): Promise<number> {
  const wallets = await ledger.lockWallets(manager, params.userId);
  const amount = Number(wallets.subscription.balance);
  if (amount <= 0) return 0;
  await ledger.transfer(manager, {
    debitAccountId: wallets.subscription.id,
    creditAccountId: ledger.systemAccount(LedgerAccountType.EXPIRY, params.userId),
    amount,
    kind: TransferKind.EXPIRY,
    key: params.key,
    reference: params.reference,
    userId: params.userId,
  });
  touched.add(params.userId);
  return amount;
}
