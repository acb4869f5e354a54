import type { DataSource, EntityManager } from 'typeorm';
import type { ClientInfo } from '../../graphql/context';
import type { Logger } from '../../logger';
import {
  emailChangeMessage,
  emailChangedNoticeMessage,
  newSignInMessage,
  passwordChangedMessage,
  passwordResetMessage,
  verifyEmailMessage,
} from '../mail/account-emails';
import type { RateLimiter } from '../security/rate-limiter';
import { queueMail } from './account-mail';
import { consumeToken, issueToken, peekToken } from './account-tokens';
import { avatarProblem } from './avatar';
import { TokenPurpose } from './account-token.entity';
import { AccountError } from './accounts.errors';
import type { MfaService } from './mfa.service';
import { assertStrongPassword, burnPasswordCheck, hashPassword, verifyPassword } from './password';
import type { SessionRecord } from './session.entity';
import type { SessionService } from './session.service';
import { describeDevice } from './user-agent';
import { User } from './user.entity';

const MINUTE = 60;
export const RATE_LIMITS = {
  signInByIp: { action: 'sign-in-ip', limit: 30, windowSeconds: 15 * MINUTE },
  signInByAccount: { action: 'sign-in-account', limit: 10, windowSeconds: 15 * MINUTE },
  signUpByIp: { action: 'sign-up-ip', limit: 10, windowSeconds: 60 * MINUTE },
  resetByIp: { action: 'reset-ip', limit: 10, windowSeconds: 60 * MINUTE },
  resetByAccount: { action: 'reset-account', limit: 3, windowSeconds: 60 * MINUTE },
  verificationByAccount: { action: 'verification-account', limit: 3, windowSeconds: 60 * MINUTE },
  emailChangeByAccount: { action: 'email-change-account', limit: 5, windowSeconds: 60 * MINUTE },
  emailLinkByIp: { action: 'email-link-ip', limit: 30, windowSeconds: 15 * MINUTE },
};

const MAX_KNOWN_DEVICES = 20;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** A session just started: the cookie token goes back to the browser. */
export interface StartedSession {
  user: User;
  token: string;
  session: SessionRecord;
}

const invalidCredentials = () =>
  new AccountError('INVALID_CREDENTIALS', 'Email or password is incorrect.');

/**
 * Runs inside the transaction that first verifies a user's email address (sign-up credits hang
 * off this); may return work to do after the commit, such as announcing the new balance.
 */
export type EmailVerifiedHook = (
  manager: EntityManager,
  userId: string,
) => Promise<(() => Promise<void>) | void>;

/** Sign-up, sign-in, email verification, passwords, profile and email changes. */
export class AccountService {
  private readonly emailVerifiedHooks: EmailVerifiedHook[] = [];
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly limiter: RateLimiter,
    private readonly publicUrl: URL,
    private readonly logger: Logger,
  ) {}

  /** Registers work to do whenever an address is verified (idempotent hooks: it may run again). */
  onEmailVerified(hook: EmailVerifiedHook): void {
    this.emailVerifiedHooks.push(hook);
  }

  /** Call in the transaction that verified `userId`'s address; run the result after commit. */
  async emailWasVerified(manager: EntityManager, userId: string): Promise<() => Promise<void>> {
    const afterCommit: Array<() => Promise<void>> = [];
    for (const hook of this.emailVerifiedHooks) {
      const after = await hook(manager, userId);
      if (after) afterCommit.push(after);
    }
    return async () => {
      for (const after of afterCommit) await after();
    };
  }

  private link(path: string, token: string): string {
    const url = new URL(path, this.publicUrl);
    url.searchParams.set('token', token);
    return url.toString();
  }

  async signUp(params: {
    name: string;
    email: string;
    password: string;
    ageConfirmed: boolean;
    client: ClientInfo;
  }): Promise<StartedSession> {
    const email = normaliseEmail(params.email);
    const name = params.name.trim();
    if (!params.ageConfirmed) {
      throw new AccountError(
        'BAD_USER_INPUT',
        'aiofm is for people 18 or older: confirm your age to sign up.',
        {
          fieldErrors: [{ field: 'ageConfirmed', messages: ['Confirm that you are 18 or older.'] }],
        },
      );
    }
    assertStrongPassword(params.password, { email, name });
    await this.limiter.consume(RATE_LIMITS.signUpByIp, [params.client.ipAddress]);
    const passwordHash = await hashPassword(params.password);

    const user = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          email,
          name,
          passwordHash,
          ageConfirmedAt: new Date(),
          knownDevices: [describeDevice(params.client.userAgent)],
        })
        .orIgnore()
        .returning('*')
        .execute();
      if (inserted.raw.length === 0) {
        throw new AccountError(
          'EMAIL_TAKEN',
          'An account with this email already exists. Sign in instead.',
          {
            fieldErrors: [
              { field: 'email', messages: ['An account with this email already exists.'] },
            ],
          },
        );
      }
      const created = await manager.getRepository(User).findOneByOrFail({ email });
      await this.sendVerification(manager, created);
      return created;
    });
    this.logger.info({ userId: user.id }, 'account created');
    return this.startSession(user, params.client);
  }

  async signIn(params: {
    email: string;
    password: string;
    totpCode?: string | null;
    recoveryCode?: string | null;
    client: ClientInfo;
  }): Promise<StartedSession> {
    const email = normaliseEmail(params.email);
    await this.limiter.consume(RATE_LIMITS.signInByIp, [params.client.ipAddress]);
    await this.limiter.consume(RATE_LIMITS.signInByAccount, [email]);
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    if (!user?.passwordHash) {
      await burnPasswordCheck(params.password);
      throw invalidCredentials();
    }
    if (!(await verifyPassword(user.passwordHash, params.password))) throw invalidCredentials();
    if (user.disabledAt) throw new AccountError('FORBIDDEN', 'This account is disabled.');
    if (user.totpSecret) {
      await this.mfa.verifySecondFactor(user, {
        totpCode: params.totpCode,
        recoveryCode: params.recoveryCode,
      });
    }
    await this.limiter.reset(RATE_LIMITS.signInByAccount, email);
    return this.startSession(user, params.client);
  }

  /** Records a provider sign-in that still needs the second factor; returns its cookie token. */
  beginPendingSignIn(userId: string): Promise<string> {
    return this.dataSource.transaction((manager) =>
      issueToken(manager, { userId, purpose: TokenPurpose.PENDING_SIGN_IN }),
    );
  }

  /** Finishes a pending provider sign-in with a TOTP or recovery code. */
  async completePendingSignIn(params: {
    token: string | undefined;
    totpCode?: string | null;
    recoveryCode?: string | null;
    client: ClientInfo;
  }): Promise<StartedSession> {
    const expired = () =>
      new AccountError('INVALID_TOKEN', 'This sign-in has expired. Start signing in again.');
    if (!params.token) throw expired();
    const userId = await peekToken(this.dataSource.manager, {
      token: params.token,
      purpose: TokenPurpose.PENDING_SIGN_IN,
    });
    if (!userId) throw expired();
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
    if (user.disabledAt) throw new AccountError('FORBIDDEN', 'This account is disabled.');
    await this.mfa.verifySecondFactor(user, {
      totpCode: params.totpCode,
      recoveryCode: params.recoveryCode,
    });
    // Used up only now, and atomically: a second tab racing this one gets INVALID_TOKEN.
    await this.dataSource.transaction((manager) =>
      consumeToken(manager, { token: params.token!, purpose: TokenPurpose.PENDING_SIGN_IN }),
    );
    return this.startSession(user, params.client);
  }

  /** Opens a session for a user who proved who they are (password, provider), noting new devices. */
  async startSession(user: User, client: ClientInfo): Promise<StartedSession> {
    const { token, session } = await this.sessions.create({ userId: user.id, ...client });
    const device = describeDevice(client.userAgent);
    if (!user.knownDevices.includes(device)) {
      await this.dataSource.transaction(async (manager) => {
        await manager
          .getRepository(User)
          .update(
            { id: user.id },
            { knownDevices: [...user.knownDevices, device].slice(-MAX_KNOWN_DEVICES) },
          );
        // The very first device is the one the account was made on: nothing to warn about.
        if (user.knownDevices.length > 0) {
          await queueMail(manager, {
            to: user.email,
            ...newSignInMessage({
              name: user.name,
              device,
              ipAddress: client.ipAddress,
              time: new Date(),
              sessionsUrl: new URL('/settings/sessions', this.publicUrl).toString(),
            }),
          });
        }
      });
    }
    return { user, token, session };
  }

  async verifyEmail(params: { token: string; client: ClientInfo }): Promise<User> {
    await this.limiter.consume(RATE_LIMITS.emailLinkByIp, [params.client.ipAddress]);
    let afterCommit: () => Promise<void> = async () => undefined;
    const user = await this.dataSource.transaction(async (manager) => {
      const token = await consumeToken(manager, {
        token: params.token,
        purpose: TokenPurpose.VERIFY_EMAIL,
      });
      await manager
        .createQueryBuilder()
        .update(User)
        .set({ emailVerifiedAt: () => 'coalesce(email_verified_at, now())' })
        .where('id = :id', { id: token.userId })
        .execute();
      afterCommit = await this.emailWasVerified(manager, token.userId);
      return manager.getRepository(User).findOneByOrFail({ id: token.userId });
    });
    await afterCommit();
    return user;
  }

  async resendVerification(userId: string): Promise<void> {
    await this.limiter.consume(RATE_LIMITS.verificationByAccount, [userId]);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOneByOrFail({ id: userId });
      if (user.emailVerifiedAt) {
        throw new AccountError('BAD_USER_INPUT', 'Your email address is already confirmed.');
      }
      await this.sendVerification(manager, user);
    });
  }

  /** Issues a verification link and queues its email in the caller's transaction. */
  async sendVerification(manager: EntityManager, user: User): Promise<void> {
    const token = await issueToken(manager, {
      userId: user.id,
      purpose: TokenPurpose.VERIFY_EMAIL,
    });
    await queueMail(manager, {
      to: user.email,
      ...verifyEmailMessage({ name: user.name, url: this.link('/verify-email', token) }),
    });
  }

  /** Sends a reset link if the address has an account; says nothing either way. */
  async requestPasswordReset(params: { email: string; client: ClientInfo }): Promise<void> {
    const email = normaliseEmail(params.email);
    await this.limiter.consume(RATE_LIMITS.resetByIp, [params.client.ipAddress]);
    await this.limiter.consume(RATE_LIMITS.resetByAccount, [email]);
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOneBy({ email });
      if (!user || user.disabledAt) return;
      const token = await issueToken(manager, {
        userId: user.id,
        purpose: TokenPurpose.RESET_PASSWORD,
      });
      await queueMail(manager, {
        to: user.email,
        ...passwordResetMessage({ name: user.name, url: this.link('/reset-password', token) }),
      });
    });
  }

  /** Sets a new password from a reset link and signs out every session. */
  async resetPassword(params: {
    token: string;
    password: string;
    client: ClientInfo;
  }): Promise<void> {
    await this.limiter.consume(RATE_LIMITS.emailLinkByIp, [params.client.ipAddress]);
    const passwordHash = await hashPassword(params.password);
    let afterCommit: () => Promise<void> = async () => undefined;
    const userId = await this.dataSource.transaction(async (manager) => {
      const token = await consumeToken(manager, {
        token: params.token,
        purpose: TokenPurpose.RESET_PASSWORD,
      });
      const user = await manager.getRepository(User).findOneByOrFail({ id: token.userId });
      assertStrongPassword(params.password, { email: user.email, name: user.name });
      // Opening the emailed link proves the address as well.
      await manager
        .getRepository(User)
        .update(
          { id: user.id },
          { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() },
        );
      await queueMail(manager, { to: user.email, ...this.passwordChanged(user) });
      afterCommit = await this.emailWasVerified(manager, user.id);
      return user.id;
    });
    await afterCommit();
    await this.sessions.revokeAll({ userId });
  }

  /** Changes the password (the current one is required) and signs out every other session. */
  async changePassword(params: {
    userId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
  }): Promise<void> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: params.userId });
    await this.limiter.consume(RATE_LIMITS.signInByAccount, [user.email]);
    if (user.passwordHash && !(await verifyPassword(user.passwordHash, params.currentPassword))) {
      throw new AccountError('INVALID_CREDENTIALS', 'Your current password is incorrect.', {
        fieldErrors: [
          { field: 'currentPassword', messages: ['Your current password is incorrect.'] },
        ],
      });
    }
    assertStrongPassword(params.newPassword, {
      email: user.email,
      name: user.name,
      field: 'newPassword',
    });
    const passwordHash = await hashPassword(params.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { passwordHash });
      await queueMail(manager, { to: user.email, ...this.passwordChanged(user) });
    });
    await this.sessions.revokeAll({ userId: user.id, exceptSessionId: params.sessionId });
  }

  private passwordChanged(user: User) {
    return passwordChangedMessage({
      name: user.name,
      time: new Date(),
      securityUrl: new URL('/settings/security', this.publicUrl).toString(),
    });
  }

  async updateProfile(params: {
    userId: string;
    name?: string | null;
    avatarUrl?: string | null;
  }): Promise<User> {
    const changes: Partial<User> = {};
    if (params.name !== undefined && params.name !== null) changes.name = params.name.trim();
    if (params.avatarUrl !== undefined) {
      const problem = params.avatarUrl === null ? null : avatarProblem(params.avatarUrl);
      if (problem) {
        throw new AccountError('BAD_USER_INPUT', problem, {
          fieldErrors: [{ field: 'avatarUrl', messages: [problem] }],
        });
      }
      changes.avatarUrl = params.avatarUrl;
    }
    if (Object.keys(changes).length > 0) {
      await this.dataSource.getRepository(User).update({ id: params.userId }, changes);
    }
    return this.dataSource.getRepository(User).findOneByOrFail({ id: params.userId });
  }

  /** Sends a confirmation link to the new address; nothing changes until it is opened. */
  async requestEmailChange(params: {
    userId: string;
    newEmail: string;
    currentPassword?: string | null;
  }): Promise<User> {
    const newEmail = normaliseEmail(params.newEmail);
    await this.limiter.consume(RATE_LIMITS.emailChangeByAccount, [params.userId]);
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOneByOrFail({ id: params.userId });
      if (
        user.passwordHash &&
        !(await verifyPassword(user.passwordHash, params.currentPassword ?? ''))
      ) {
        throw new AccountError('INVALID_CREDENTIALS', 'Your current password is incorrect.', {
          fieldErrors: [
            { field: 'currentPassword', messages: ['Your current password is incorrect.'] },
          ],
        });
      }
      if (newEmail === user.email) {
        throw new AccountError('BAD_USER_INPUT', 'That is already your email address.');
      }
      if (await manager.getRepository(User).existsBy({ email: newEmail })) {
        throw new AccountError('EMAIL_TAKEN', 'Another account uses this email address.', {
          fieldErrors: [
            { field: 'newEmail', messages: ['Another account uses this email address.'] },
          ],
        });
      }
      const token = await issueToken(manager, {
        userId: user.id,
        purpose: TokenPurpose.CHANGE_EMAIL,
        email: newEmail,
      });
      await manager.getRepository(User).update({ id: user.id }, { pendingEmail: newEmail });
      await queueMail(manager, {
        to: newEmail,
        ...emailChangeMessage({
          name: user.name,
          newEmail,
          url: this.link('/confirm-email', token),
        }),
      });
      return manager.getRepository(User).findOneByOrFail({ id: user.id });
    });
  }

  async confirmEmailChange(params: { token: string; client: ClientInfo }): Promise<User> {
    await this.limiter.consume(RATE_LIMITS.emailLinkByIp, [params.client.ipAddress]);
    let afterCommit: () => Promise<void> = async () => undefined;
    const changed = await this.dataSource.transaction(async (manager) => {
      const token = await consumeToken(manager, {
        token: params.token,
        purpose: TokenPurpose.CHANGE_EMAIL,
      });
      const user = await manager.getRepository(User).findOneByOrFail({ id: token.userId });
      const newEmail = token.email!;
      if (await manager.getRepository(User).existsBy({ email: newEmail })) {
        throw new AccountError(
          'EMAIL_TAKEN',
          'Another account started using this address meanwhile.',
        );
      }
      await manager
        .getRepository(User)
        .update(
          { id: user.id },
          { email: newEmail, emailVerifiedAt: new Date(), pendingEmail: null },
        );
      await queueMail(manager, {
        to: user.email,
        ...emailChangedNoticeMessage({ name: user.name, newEmail }),
      });
      afterCommit = await this.emailWasVerified(manager, user.id);
      return manager.getRepository(User).findOneByOrFail({ id: user.id });
    });
    await afterCommit();
    return changed;
  }

  findUser(userId: string): Promise<User> {
    return this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
  }

  async confirmAge(userId: string): Promise<User> {
    await this.dataSource
      .createQueryBuilder()
      .update(User)
      .set({ ageConfirmedAt: () => 'coalesce(age_confirmed_at, now())' })
      .where('id = :userId', { userId })
      .execute();
    return this.dataSource.getRepository(User).findOneByOrFail({ id: userId });
  }

  /** Checks the password (or, without one, a current TOTP code) before a sensitive change. */
  async confirmIdentity(params: {
    userId: string;
    password?: string | null;
    code?: string | null;
  }): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: params.userId });
    if (params.password && user.passwordHash) {
      await this.limiter.consume(RATE_LIMITS.signInByAccount, [user.email]);
      if (await verifyPassword(user.passwordHash, params.password)) return user;
      throw new AccountError('INVALID_CREDENTIALS', 'Your password is incorrect.');
    }
    if (params.code) {
      await this.mfa.verifySecondFactor(user, { totpCode: params.code });
      return user;
    }
    throw new AccountError(
      'BAD_USER_INPUT',
      'Enter your password or a code from your authenticator app.',
    );
  }
}
