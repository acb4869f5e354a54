import { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { ConfirmDialog } from './Dialog';

// jsdom has <dialog> but not its modal API; model the parts the component relies on.
beforeAll(() => {
  const proto = HTMLDialogElement.prototype;
  if (!proto.showModal) {
    proto.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
  }
  if (!proto.close) {
    proto.close = function close(this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  }
});

function Harness({ onConfirm }: { onConfirm: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [deleted, setDeleted] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Delete…
      </button>
      {deleted && <p>Deleted</p>}
      <ConfirmDialog
        open={open}
        title="Delete this image?"
        description="It is removed from your library for good."
        confirmLabel="Delete image"
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          await onConfirm();
          setDeleted(true);
          setOpen(false);
        }}
      />
    </>
  );
}

describe('ConfirmDialog', () => {
  it('opens as a modal labelled by its title, with focus on Cancel', () => {
    render(<Harness onConfirm={async () => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this image?' });
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Delete image' }).className).toContain(
      'button--danger',
    );
  });

  it('closes without acting on Cancel', () => {
    const onConfirm = jest.fn(async () => {});
    render(<Harness onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows progress while the action runs, then closes', async () => {
    let finish: () => void = () => {};
    render(<Harness onConfirm={() => new Promise<void>((resolve) => (finish = resolve))} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete image' }));
    const confirm = screen.getByRole('button', { name: 'Delete image' });
    expect(confirm.getAttribute('aria-busy')).toBe('true');
    expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    await act(async () => finish());
    expect(screen.getByText('Deleted')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('stays open with the error when the action fails, and forgets it on reopening', async () => {
    render(
      <Harness
        onConfirm={async () => {
          throw new Error('The image is still in use by a running generation.');
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Delete image' }));
    });
    expect(screen.getByRole('alert').textContent).toContain('still in use');
    expect(screen.getByRole('dialog')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
