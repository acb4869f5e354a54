import type { DataSource } from 'typeorm';
import type { EventBus } from '../../graphql/events';
import type { AccountService } from '../accounts/account.service';
import { CreditsResolver, UserCreditsResolver } from './credits.resolver';
import { TransferKind } from './ledger-transfer.entity';
import { LedgerService } from './ledger.service';

/** The credits domain, wired: the ledger, its resolvers, and the sign-up grant. */
export function createCreditsModule(params: {
  dataSource: DataSource;
  events: EventBus;
  accounts: AccountService;
  signupCredits: number;
}) {
  const ledger = new LedgerService(params.dataSource, params.events);

  // Welcome credits once per person: keyed on the user, so re-verifying grants nothing more.
  if (params.signupCredits > 0) {
    params.accounts.onEmailVerified(async (manager, userId) => {
      const { created } = await ledger.grant({
        manager,
        userId,
        amount: params.signupCredits,
        kind: TransferKind.SIGNUP_GRANT,
        key: `signup:${userId}`,
      });
      return created ? () => ledger.announce([userId]) : undefined;
    });
  }

  return {
    /** Creates the system accounts before the first request needs them. */
    start: () => ledger.ensureSystemAccounts(),
    services: { ledger },
    resolvers: [new UserCreditsResolver(ledger), new CreditsResolver(ledger, params.dataSource)],
  };
}
