import type { DataSource } from 'typeorm';
import type { EventBus } from '../../graphql/events';
import { randomToken, sha256Hex } from '../security/tokens';
import { SessionRecord } from './session.entity';
import { User } from './user.entity';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
// Renew when less than half the lifetime is left (Lucia's sliding window).
const RENEW_BELOW_MS = SESSION_LIFETIME_MS / 2;
// "Last seen" is written at most this often, so reads do not turn into writes.
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

export const SESSIONS_REVOKED_TOPIC = 'sessions.revoked';

/** Announced after sessions end, so every api process closes their live connections. */
export interface SessionsRevokedEvent {
  userId: string;
  /** These sessions ended… */
  sessionIds?: string[];
  /** …or every session of the user except this one (null: all of them). */
  allExcept?: string | null;
}

/** Who is making a request. */
export interface Identity {
  user: User;
  session: SessionRecord;
}

export interface ValidatedSession extends Identity {
  /** The expiry moved: send the cookie again with the new date. */
  renewed: boolean;
}

/** Sessions per the Lucia design: random token in the cookie, its SHA-256 in the database. */
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  async create(params: {
    userId: string;
    ipAddress: string | null;
    userAgent: string | null;
  }): Promise<{ token: string; session: SessionRecord }> {
    const token = randomToken(20);
    const now = new Date();
    const session = await this.dataSource.getRepository(SessionRecord).save({
      id: sha256Hex(token),
      userId: params.userId,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      ipAddress: params.ipAddress?.slice(0, 64) ?? null,
      userAgent: params.userAgent?.slice(0, 512) ?? null,
    });
    return { token, session };
  }

  /** The session and its user for a cookie or bearer token, renewing it when due; null if invalid. */
  async validate(token: string): Promise<ValidatedSession | null> {
    if (!token || token.length > 128) return null;
    const id = sha256Hex(token);
    const session = await this.dataSource.getRepository(SessionRecord).findOneBy({ id });
    if (!session) return null;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now) {
      await this.dataSource.getRepository(SessionRecord).delete({ id });
      return null;
    }
    const user = await this.dataSource.getRepository(User).findOneBy({ id: session.userId });
    if (!user || user.disabledAt) return null;

    const renewed = session.expiresAt.getTime() - now < RENEW_BELOW_MS;
    const stale = now - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS;
    if (renewed || stale) {
      session.lastSeenAt = new Date(now);
      if (renewed) session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
      await this.dataSource
        .getRepository(SessionRecord)
        .update({ id }, { lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt });
    }
    return { user, session, renewed };
  }

  /** My sessions that have not expired, newest first. */
  list(userId: string): Promise<SessionRecord[]> {
    return this.dataSource
      .getRepository(SessionRecord)
      .createQueryBuilder('session')
      .where('session.user_id = :userId AND session.expires_at > now()', { userId })
      .orderBy('session.last_seen_at', 'DESC')
      .getMany();
  }

  /** Ends one of the user's sessions; false when it is not theirs or not there. */
  async revoke(params: { userId: string; sessionId: string }): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(SessionRecord)
      .delete({ id: params.sessionId, userId: params.userId });
    if (!result.affected) return false;
    await this.announce({ userId: params.userId, sessionIds: [params.sessionId] });
    return true;
  }

  /** Ends every session of the user, or every one but `exceptSessionId`; returns how many. */
  async revokeAll(params: { userId: string; exceptSessionId?: string | null }): Promise<number> {
    const query = this.dataSource
      .getRepository(SessionRecord)
      .createQueryBuilder()
      .delete()
      .where('user_id = :userId', { userId: params.userId });
    if (params.exceptSessionId) query.andWhere('id <> :except', { except: params.exceptSessionId });
    const result = await query.execute();
    await this.announce({ userId: params.userId, allExcept: params.exceptSessionId ?? null });
    return result.affected ?? 0;
  }

  /** Which of these sessions are still valid (used to close live connections of ended ones). */
  async stillValid(sessionIds: string[]): Promise<Set<string>> {
    if (sessionIds.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ANY($1) AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [sessionIds],
    )) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  /** Removes expired sessions; run periodically. */
  async pruneExpired(): Promise<number> {
    const result = await this.dataSource
      .getRepository(SessionRecord)
      .createQueryBuilder()
      .delete()
      .where('expires_at <= now()')
      .execute();
    return result.affected ?? 0;
  }

  private announce(event: SessionsRevokedEvent): Promise<void> {
    return this.events.publish(SESSIONS_REVOKED_TOPIC, event);
  }
}
