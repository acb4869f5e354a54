import { act, fireEvent, render, screen } from '@testing-library/react';
import { ToastProvider, useToast } from './Toast';
import type { ToastApi } from './Toast';

function Capture({ onApi }: { onApi: (api: ToastApi) => void }) {
  onApi(useToast());
  return null;
}

function setup() {
  let api: ToastApi | undefined;
  render(
    <ToastProvider>
      <Capture onApi={(value) => (api = value)} />
    </ToastProvider>,
  );
  if (!api) throw new Error('toast api not captured');
  return api;
}

function messages() {
  return screen.queryAllByRole('listitem').map((item) => item.textContent ?? '');
}

describe('ToastProvider', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('announces toasts in a polite live region and hides them after their duration', () => {
    const api = setup();
    const region = screen.getByRole('list', { name: 'Notifications' });
    expect(region.getAttribute('aria-live')).toBe('polite');

    act(() => void api.show({ message: 'Saved your settings', tone: 'success', duration: 1000 }));
    expect(messages()).toEqual([expect.stringContaining('Saved your settings')]);

    act(() => void jest.advanceTimersByTime(999));
    expect(messages()).toHaveLength(1);
    act(() => void jest.advanceTimersByTime(1));
    expect(messages()).toHaveLength(0);
  });

  it('keeps critical toasts until dismissed and announces them as alerts', () => {
    const api = setup();
    act(() => void api.show({ message: 'Maintenance in 5 minutes', tone: 'danger' }));
    act(() => void jest.advanceTimersByTime(60 * 60 * 1000));
    expect(screen.getByRole('alert').textContent).toContain('Maintenance in 5 minutes');

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    expect(messages()).toHaveLength(0);
  });

  it('pauses the countdown while hovered', () => {
    const api = setup();
    act(() => void api.show({ message: 'Read me slowly', duration: 1000 }));
    const item = screen.getByRole('listitem');
    fireEvent.mouseEnter(item);
    act(() => void jest.advanceTimersByTime(5000));
    expect(messages()).toHaveLength(1);
    fireEvent.mouseLeave(item);
    act(() => void jest.advanceTimersByTime(1000));
    expect(messages()).toHaveLength(0);
  });

  it('queues toasts beyond three and says how many wait', () => {
    const api = setup();
    act(() => {
      for (const message of ['one', 'two', 'three', 'four', 'five']) {
        api.show({ message, tone: 'danger' });
      }
    });
    expect(messages()).toHaveLength(3);
    expect(screen.getByText('2 more notifications')).toBeTruthy();

    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss notification' })[0]!);
    expect(messages().map((text) => text.replace(/^Critical: /, ''))).toEqual([
      'two',
      'three',
      'four',
    ]);
    expect(screen.getByText('1 more notification')).toBeTruthy();
  });

  it('replaces a toast shown again with the same id instead of stacking it', () => {
    const api = setup();
    act(() => {
      api.show({ id: 'notice-7', message: 'Upgrade at 18:00' });
      api.show({ id: 'notice-7', message: 'Upgrade moved to 19:00' });
    });
    expect(messages()).toEqual([expect.stringContaining('Upgrade moved to 19:00')]);
  });

  it('throws a clear error outside the provider', () => {
    jest.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Capture onApi={() => {}} />)).toThrow(
      'useToast must be used inside <ToastProvider>',
    );
  });
});
