import type { DataSource } from 'typeorm';
import { cursorTimeSql, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from '../../graphql/pagination';
import { TransferKind } from './ledger-transfer.entity';
import type { CreditTransaction, CreditTransactionConnection } from './credits.types';

interface Row {
  id: string;
  kind: TransferKind;
  amount: string;
  incoming: boolean;
  user_balance_after: string | null;
  reference_type: string | null;
  reference_id: string | null;
  metadata: Record<string, unknown>;
  created_at: Date;
  /** The timestamp to the microsecond: a JS Date would round it and skip rows between pages. */
  cursor_time: string;
}

/** A readable line for one movement, as a person would want to see it. */
export function describe(
  kind: TransferKind,
  metadata: Record<string, unknown>,
  reference: string | null,
): string {
  const reason = typeof metadata.reason === 'string' ? metadata.reason : undefined;
  switch (kind) {
    case TransferKind.SIGNUP_GRANT:
      return 'Welcome credits for confirming your email';
    case TransferKind.ADMIN_GRANT:
      return reason ? `Granted by the operators: ${reason}` : 'Granted by the operators';
    case TransferKind.PURCHASE:
      return 'Credits purchased';
    case TransferKind.SUBSCRIPTION_GRANT:
      return 'Subscription allowance';
    case TransferKind.HOLD:
      return reference ? `Held for ${reference}` : 'Held for work in progress';
    case TransferKind.CAPTURE:
      return reference ? `Spent on ${reference}` : 'Spent';
    case TransferKind.RELEASE:
      return reason ? `Refunded: ${reason}` : 'Refunded';
    case TransferKind.EXPIRY:
      return 'Unused subscription credits expired at the end of the period';
    case TransferKind.CLAWBACK:
      return reason ? `Taken back: ${reason}` : 'Taken back';
  }
}

/** My credit movements, newest first, as a Relay connection (`first` up to 100). */
export async function creditHistory(
  dataSource: DataSource,
  params: { userId: string; first: number; after?: string | null },
): Promise<CreditTransactionConnection> {
  const first = Math.min(Math.max(params.first, 1), MAX_PAGE_SIZE);
  const cursor = params.after ? decodeCursor(params.after) : null;
  const rows = (await dataSource.query(
    `SELECT t.id, t.kind, t.amount, t.user_balance_after, t.reference_type, t.reference_id, t.metadata,
            t.created_at, (credit.owner_id = $1) AS incoming,
            ${cursorTimeSql('t.created_at')} AS cursor_time
     FROM ledger_transfers t
     JOIN ledger_accounts credit ON credit.id = t.credit_account_id
     WHERE t.user_id = $1
       AND ($2::timestamptz IS NULL OR (t.created_at, t.id) < ($2::timestamptz, $3::uuid))
     ORDER BY t.created_at DESC, t.id DESC
     LIMIT $4`,
    [params.userId, cursor?.createdAt ?? null, cursor?.id ?? null, first + 1],
  )) as Row[];
  const page = rows.slice(0, first);
  return {
    edges: page.map((row) => {
      const reference =
        row.reference_type && row.reference_id
          ? { type: row.reference_type, id: row.reference_id }
          : null;
      const node: CreditTransaction = {
        id: row.id,
        kind: row.kind,
        amount: (row.incoming ? 1 : -1) * Number(row.amount),
        balanceAfter: Number(row.user_balance_after ?? 0),
        description: describe(
          row.kind,
          row.metadata,
          reference ? `${reference.type} ${reference.id}` : null,
        ),
        reference,
        createdAt: row.created_at,
      };
      return { cursor: encodeCursor(row), node };
    }),
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: page.length > 0 ? encodeCursor(page[page.length - 1]!) : null,
    },
  };
}
