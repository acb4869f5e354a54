import type { NoticeLevel, NoticesSubscription } from '../../gql/graphql';
import type { ToastInput, ToastTone } from '../../ui';

type Notice = NoticesSubscription['notices'];

const toneByLevel: Record<NoticeLevel, ToastTone> = {
  INFO: 'info',
  WARNING: 'warning',
  CRITICAL: 'danger',
};

const titleByLevel: Record<NoticeLevel, string> = {
  INFO: 'Notice from the operators',
  WARNING: 'Warning from the operators',
  CRITICAL: 'Critical notice from the operators',
};

/** The toast for an operator notice: its level picks the style; critical ones stay until dismissed. */
export function noticeToast(notice: Notice): ToastInput {
  return {
    id: `notice-${notice.id}`,
    tone: toneByLevel[notice.level] ?? 'info',
    title: titleByLevel[notice.level] ?? titleByLevel.INFO,
    message: notice.message,
  };
}
