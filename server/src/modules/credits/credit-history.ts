import type { DataSource } from 'typeorm';
import { CreditsError } from './credits.errors';
import { TransferKind } from './ledger-transfer.entity';
import type { CreditTransaction, CreditTransactionConnection } from './credits.types';

export const MAX_PAGE_SIZE = 100;

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

const encodeCursor = (row: { cursor_time: string; id: string }) =>
  Buffer.from(`${row.cursor_time}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new CreditsError(
      'BAD_USER_INPUT',
      'That page cursor is not valid; start from the first page.',
    );
  }
  return { createdAt, id };
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
            to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_time
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
