import { noticeToast } from './notice-toast';

const base = {
  id: '42',
  message: 'Scheduled maintenance at 22:00 UTC',
  createdAt: '2025-01-01T00:00:00Z',
};

describe('noticeToast', () => {
  it('maps each notice level to a toast tone', () => {
    expect(noticeToast({ ...base, level: 'INFO' }).tone).toBe('info');
    expect(noticeToast({ ...base, level: 'WARNING' }).tone).toBe('warning');
    expect(noticeToast({ ...base, level: 'CRITICAL' }).tone).toBe('danger');
  });

  it('keys the toast by notice id so a repeated delivery does not stack', () => {
    const toast = noticeToast({ ...base, level: 'INFO' });
    expect(toast.id).toBe('notice-42');
    expect(toast.message).toBe(base.message);
    expect(toast.title).toBe('Notice from the operators');
  });
});
