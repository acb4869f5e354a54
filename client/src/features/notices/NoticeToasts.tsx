import { useEffect, useRef } from 'react';
import { useSubscription } from '@apollo/client/react';
import { reconnectDelay } from '../../app/backoff';
import { NoticesDocument } from '../../gql/graphql';
import { useToast } from '../../ui';
import { noticeToast } from './notice-toast';

/**
 * Subscribes to operator notices for as long as the app is open and shows each one as a toast.
 * Dropped connections are resumed by the WebSocket client itself; if the server ends or refuses
 * the subscription, it is started again after a growing delay.
 */
export function NoticeToasts() {
  const toast = useToast();
  const attempts = useRef(0);
  const restartTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const restartRef = useRef<() => void>(() => {});

  function scheduleRestart() {
    clearTimeout(restartTimer.current);
    const delay = reconnectDelay(attempts.current);
    attempts.current += 1;
    restartTimer.current = setTimeout(() => restartRef.current(), delay);
  }

  const { restart } = useSubscription(NoticesDocument, {
    ignoreResults: true,
    onData: ({ data }) => {
      attempts.current = 0;
      const notice = data.data?.notices;
      if (notice) toast.show(noticeToast(notice));
    },
    onError: scheduleRestart,
    onComplete: scheduleRestart,
  });

  useEffect(() => {
    restartRef.current = restart;
  }, [restart]);

  useEffect(() => () => clearTimeout(restartTimer.current), []);

  return null;
}
