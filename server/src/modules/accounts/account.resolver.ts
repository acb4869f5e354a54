import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AllowUnconfirmedAge, Public, requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import type { AccountService, StartedSession } from './account.service';
import {
  ChangeEmailInput,
  ChangePasswordInput,
  CompleteSignInInput,
  ResetPasswordInput,
  SignInInput,
  SignUpInput,
  UpdateProfileInput,
} from './accounts.inputs';
import { AccountError } from './accounts.errors';
import { PENDING_SIGN_IN_COOKIE } from './session-cookie';
import { AuthProvider } from './accounts.types';
import { LinkedAccount } from './linked-account.entity';
import type { LinkedAccountService } from './linked-accounts.service';
import type { SessionService } from './session.service';
import { User } from './user.entity';

@Resolver(() => User)
export class AccountResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly linkedAccountService: LinkedAccountService,
    private readonly providers: () => AuthProvider[],
  ) {}

  /** Sessions live in a cookie, so starting one needs HTTP; refuse before anything changes. */
  private assertCookiesAvailable(context: GraphQLContext): void {
    if (!context.cookies.available) {
      throw new AccountError(
        'BAD_USER_INPUT',
        'Sign up and sign in over HTTP, where the session cookie can be set.',
      );
    }
  }

  private started(context: GraphQLContext, started: StartedSession): User {
    context.cookies.set(started.token, started.session.expiresAt);
    return started.user;
  }

  @Public()
  @Query(() => User, {
    nullable: true,
    description: 'The signed-in user, or null when anonymous (public)',
  })
  me(@Ctx() context: GraphQLContext): User | null {
    return context.identity?.user ?? null;
  }

  @Public()
  @Query(() => [AuthProvider], { description: 'Sign-in providers enabled on this server (public)' })
  authProviders(): AuthProvider[] {
    return this.providers();
  }

  @FieldResolver(() => [LinkedAccount])
  linkedAccounts(@Root() user: User): Promise<LinkedAccount[]> {
    return this.linkedAccountService.list(user.id);
  }

  @Public()
  @Mutation(() => User, {
    description: 'Creates the account, signs in and sends the verification email (public)',
  })
  async signUp(@Arg('input') input: SignUpInput, @Ctx() context: GraphQLContext): Promise<User> {
    this.assertCookiesAvailable(context);
    return this.started(context, await this.accounts.signUp({ ...input, client: context.client }));
  }

  @Public()
  @Mutation(() => User, {
    description:
      'Fails with MFA_REQUIRED (no session) when MFA is on and no code is given (public)',
  })
  async signIn(@Arg('input') input: SignInInput, @Ctx() context: GraphQLContext): Promise<User> {
    this.assertCookiesAvailable(context);
    return this.started(context, await this.accounts.signIn({ ...input, client: context.client }));
  }

  @Public()
  @Mutation(() => User, {
    description:
      'Finishes a provider sign-in of an account with MFA, with a TOTP or recovery code (public)',
  })
  async completeSignIn(
    @Arg('input') input: CompleteSignInInput,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    this.assertCookiesAvailable(context);
    const started = await this.accounts.completePendingSignIn({
      token: context.cookies.get(PENDING_SIGN_IN_COOKIE),
      ...input,
      client: context.client,
    });
    context.cookies.expire(PENDING_SIGN_IN_COOKIE);
    return this.started(context, started);
  }

  @Public()
  @Mutation(() => Boolean)
  async signOut(@Ctx() context: GraphQLContext): Promise<boolean> {
    const identity = context.identity;
    if (identity)
      await this.sessions.revoke({ userId: identity.user.id, sessionId: identity.session.id });
    context.cookies.clear();
    return true;
  }

  @Public()
  @Mutation(() => User, { description: 'Opens the link from the verification email (public)' })
  verifyEmail(@Arg('token') token: string, @Ctx() context: GraphQLContext): Promise<User> {
    return this.accounts.verifyEmail({ token, client: context.client });
  }

  @AllowUnconfirmedAge()
  @Mutation(() => Boolean)
  async resendVerificationEmail(@Ctx() context: GraphQLContext): Promise<boolean> {
    await this.accounts.resendVerification(requireIdentity(context).user.id);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Always true, whether or not the address has an account (public)',
  })
  async requestPasswordReset(
    @Arg('email') email: string,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    await this.accounts.requestPasswordReset({ email, client: context.client });
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Sets the new password and signs out every session (public)',
  })
  async resetPassword(
    @Arg('input') input: ResetPasswordInput,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    await this.accounts.resetPassword({ ...input, client: context.client });
    if (context.identity) context.cookies.clear();
    return true;
  }

  @Mutation(() => Boolean, { description: 'Signs out every other session' })
  async changePassword(
    @Arg('input') input: ChangePasswordInput,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    const { user, session } = requireIdentity(context);
    await this.accounts.changePassword({ userId: user.id, sessionId: session.id, ...input });
    return true;
  }

  @Mutation(() => User)
  updateProfile(
    @Arg('input') input: UpdateProfileInput,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    return this.accounts.updateProfile({ userId: requireIdentity(context).user.id, ...input });
  }

  @Mutation(() => User, {
    description:
      'Sends a confirmation link to the new address; the change takes effect when it is opened',
  })
  requestEmailChange(
    @Arg('input') input: ChangeEmailInput,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    return this.accounts.requestEmailChange({ userId: requireIdentity(context).user.id, ...input });
  }

  @Public()
  @Mutation(() => User, { description: 'Opens the link sent to the new address (public)' })
  confirmEmailChange(@Arg('token') token: string, @Ctx() context: GraphQLContext): Promise<User> {
    return this.accounts.confirmEmailChange({ token, client: context.client });
  }

  @AllowUnconfirmedAge()
  @Mutation(() => User, {
    description: 'Records the 18+ confirmation for accounts created through a social provider',
  })
  confirmAge(@Ctx() context: GraphQLContext): Promise<User> {
    return this.accounts.confirmAge(requireIdentity(context).user.id);
  }
}

@Resolver(() => LinkedAccount)
export class LinkedAccountResolver {
  constructor(private readonly linkedAccounts: LinkedAccountService) {}

  @FieldResolver(() => String, { description: "The provider's display name, e.g. GitHub" })
  providerName(@Root() linked: LinkedAccount): string {
    return this.linkedAccounts.providerName(linked.provider);
  }

  @Mutation(() => User, {
    description: 'Unlinks a provider; refused when it is the last way to sign in',
  })
  unlinkAccount(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<User> {
    return this.linkedAccounts.unlink({
      userId: requireIdentity(context).user.id,
      linkedAccountId: id,
    });
  }
}
