import type { DataSource } from 'typeorm';
import { AccountError } from './accounts.errors';
import { LinkedAccount } from './linked-account.entity';
import { User } from './user.entity';

/** Provider ids and the names people know them by. */
export const PROVIDER_NAMES: Record<string, string> = {
  google: 'Google',
  github: 'GitHub',
  discord: 'Discord',
};

/** The social and OpenID Connect logins linked to accounts. */
export class LinkedAccountService {
  constructor(
    private readonly dataSource: DataSource,
    /** Display name of the generic OpenID Connect provider, when configured. */
    private readonly oidcName: string | undefined,
  ) {}

  providerName(provider: string): string {
    return provider === 'oidc'
      ? (this.oidcName ?? 'Single sign-on')
      : (PROVIDER_NAMES[provider] ?? provider);
  }

  list(userId: string): Promise<LinkedAccount[]> {
    return this.dataSource
      .getRepository(LinkedAccount)
      .find({ where: { userId }, order: { createdAt: 'ASC' } });
  }

  /** Unlinks a provider unless it is the account's last way to sign in. */
  async unlink(params: { userId: string; linkedAccountId: string }): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager
        .getRepository(User)
        .createQueryBuilder('user')
        .setLock('pessimistic_write')
        .where('user.id = :id', { id: params.userId })
        .getOneOrFail();
      const linked = await manager
        .getRepository(LinkedAccount)
        .findOneBy({ id: params.linkedAccountId, userId: params.userId });
      if (!linked) throw new AccountError('NOT_FOUND', 'That linked account does not exist.');
      const others = await manager.getRepository(LinkedAccount).countBy({ userId: params.userId });
      if (!user.passwordHash && others <= 1) {
        throw new AccountError(
          'LAST_SIGN_IN_METHOD',
          'This is your only way to sign in. Set a password (use "Forgot password") or link another provider first.',
        );
      }
      await manager.getRepository(LinkedAccount).delete({ id: linked.id });
      return user;
    });
  }
}
