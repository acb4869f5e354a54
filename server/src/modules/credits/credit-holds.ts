import type { EntityManager } from 'typeorm';
import { returnedRows } from '../../db/returned-rows';
import { CreditHold, HoldStatus } from './credit-hold.entity';
import { CreditsError, insufficientCredits } from './credits.errors';
import { LedgerAccountType } from './ledger-account.entity';
import { TransferKind } from './ledger-transfer.entity';
import type { LedgerService, Reference } from './ledger.service';
import { creditsRestricted, OWED_SQL, settleDebts } from './wallet-adjustments';

// Holds: credits set aside for work in progress, ended exactly once by a capture or a release.
// LedgerService runs these inside its transactions; they take the ledger for its primitives.

/** Moves a new hold's credits from the wallets to escrow (subscription credits first). */
export async function placeHold(
  ledger: LedgerService,
  manager: EntityManager,
  touched: Set<string>,
  params: { userId: string; amount: number; key: string; reference?: Reference },
): Promise<CreditHold> {
  const wallets = await ledger.lockWallets(manager, params.userId);
  // One round trip for both questions: is this a replay, and does the user owe credits?
  const [state] = (await manager.query(
    `SELECT EXISTS (SELECT 1 FROM credit_holds WHERE key = $1) AS replay,
       ${OWED_SQL} AS owed`,
    [params.key, params.userId],
  )) as Array<{ replay: boolean; owed: string }>;
  const existing = state!.replay
    ? await manager.getRepository(CreditHold).findOneByOrFail({ key: params.key })
    : null;
  if (existing) {
    if (existing.userId !== params.userId || Number(existing.amount) !== params.amount) {
      throw new CreditsError(
        'IDEMPOTENCY_CONFLICT',
        'This hold key was already used for a different hold.',
      );
    }
    return existing;
  }
  const owed = Number(state!.owed);
  if (owed > 0) throw creditsRestricted(owed);
  const subscription = Number(wallets.subscription.balance);
  const purchased = Number(wallets.purchased.balance);
  if (subscription + purchased < params.amount) {
    throw insufficientCredits(params.amount - subscription - purchased);
  }
  const fromSubscription = Math.min(subscription, params.amount);
  const fromPurchased = params.amount - fromSubscription;
  const hold = await manager.getRepository(CreditHold).save({
    key: params.key,
    userId: params.userId,
    amount: String(params.amount),
    fromSubscription: String(fromSubscription),
    fromPurchased: String(fromPurchased),
    referenceType: params.reference?.type ?? null,
    referenceId: params.reference?.id ?? null,
  });
  const escrow = ledger.systemAccount(LedgerAccountType.ESCROW, params.userId);
  for (const [wallet, amount, part] of [
    [wallets.subscription, fromSubscription, 'subscription'],
    [wallets.purchased, fromPurchased, 'purchased'],
  ] as const) {
    if (amount === 0) continue;
    await ledger.transfer(manager, {
      debitAccountId: wallet.id,
      creditAccountId: escrow,
      amount,
      kind: TransferKind.HOLD,
      key: `hold:${params.key}:${part}`,
      reference: params.reference,
      userId: params.userId,
    });
  }
  touched.add(params.userId);
  return hold;
}

/** The escrow -> revenue move of a capture. */
export async function captureMove(ledger: LedgerService, manager: EntityManager, hold: CreditHold) {
  const key = hold.key;
  await ledger.transfer(manager, {
    debitAccountId: ledger.systemAccount(LedgerAccountType.ESCROW, hold.userId),
    creditAccountId: ledger.systemAccount(LedgerAccountType.REVENUE, hold.userId),
    amount: Number(hold.amount),
    kind: TransferKind.CAPTURE,
    key: `capture:${key}`,
    reference: hold.referenceType ? { type: hold.referenceType, id: hold.referenceId! } : undefined,
  });
}

/** The escrow -> wallets moves of a release, then the settling of any debt from them. */
export async function releaseMove(
  ledger: LedgerService,
  manager: EntityManager,
  touched: Set<string>,
  hold: CreditHold,
  params: { reason?: string; owes: boolean },
) {
  const key = hold.key;
  const reason = params.reason;
  const owes = params.owes;
  const wallets = await ledger.lockWallets(manager, hold.userId);
  const escrow = ledger.systemAccount(LedgerAccountType.ESCROW, hold.userId);
  for (const [wallet, amount, part] of [
    [wallets.subscription, Number(hold.fromSubscription), 'subscription'],
    [wallets.purchased, Number(hold.fromPurchased), 'purchased'],
  ] as const) {
    if (amount === 0) continue;
    await ledger.transfer(manager, {
      debitAccountId: escrow,
      creditAccountId: wallet.id,
      amount,
      kind: TransferKind.RELEASE,
      key: `release:${key}:${part}`,
      reference: hold.referenceType
        ? { type: hold.referenceType, id: hold.referenceId! }
        : undefined,
      metadata: reason ? { reason } : {},
      userId: hold.userId,
    });
  }
  // Credits coming back to a user who owes some settle the debt first.
  if (owes) {
    await settleDebts(ledger, manager, {
      userId: hold.userId,
      wallets: [wallets.subscription, wallets.purchased],
      key: `release:${key}`,
    });
  }
  touched.add(hold.userId);
}

/** Ends an open hold exactly once: one UPDATE decides between concurrent capture and release. */
export async function endHold(
  manager: EntityManager,
  key: string,
  status: HoldStatus.CAPTURED | HoldStatus.RELEASED,
  move: (hold: CreditHold, owes: boolean) => Promise<void>,
): Promise<CreditHold> {
  // `owes` comes along so that a release needs no extra query to know whether it settles a debt.
  const ended = returnedRows<{ id: string; owes: boolean }>(
    (await manager.query(
      `UPDATE credit_holds SET status = $2, ended_at = now() WHERE key = $1 AND status = 'OPEN'
       RETURNING id, EXISTS (SELECT 1 FROM credit_debts d
         WHERE d.user_id = credit_holds.user_id AND d.settled < d.amount) AS owes`,
      [key, status],
    )) as unknown[],
  );
  const hold = await manager.getRepository(CreditHold).findOneBy({ key });
  if (!hold) throw new CreditsError('NOT_FOUND', 'There is no hold with that key.');
  if (ended.length === 0) {
    if (hold.status === status) return hold;
    throw new CreditsError(
      'HOLD_ALREADY_ENDED',
      `This hold was already ${hold.status === HoldStatus.CAPTURED ? 'captured' : 'released'}.`,
    );
  }
  await move(hold, ended[0]!.owes);
  return hold;
}
