import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import type { AccountService } from './account.service';
import { DisableMfaInput } from './accounts.inputs';
import { MfaSetup, RecoveryCodes } from './accounts.types';
import type { MfaService } from './mfa.service';
import { User } from './user.entity';

@Resolver()
export class MfaResolver {
  constructor(
    private readonly mfa: MfaService,
    private readonly accounts: AccountService,
  ) {}

  @Mutation(() => MfaSetup)
  beginMfaSetup(@Ctx() context: GraphQLContext): Promise<MfaSetup> {
    return this.mfa.beginSetup(requireIdentity(context).user.id);
  }

  @Mutation(() => RecoveryCodes, {
    description: 'Turns MFA on when the code matches; returns the recovery codes once',
  })
  async confirmMfaSetup(
    @Arg('code') code: string,
    @Ctx() context: GraphQLContext,
  ): Promise<RecoveryCodes> {
    return { codes: await this.mfa.confirmSetup(requireIdentity(context).user.id, code) };
  }

  @Mutation(() => User)
  async disableMfa(
    @Arg('input') input: DisableMfaInput,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    const userId = requireIdentity(context).user.id;
    await this.accounts.confirmIdentity({ userId, password: input.password, code: input.code });
    await this.mfa.disable(userId);
    return this.accounts.findUser(userId);
  }

  @Mutation(() => RecoveryCodes, {
    description: 'Replaces the recovery codes; needs a current authenticator code',
  })
  async regenerateRecoveryCodes(
    @Arg('code') code: string,
    @Ctx() context: GraphQLContext,
  ): Promise<RecoveryCodes> {
    return {
      codes: await this.mfa.regenerateRecoveryCodes(requireIdentity(context).user.id, code),
    };
  }
}
