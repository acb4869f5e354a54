import { randomBytes } from 'node:crypto';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../../db/returned-rows';
import type { SecretBox } from '../security/encryption';
import type { RateLimiter } from '../security/rate-limiter';
import { constantTimeEqual, sha256Hex } from '../security/tokens';
import { mfaChangedMessage } from '../mail/account-emails';
import { queueMail } from './account-mail';
import { AccountError } from './accounts.errors';
import { RecoveryCode } from './recovery-code.entity';
import { User } from './user.entity';

const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
const RECOVERY_CODE_COUNT = 10;
export const MFA_RULE = { action: 'mfa', limit: 10, windowSeconds: 15 * 60 };

const invalidCode = () =>
  new AccountError(
    'INVALID_MFA_CODE',
    'That code is not valid. Check your authenticator app and try again.',
  );

/** A random recovery code like `k7m2-q9xd-4hpa` (about 60 bits, easy to type). */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

const normaliseRecoveryCode = (code: string) => code.trim().toLowerCase().replace(/\s+/g, '');

/** TOTP two-factor authentication (RFC 6238) with single-use recovery codes. */
export class MfaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretBox,
    private readonly limiter: RateLimiter,
    private readonly publicUrl: URL,
  ) {}

  /** Tells the account's owner that two-factor authentication was turned on or off. */
  private notify(manager: EntityManager, user: User, enabled: boolean): Promise<void> {
    return queueMail(manager, {
      to: user.email,
      ...mfaChangedMessage({
        name: user.name,
        enabled,
        time: new Date(),
        securityUrl: new URL('/settings/security', this.publicUrl).toString(),
      }),
    });
  }

  /** Starts setup: a new secret, kept pending until a code from it is confirmed. */
  async beginSetup(userId: string): Promise<{ otpauthUri: string; secret: string }> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    if (user.totpSecret) {
      throw new AccountError(
        'BAD_USER_INPUT',
        'Two-factor authentication is already on. Turn it off first.',
      );
    }
    const key = randomBytes(20);
    await this.dataSource
      .getRepository(User)
      .update(
        { id: userId },
        { pendingTotpSecret: this.secrets.seal(Buffer.from(key).toString('base64')) },
      );
    return {
      otpauthUri: createTOTPKeyURI('aiofm', user.email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS),
      secret: encodeBase32UpperCaseNoPadding(key),
    };
  }

  /** Turns MFA on when the code matches the pending secret; returns the recovery codes, once. */
  async confirmSetup(userId: string, code: string): Promise<string[]> {
    await this.limiter.consume(MFA_RULE, [userId]);
    return this.dataSource.transaction(async (manager) => {
      const user = await manager
        .getRepository(User)
        .createQueryBuilder('user')
        .setLock('pessimistic_write')
        .where('user.id = :userId', { userId })
        .getOneOrFail();
      if (!user.pendingTotpSecret) {
        throw new AccountError(
          'BAD_USER_INPUT',
          'Start the setup again: no authenticator is waiting to be confirmed.',
        );
      }
      const key = Buffer.from(this.secrets.open(user.pendingTotpSecret), 'base64');
      const counter = this.matchingCounter(key, code, null);
      if (counter === null) throw invalidCode();
      await manager.getRepository(User).update(
        { id: userId },
        {
          totpSecret: user.pendingTotpSecret,
          pendingTotpSecret: null,
          totpLastCounter: String(counter),
        },
      );
      await this.notify(manager, user, true);
      return this.replaceRecoveryCodes(manager, userId);
    });
  }

  /** Checks a TOTP code (once per time step) or uses a recovery code; throws INVALID_MFA_CODE. */
  async verifySecondFactor(
    user: User,
    factor: { totpCode?: string | null; recoveryCode?: string | null },
  ) {
    await this.limiter.consume(MFA_RULE, [user.id]);
    if (factor.totpCode) {
      await this.verifyTotp(user.id, factor.totpCode);
      return;
    }
    if (factor.recoveryCode) {
      const result = (await this.dataSource.query(
        `UPDATE mfa_recovery_codes SET used_at = now()
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING id`,
        [user.id, sha256Hex(normaliseRecoveryCode(factor.recoveryCode))],
      )) as unknown[];
      if (returnedRows(result).length === 0) {
        throw new AccountError(
          'INVALID_MFA_CODE',
          'That recovery code is not valid or was already used.',
        );
      }
      return;
    }
    throw new AccountError('MFA_REQUIRED', 'Enter the code from your authenticator app.');
  }

  /** Accepts a current code once: the time step is recorded so the same code cannot be replayed. */
  async verifyTotp(userId: string, code: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager
        .getRepository(User)
        .createQueryBuilder('user')
        .setLock('pessimistic_write')
        .where('user.id = :userId', { userId })
        .getOneOrFail();
      if (!user.totpSecret)
        throw new AccountError('BAD_USER_INPUT', 'Two-factor authentication is off.');
      const key = Buffer.from(this.secrets.open(user.totpSecret), 'base64');
      const counter = this.matchingCounter(key, code, user.totpLastCounter);
      if (counter === null) throw invalidCode();
      await manager
        .getRepository(User)
        .update({ id: userId }, { totpLastCounter: String(counter) });
    });
  }

  /** Turns MFA off and deletes the recovery codes. Callers check the password or a code first. */
  async disable(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOneByOrFail({ id: userId });
      if (!user.totpSecret)
        throw new AccountError('BAD_USER_INPUT', 'Two-factor authentication is already off.');
      await manager
        .getRepository(User)
        .update(
          { id: userId },
          { totpSecret: null, pendingTotpSecret: null, totpLastCounter: null },
        );
      await manager.getRepository(RecoveryCode).delete({ userId });
      await this.notify(manager, user, false);
    });
  }

  /** New recovery codes after a current TOTP code; the old ones stop working. */
  async regenerateRecoveryCodes(userId: string, code: string): Promise<string[]> {
    await this.limiter.consume(MFA_RULE, [userId]);
    await this.verifyTotp(userId, code);
    return this.dataSource.transaction((manager) => this.replaceRecoveryCodes(manager, userId));
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await manager.getRepository(RecoveryCode).delete({ userId });
    await manager
      .getRepository(RecoveryCode)
      .insert(codes.map((code) => ({ userId, codeHash: sha256Hex(normaliseRecoveryCode(code)) })));
    return codes;
  }

  /** The time step (now ±1) whose code matches and is newer than the last one used, or null. */
  private matchingCounter(
    key: Uint8Array,
    code: string,
    lastCounter: string | null,
  ): number | null {
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) return null;
    const now = Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
    for (const counter of [now - 1, now, now + 1]) {
      if (lastCounter !== null && counter <= Number(lastCounter)) continue;
      const expected = generateHOTP(key, BigInt(counter), TOTP_DIGITS);
      if (constantTimeEqual(expected, digits)) return counter;
    }
    return null;
  }
}
