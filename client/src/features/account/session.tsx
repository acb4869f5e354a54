import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import type { ReactNode } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useLocation, useNavigate } from 'react-router';
import type { Location } from 'react-router';
import { useTransport } from '../../app/transport-context';
import { MeDocument, SignOutDocument } from '../../gql/graphql';
import type { ViewerFragment } from '../../gql/graphql';
import { useToast } from '../../ui';
import { errorMessage, readApiError } from './api-errors';

/** Toast shown when the server no longer accepts the session (revoked, expired, signed out). */
export const SESSION_ENDED_MESSAGE = 'Your session ended; please sign in again.';

export interface SessionApi {
  /** Call after signUp or signIn succeeded: the page now belongs to `user`. */
  signedIn: (user: ViewerFragment) => void;
  /** Signs out on the server, forgets the user's data and goes to the sign-in page. */
  signOut: () => Promise<void>;
  /**
   * Forgets the user's data after the server ended every session (password reset) and
   * reconnects the live connection without one.
   */
  forget: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** The current user (null when signed out) and whether that is still being found out. */
export function useViewer() {
  const { data, loading, error, refetch } = useQuery(MeDocument);
  return {
    viewer: data?.me ?? null,
    /** True until the first answer: do not treat the visitor as signed out yet. */
    loading: loading && !data,
    error: data ? undefined : error,
    refetch,
  };
}

/** The session actions of the nearest SessionProvider. */
export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

function locationState(location: Location) {
  return { from: { pathname: location.pathname, search: location.search, hash: location.hash } };
}

/**
 * Keeps the page in step with the session cookie. After signing in or out the live connection is
 * reopened (the browser sends cookies only when a WebSocket opens) and the cache is cleared of
 * the previous user's data. When the server stops accepting the session (an operation fails with
 * UNAUTHENTICATED, or it closes the live connection with 4401), the person is told and sent to
 * the sign-in page, which brings them back afterwards.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const apollo = useApolloClient();
  const transport = useTransport();
  const navigate = useNavigate();
  const toast = useToast();
  const location = useLocation();
  const locationRef = useRef(location);
  // While the page itself is ending a session, failures of the old session are expected.
  const ending = useRef(false);

  useEffect(() => {
    locationRef.current = location;
  }, [location]);

  const readViewer = useCallback(
    () => apollo.cache.readQuery({ query: MeDocument })?.me ?? null,
    [apollo],
  );

  const resetData = useCallback(async () => {
    transport.restartLive();
    try {
      await apollo.resetStore();
    } catch {
      // A query that fails to reload shows its own error state.
    }
  }, [apollo, transport]);

  const sessionEnded = useCallback(async () => {
    if (ending.current) return;
    ending.current = true;
    try {
      toast.show({ id: 'session-ended', tone: 'warning', message: SESSION_ENDED_MESSAGE });
      const current = locationRef.current;
      if (current.pathname !== '/sign-in') {
        await navigate('/sign-in', { replace: true, state: locationState(current) });
      }
      await resetData();
    } finally {
      ending.current = false;
    }
  }, [navigate, resetData, toast]);

  useEffect(
    () =>
      transport.onSessionSignal((signal) => {
        if (ending.current) return;
        switch (signal.type) {
          case 'unauthenticated':
            if (signal.operationName === 'SignOut') return;
            // Only a session the page believed in can end; anonymous pages show their own error.
            if (readViewer()) void sessionEnded();
            return;
          case 'socket-rejected': {
            const before = readViewer();
            void apollo
              .query({ query: MeDocument, fetchPolicy: 'network-only' })
              .then((result) => {
                if (before && !result.data?.me) void sessionEnded();
              })
              .catch(() => undefined);
            return;
          }
          case 'age-confirmation-required': {
            const current = locationRef.current;
            if (current.pathname === '/welcome/age') return;
            void apollo.refetchQueries({ include: [MeDocument] });
            void navigate('/welcome/age', { state: locationState(current) });
            return;
          }
        }
      }),
    [apollo, navigate, readViewer, sessionEnded, transport],
  );

  const signedIn = useCallback(
    (user: ViewerFragment) => {
      apollo.cache.writeQuery({ query: MeDocument, data: { me: user } });
      transport.restartLive();
    },
    [apollo, transport],
  );

  const signOut = useCallback(async () => {
    if (ending.current) return;
    ending.current = true;
    try {
      try {
        await apollo.mutate({ mutation: SignOutDocument });
      } catch (error) {
        const problem = readApiError(error);
        // Without a session there is nothing to sign out of; go on as if it worked.
        if (problem.code !== 'UNAUTHENTICATED') {
          toast.show({
            id: 'sign-out-failed',
            tone: 'danger',
            title: 'You are still signed in',
            message: errorMessage(problem),
          });
          return;
        }
      }
      await navigate('/sign-in', { replace: true });
      await resetData();
    } finally {
      ending.current = false;
    }
  }, [apollo, navigate, resetData, toast]);

  const forget = useCallback(async () => {
    ending.current = true;
    try {
      await resetData();
    } finally {
      ending.current = false;
    }
  }, [resetData]);

  const api = useMemo<SessionApi>(
    () => ({ signedIn, signOut, forget }),
    [signedIn, signOut, forget],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}
