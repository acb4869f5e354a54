import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireIdentity } from '../../graphql/access';
import type { GraphQLContext } from '../../graphql/context';
import { AccountError } from './accounts.errors';
import { SessionInfo } from './accounts.types';
import type { SessionService } from './session.service';
import { describeDevice } from './user-agent';

@Resolver()
export class SessionResolver {
  constructor(private readonly sessionService: SessionService) {}

  @Query(() => [SessionInfo], { description: 'My signed-in sessions, newest first' })
  async sessions(@Ctx() context: GraphQLContext): Promise<SessionInfo[]> {
    const { user, session: current } = requireIdentity(context);
    const sessions = await this.sessionService.list(user.id);
    return sessions.map((session) => ({
      id: session.id,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      expiresAt: session.expiresAt,
      ipAddress: session.ipAddress,
      device: describeDevice(session.userAgent),
      current: session.id === current.id,
    }));
  }

  @Mutation(() => Boolean)
  async revokeSession(
    @Arg('id', () => ID) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    const { user, session } = requireIdentity(context);
    // Another user's session is simply "not found": no hint that it exists.
    if (!(await this.sessionService.revoke({ userId: user.id, sessionId: id }))) {
      throw new AccountError('NOT_FOUND', 'That session does not exist or has already ended.');
    }
    if (id === session.id) context.cookies.clear();
    return true;
  }

  @Mutation(() => Int, { description: 'Returns how many sessions were signed out' })
  revokeOtherSessions(@Ctx() context: GraphQLContext): Promise<number> {
    const { user, session } = requireIdentity(context);
    return this.sessionService.revokeAll({ userId: user.id, exceptSessionId: session.id });
  }
}
