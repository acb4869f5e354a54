import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  RevokeOtherSessionsDocument,
  RevokeSessionDocument,
  SessionsDocument,
} from '../../gql/graphql';
import type { SessionsQuery } from '../../gql/graphql';
import {
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  LoadingState,
  StatusBadge,
  useToast,
} from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { formatDateTime, formatRelativeTime } from '../server/format';
import { useNow } from '../server/use-now';
import { SettingsHeader } from './SettingsLayout';

type Session = SessionsQuery['sessions'][number];

/** "Signed out of 3 other sessions." */
export function revokedMessage(count: number): string {
  if (count === 0) return 'No other sessions were signed in.';
  return count === 1 ? 'Signed out of 1 other session.' : `Signed out of ${count} other sessions.`;
}

/** The sessions in display order: this device first, then the most recently active. */
export function orderSessions(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => {
    if (a.current !== b.current) return a.current ? -1 : 1;
    return Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt);
  });
}

function SessionRow({
  session,
  now,
  revoking,
  onRevoke,
}: {
  session: Session;
  now: Date;
  revoking: boolean;
  onRevoke: (session: Session) => void;
}) {
  const created = new Date(session.createdAt);
  const lastSeen = new Date(session.lastSeenAt);
  return (
    <li data-testid="session" data-current={session.current || undefined}>
      <div className="item-list__main">
        <span className="item-list__title">
          {session.device}
          {session.current && <StatusBadge tone="info">This device</StatusBadge>}
        </span>
        <span className="item-list__meta">
          {session.ipAddress ? `${session.ipAddress} · ` : ''}
          Signed in <time dateTime={session.createdAt}>{formatDateTime(created)}</time>
        </span>
        <span className="item-list__meta">
          {session.current ? (
            'Active now'
          ) : (
            <>
              Last active{' '}
              <time dateTime={session.lastSeenAt} title={formatDateTime(lastSeen)}>
                {formatRelativeTime(lastSeen, now)}
              </time>
            </>
          )}
        </span>
      </div>
      {!session.current && (
        <Button size="sm" loading={revoking} onClick={() => onRevoke(session)}>
          Sign out
          <span className="visually-hidden"> {session.device}</span>
        </Button>
      )}
    </li>
  );
}

/** /settings/sessions: every browser and device signed in, with a way to sign each one out. */
export function SessionsPage() {
  const toast = useToast();
  const now = useNow(30_000);
  const { data, error, loading, refetch } = useQuery(SessionsDocument, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [revokeSession] = useMutation(RevokeSessionDocument);
  const [revokeOthers] = useMutation(RevokeOtherSessionsDocument);
  const [revokingId, setRevokingId] = useState<string | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);

  async function revoke(session: Session) {
    if (revokingId) return;
    setRevokingId(session.id);
    try {
      await revokeSession({ variables: { id: session.id } });
      toast.show({ tone: 'success', message: `Signed out ${session.device}.` });
    } catch (failure) {
      const problem = readApiError(failure);
      toast.show({
        tone: problem.code === 'NOT_FOUND' ? 'info' : 'danger',
        title: problem.code === 'NOT_FOUND' ? undefined : 'Could not sign out that session',
        message:
          problem.code === 'NOT_FOUND' ? 'That session had already ended.' : errorMessage(problem),
      });
    } finally {
      setRevokingId(null);
      void refetch();
    }
  }

  async function revokeAll() {
    let count: number;
    try {
      const result = await revokeOthers();
      count = result.data?.revokeOtherSessions ?? 0;
    } catch (failure) {
      throw new Error(errorMessage(readApiError(failure)), { cause: failure });
    }
    setConfirmAll(false);
    toast.show({ id: 'sessions-revoked', tone: 'success', message: revokedMessage(count) });
    void refetch();
  }

  const sessions = data ? orderSessions(data.sessions) : [];
  const others = sessions.filter((session) => !session.current).length;

  let body;
  if (data && sessions.length > 0) {
    body = (
      <>
        <ul className="item-list" aria-label="Signed-in sessions">
          {sessions.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              now={now}
              revoking={revokingId === session.id}
              onRevoke={(target) => void revoke(target)}
            />
          ))}
        </ul>
        {others === 0 && <p className="muted">No other browser or device is signed in.</p>}
      </>
    );
  } else if (data) {
    body = (
      <EmptyState
        compact
        headingLevel={3}
        title="No sessions"
        message="No browser or device is signed in to your account."
      />
    );
  } else if (error) {
    body = (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t load your sessions"
        message={errorMessage(readApiError(error))}
        onRetry={() => void refetch()}
        retrying={loading}
      />
    );
  } else {
    body = <LoadingState compact label="Loading your sessions…" />;
  }

  return (
    <>
      <SettingsHeader
        title="Sessions"
        lead="The browsers and devices signed in to your account. Sign out any you don’t recognise, then change your password."
      />
      <Card
        title="Where you’re signed in"
        footer={
          others > 0 ? (
            <Button variant="danger" onClick={() => setConfirmAll(true)}>
              Sign out all other sessions
            </Button>
          ) : undefined
        }
      >
        {body}
      </Card>
      <ConfirmDialog
        open={confirmAll}
        title="Sign out all other sessions?"
        description={`Every other browser and device (${others}) is signed out at once. This one stays signed in.`}
        confirmLabel="Sign out other sessions"
        onConfirm={revokeAll}
        onCancel={() => setConfirmAll(false)}
      />
    </>
  );
}
