import type { DataSource, EntityManager } from 'typeorm';
import type { ClientInfo } from '../../../graphql/context';
import type { Logger } from '../../../logger';
import type { AccountService, StartedSession } from '../account.service';
import { LinkedAccount } from '../linked-account.entity';
import { User } from '../user.entity';
import type { ProviderProfile } from './provider-profiles';

/** Why a provider login was not accepted; the browser lands on a page that explains it. */
export type RefusalCode =
  | 'account_disabled'
  | 'email_in_use'
  | 'email_required'
  /** The provider login belongs to another account. */
  | 'already_linked'
  /** The signed-in account already has a different login at this provider. */
  | 'provider_already_linked';

/** How a provider login ended. */
export type SocialSignInOutcome =
  | { kind: 'signed-in'; started: StartedSession }
  /** The account has two-factor authentication: the provider alone does not sign it in. */
  | { kind: 'second-factor'; pendingToken: string }
  | { kind: 'linked' }
  | { kind: 'refused'; code: RefusalCode; page: RefusalPage };

type RefusalPage = 'sign-in' | 'settings';

function refused(code: RefusalCode, page: RefusalPage = 'sign-in'): SocialSignInOutcome {
  return { kind: 'refused', code, page };
}

/**
 * Turns a provider's profile into a signed-in account: a known login signs in, a login started
 * from settings is linked to the signed-in account, an address that an account already owns is
 * linked only when both sides verified it, and anyone else gets a new account.
 */
export class SocialSignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly logger: Logger,
  ) {}

  async complete(params: {
    provider: string;
    profile: ProviderProfile;
    /** The signed-in user when the flow was started from settings to link this provider. */
    linkToUserId: string | null;
    client: ClientInfo;
  }): Promise<SocialSignInOutcome> {
    const { provider, profile, client } = params;
    if (params.linkToUserId) return this.linkToAccount(params.linkToUserId, provider, profile);

    const linked = await this.dataSource
      .getRepository(LinkedAccount)
      .findOneBy({ provider, subject: profile.subject });
    if (linked) {
      const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: linked.userId });
      if (user.disabledAt) return refused('account_disabled');
      // Keeps the address shown next to the login in settings current.
      if (profile.email && profile.email !== linked.email) {
        await this.dataSource
          .getRepository(LinkedAccount)
          .update({ id: linked.id }, { email: profile.email });
      }
      return this.signIn(user, client);
    }

    if (!profile.email) return refused('email_required');
    const owner = await this.dataSource.getRepository(User).findOneBy({ email: profile.email });
    if (owner) return this.linkByEmail(owner, provider, profile, client);
    return this.createAccount(provider, profile, client);
  }

  private async signIn(user: User, client: ClientInfo): Promise<SocialSignInOutcome> {
    if (user.totpSecret) {
      return {
        kind: 'second-factor',
        pendingToken: await this.accounts.beginPendingSignIn(user.id),
      };
    }
    return { kind: 'signed-in', started: await this.accounts.startSession(user, client) };
  }

  /** Adds the login to the signed-in account; never moves it away from another account. */
  private linkToAccount(
    userId: string,
    provider: string,
    profile: ProviderProfile,
  ): Promise<SocialSignInOutcome> {
    return this.dataSource.transaction(async (manager): Promise<SocialSignInOutcome> => {
      await lockUser(manager, userId);
      const logins = manager.getRepository(LinkedAccount);
      const existing = await logins.findOneBy({ provider, subject: profile.subject });
      if (existing) {
        return existing.userId === userId
          ? { kind: 'linked' }
          : refused('already_linked', 'settings');
      }
      if (await logins.existsBy({ userId, provider })) {
        return refused('provider_already_linked', 'settings');
      }
      if (!(await insertLogin(manager, { userId, provider, profile }))) {
        return refused('already_linked', 'settings');
      }
      this.logger.info({ userId, provider }, 'provider linked');
      return { kind: 'linked' };
    });
  }

  /**
   * Someone arrives with an address that an account already has. Linking would hand them that
   * account, so it happens only when the provider and we both confirmed the address belongs to
   * the same person, and never for an account with two-factor authentication (the address alone
   * does not open it, so neither may a login that only proves the address). Otherwise they sign
   * in the usual way and link the provider from settings.
   */
  private async linkByEmail(
    owner: User,
    provider: string,
    profile: ProviderProfile,
    client: ClientInfo,
  ): Promise<SocialSignInOutcome> {
    if (!profile.emailVerified || !owner.emailVerifiedAt || owner.totpSecret) {
      return refused('email_in_use');
    }
    if (owner.disabledAt) return refused('account_disabled');
    const linked = await this.dataSource.transaction(async (manager) => {
      await lockUser(manager, owner.id);
      // One login per provider and account: a second one at the same provider is not merged.
      if (await manager.getRepository(LinkedAccount).existsBy({ userId: owner.id, provider })) {
        return false;
      }
      return insertLogin(manager, { userId: owner.id, provider, profile });
    });
    if (!linked) return refused('email_in_use');
    this.logger.info({ userId: owner.id, provider }, 'provider linked by verified email');
    return this.signIn(owner, client);
  }

  private async createAccount(
    provider: string,
    profile: ProviderProfile,
    client: ClientInfo,
  ): Promise<SocialSignInOutcome> {
    const email = profile.email!;
    let afterCommit: () => Promise<void> = async () => undefined;
    const user = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          email,
          // Without a name, the address's local part is a name the person will recognise.
          name: profile.name ?? Array.from(email.split('@')[0]!).slice(0, 100).join(''),
          emailVerifiedAt: profile.emailVerified ? new Date() : null,
          avatarUrl: profile.avatarUrl,
          passwordHash: null,
          // Asked on the next page: a provider cannot tell us the person is 18 or older.
          ageConfirmedAt: null,
        })
        .orIgnore()
        .returning('id')
        .execute();
      // Another sign-up took the address a moment ago.
      if ((inserted.raw as unknown[]).length === 0) return null;
      const created = await manager.getRepository(User).findOneByOrFail({ email });
      await manager.getRepository(LinkedAccount).insert({
        userId: created.id,
        provider,
        subject: profile.subject,
        email,
      });
      if (profile.emailVerified)
        afterCommit = await this.accounts.emailWasVerified(manager, created.id);
      else await this.accounts.sendVerification(manager, created);
      return created;
    });
    await afterCommit();
    if (!user) return refused('email_in_use');
    this.logger.info({ userId: user.id, provider }, 'account created through a provider');
    return this.signIn(user, client);
  }
}

/** Serialises link changes of one account (the same lock unlinking takes). */
async function lockUser(manager: EntityManager, userId: string): Promise<void> {
  await manager
    .getRepository(User)
    .createQueryBuilder('user')
    .setLock('pessimistic_write')
    .where('user.id = :userId', { userId })
    .getOneOrFail();
}

/** Inserts the login unless the provider subject is taken meanwhile; false when it was. */
async function insertLogin(
  manager: EntityManager,
  params: { userId: string; provider: string; profile: ProviderProfile },
): Promise<boolean> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(LinkedAccount)
    .values({
      userId: params.userId,
      provider: params.provider,
      subject: params.profile.subject,
      email: params.profile.email,
    })
    .orIgnore()
    .returning('id')
    .execute();
  return (result.raw as unknown[]).length > 0;
}
