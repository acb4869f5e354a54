import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import {
  balanceResult,
  catalogueResult,
  estimateResult,
  generation,
} from '../../testing/generation-fixtures';
import { createTestTransport, errorResult, renderApp } from '../../testing/harness';
import type { ReceivedOperation } from '../../testing/harness';
import { GeneratePage } from './GeneratePage';

/** XMLHttpRequest as the upload uses it, driven by the test. */
class FakeRequest {
  static sent: FakeRequest[] = [];
  readonly upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  aborted = false;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  send(body: unknown) {
    this.body = body;
    FakeRequest.sent.push(this);
  }

  abort() {
    this.aborted = true;
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

function png(name: string, size = 2048): File {
  return new File([new Uint8Array(size)], name, { type: 'image/png' });
}

function uploaded(id: string) {
  return {
    data: {
      completeUpload: {
        __typename: 'Asset',
        id,
        url: `/files/${id}.png?sig=1`,
        thumbnailUrl: `/files/${id}-thumb.webp?sig=1`,
        width: 64,
        height: 64,
      },
    },
  };
}

function fakeServer(options: { tooLarge?: boolean } = {}) {
  let tickets = 0;
  return (operation: ReceivedOperation) => {
    switch (operation.operationName) {
      case 'GenerationCatalog':
        return catalogueResult();
      case 'CreditBalance':
        return balanceResult(50);
      case 'EstimateGeneration':
        return estimateResult(1, 50);
      case 'CreateUpload':
        if (options.tooLarge) {
          return errorResult('UPLOAD_TOO_LARGE', 'Too large.', { maxBytes: 20 * 1024 * 1024 });
        }
        tickets += 1;
        return {
          data: {
            createUpload: {
              __typename: 'UploadTicket',
              id: `upload-${tickets}`,
              url: `/files/uploads/${tickets}?sig=put`,
              method: 'PUT',
              headers: [{ __typename: 'HttpHeader', name: 'content-type', value: 'image/png' }],
              expiresAt: '2025-11-29T12:15:00.000Z',
              maxBytes: 2048,
            },
          },
        };
      case 'CompleteUpload':
        return uploaded(`asset-${String(operation.variables.id).replace('upload-', '')}`);
      case 'StartGeneration':
        return { data: { startGeneration: generation() } };
      default:
        return new Promise<FormattedExecutionResult>(() => undefined);
    }
  };
}

async function openPage(server: ReturnType<typeof fakeServer>) {
  const transport = createTestTransport(server);
  render(renderApp(transport, [{ path: '/generate', element: <GeneratePage /> }], '/generate').ui);
  await screen.findByRole('group', { name: 'Reference images' });
  return transport;
}

function choose(files: File[]) {
  fireEvent.change(screen.getByTestId('reference-file-input'), { target: { files } });
}

describe('ReferenceUploads', () => {
  it('uploads a file with progress, shows its thumbnail and sends it with the generation', async () => {
    const transport = await openPage(fakeServer());
    choose([png('lighthouse.png')]);

    await waitFor(() => expect(FakeRequest.sent).toHaveLength(1));
    expect(
      transport.received.find((operation) => operation.operationName === 'CreateUpload')?.variables,
    ).toEqual({ input: { filename: 'lighthouse.png', contentType: 'image/png', byteSize: 2048 } });
    const request = FakeRequest.sent[0]!;
    expect([request.method, request.url, request.headers]).toEqual([
      'PUT',
      '/files/uploads/1?sig=put',
      { 'content-type': 'image/png' },
    ]);

    act(() => request.progress(1024, 2048));
    const bar = screen.getByRole('progressbar', { name: 'Uploading lighthouse.png' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');

    await act(async () => request.respond(204));
    const item = await screen.findByText('Ready');
    expect(
      transport.received.find((operation) => operation.operationName === 'CompleteUpload')
        ?.variables,
    ).toEqual({ id: 'upload-1' });
    const tile = item.closest('li')!;
    expect(tile.querySelector('img')?.getAttribute('src')).toBe('/files/asset-1-thumb.webp?sig=1');

    fireEvent.change(screen.getByRole('textbox', { name: /Prompt/ }), {
      target: { value: 'Tinted waves' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() =>
      expect(
        transport.received.find((operation) => operation.operationName === 'StartGeneration')
          ?.variables.input,
      ).toMatchObject({ referenceAssetIds: ['asset-1'] }),
    );
  });

  it('takes no more files than the model allows, and only image types', async () => {
    await openPage(fakeServer());
    choose([
      png('a.png'),
      png('b.png'),
      png('c.png'),
      new File(['hello'], 'notes.txt', { type: 'text/plain' }),
    ]);
    expect(
      await screen.findByText(
        'One file is not a PNG, JPEG or WebP image and was left out. This model takes up to 2 reference images: 1 more was left out.',
      ),
    ).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Chosen reference images' });
    expect(within(list).getAllByTestId('reference-item')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Choose images' }).hasAttribute('disabled')).toBe(
      true,
    );

    // Removing one stops its upload and makes room again.
    await waitFor(() => expect(FakeRequest.sent).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Remove a.png' }));
    expect(FakeRequest.sent[0]!.aborted).toBe(true);
    expect(within(list).getAllByTestId('reference-item')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Choose images' }).hasAttribute('disabled')).toBe(
      false,
    );
  });

  it('says when the server refuses a file as too large', async () => {
    await openPage(fakeServer({ tooLarge: true }));
    choose([png('huge.png')]);
    expect(
      await screen.findByText('This image is larger than the 20 MB limit. Choose a smaller one.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
