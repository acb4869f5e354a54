import type { EntityManager } from 'typeorm';
import { returnedRows } from '../../db/returned-rows';
import { randomToken, sha256Hex } from '../security/tokens';
import { AccountToken, TokenPurpose } from './account-token.entity';
import { AccountError } from './accounts.errors';

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  [TokenPurpose.VERIFY_EMAIL]: 24 * 60 * 60 * 1000,
  [TokenPurpose.RESET_PASSWORD]: 60 * 60 * 1000,
  [TokenPurpose.CHANGE_EMAIL]: 24 * 60 * 60 * 1000,
  [TokenPurpose.PENDING_SIGN_IN]: 10 * 60 * 1000,
};

/** The user a token belongs to, without using it up; null when unknown, used or expired. */
export async function peekToken(
  manager: EntityManager,
  params: { token: string; purpose: TokenPurpose },
): Promise<string | null> {
  const rows = (await manager.query(
    `SELECT user_id AS "userId" FROM account_tokens
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
    [sha256Hex(params.token), params.purpose],
  )) as Array<{ userId: string }>;
  return rows[0]?.userId ?? null;
}

/** Issues a link token; earlier unused ones for the same purpose stop working. */
export async function issueToken(
  manager: EntityManager,
  params: { userId: string; purpose: TokenPurpose; email?: string },
): Promise<string> {
  const token = randomToken(32);
  await manager
    .createQueryBuilder()
    .update(AccountToken)
    .set({ usedAt: () => 'now()' })
    .where('user_id = :userId AND purpose = :purpose AND used_at IS NULL', params)
    .execute();
  await manager.getRepository(AccountToken).insert({
    tokenHash: sha256Hex(token),
    purpose: params.purpose,
    userId: params.userId,
    email: params.email ?? null,
    expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS[params.purpose]),
  });
  return token;
}

/**
 * Uses a link token exactly once: one UPDATE marks it used only if it is unused and unexpired,
 * so two clicks racing each other cannot both succeed.
 */
export async function consumeToken(
  manager: EntityManager,
  params: { token: string; purpose: TokenPurpose },
): Promise<AccountToken> {
  const result = (await manager.query(
    `UPDATE account_tokens SET used_at = now()
     WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
     RETURNING id, user_id AS "userId", email`,
    [sha256Hex(params.token), params.purpose],
  )) as unknown[];
  const row = returnedRows<Pick<AccountToken, 'id' | 'userId' | 'email'>>(result)[0];
  if (!row) {
    throw new AccountError(
      'INVALID_TOKEN',
      'This link has expired or was already used. Ask for a new one.',
    );
  }
  return row as AccountToken;
}
