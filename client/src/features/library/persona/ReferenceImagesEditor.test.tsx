import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { createTestTransport, renderApp } from '../../../testing/harness';
import type { FakeServer } from '../../../testing/harness';
import { image, page } from '../library-fixtures';
import { NewCharacterPage } from '../characters/NewCharacterPage';

/** XMLHttpRequest as the upload uses it, driven by the test. */
class FakeRequest {
  static sent: FakeRequest[] = [];
  readonly upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  url = '';

  open(_method: string, url: string) {
    this.url = url;
  }

  setRequestHeader() {}

  send() {
    FakeRequest.sent.push(this);
  }

  abort() {
    this.onabort?.();
  }

  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }

  respond(status: number) {
    this.status = status;
    this.onload?.();
  }
}

const realRequest = globalThis.XMLHttpRequest;

beforeEach(() => {
  FakeRequest.sent = [];
  globalThis.XMLHttpRequest = FakeRequest as unknown as typeof XMLHttpRequest;
});

afterEach(() => {
  globalThis.XMLHttpRequest = realRequest;
});

function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

function png(name: string): File {
  return new File([new Uint8Array(512)], name, { type: 'image/png' });
}

const server: FakeServer = (operation) => {
  if (operation.operationName === 'AiModelChoices') return page('aiModels', 'AiModel', []);
  if (operation.operationName === 'CreateUpload') {
    const input = operation.variables.input as { filename: string };
    return {
      data: {
        createUpload: {
          __typename: 'UploadTicket',
          id: `ticket-${input.filename}`,
          url: `/files/upload/${input.filename}`,
          method: 'PUT',
          headers: [],
          expiresAt: '2030-01-01T00:00:00.000Z',
          maxBytes: 512,
        },
      },
    };
  }
  if (operation.operationName === 'CompleteUpload') {
    const id = String(operation.variables.id).replace('ticket-', 'asset-').replace('.png', '');
    return { data: { completeUpload: image(id) } };
  }
  return pending();
};

describe('ReferenceImagesEditor', () => {
  it('uploads dropped images with progress per file, and leaves out files it cannot take', async () => {
    const transport = createTestTransport(server);
    const app = renderApp(
      transport,
      [{ path: '/library/characters/new', element: <NewCharacterPage /> }],
      '/library/characters/new',
    );
    render(app.ui);

    const dropzone = await screen.findByTestId('persona-dropzone');
    fireEvent.drop(dropzone, {
      dataTransfer: {
        files: [png('a.png'), png('b.png'), new File(['x'], 'notes.txt', { type: 'text/plain' })],
        types: ['Files'],
      },
    });
    expect(screen.getByText(/One file is not a PNG, JPEG or WebP image/)).toBeTruthy();
    await waitFor(() => expect(FakeRequest.sent).toHaveLength(2));
    act(() => FakeRequest.sent[0]!.progress(256, 512));
    const tiles = screen.getAllByTestId('persona-reference');
    expect(
      within(tiles[0]!)
        .getByRole('progressbar', { name: 'Uploading a.png' })
        .getAttribute('aria-valuenow'),
    ).toBe('50');
    // Saving waits for the uploads.
    expect(screen.getByText('Waiting for the images to finish uploading…')).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Create character' }) as HTMLButtonElement).disabled,
    ).toBe(true);

    act(() => {
      FakeRequest.sent[0]!.respond(200);
      FakeRequest.sent[1]!.respond(200);
    });
    await waitFor(() =>
      expect(
        screen.getAllByTestId('persona-reference').map((tile) => tile.getAttribute('data-status')),
      ).toEqual(['ready', 'ready']),
    );
    expect(
      screen.getAllByTestId('persona-reference').map((tile) => tile.querySelector('img')?.src),
    ).toEqual([
      expect.stringContaining('/files/asset-a-thumb.webp'),
      expect.stringContaining('/files/asset-b-thumb.webp'),
    ]);
    // The first image is the cover until another is chosen.
    expect(within(screen.getAllByTestId('persona-reference')[0]!).getByText('Cover')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove Image 1' }));
    expect(screen.getAllByTestId('persona-reference')).toHaveLength(1);
    expect(within(screen.getAllByTestId('persona-reference')[0]!).getByText('Cover')).toBeTruthy();
  });
});
