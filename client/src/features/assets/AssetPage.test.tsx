import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { card, connection } from '../../testing/generation-fixtures';
import { createTestTransport, errorResult, renderApp } from '../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../testing/harness';
import { AssetPage, USES_PAGE_SIZE } from './AssetPage';

const routes = [
  { path: '/assets/:id', element: <AssetPage /> },
  { path: '/history', element: <h1>History</h1> },
  { path: '/history/:id', element: <h1>A generation</h1> },
];

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

function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

const cover = (id: string) => ({
  __typename: 'Asset',
  id,
  url: `/files/${id}.png`,
  thumbnailUrl: `/files/${id}-thumb.webp`,
});

function upload(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Asset',
    id: 'upload-1',
    kind: 'REFERENCE',
    url: '/files/upload-1.png?sig=1',
    thumbnailUrl: '/files/upload-1-thumb.webp?sig=1',
    contentType: 'image/png',
    byteSize: 245_760,
    width: 640,
    height: 480,
    durationSeconds: null,
    sha256: 'ab'.repeat(32),
    createdAt: '2025-11-29T12:00:00.000Z',
    usedByCharacters: [
      { __typename: 'Character', id: 'char-mira', name: 'Mira', cover: cover('upload-1') },
    ],
    usedByAiModels: [{ __typename: 'AiModel', id: 'model-nova', name: 'Nova', cover: null }],
    ...overrides,
  };
}

function usesResult(nodes: ReturnType<typeof card>[], hasNextPage = false) {
  const list = connection(nodes, hasNextPage).data.generations;
  return { data: { generationsUsingAsset: list } };
}

function server(
  asset: Record<string, unknown> | FormattedExecutionResult = upload(),
  extra: (operation: ReceivedOperation) => ReturnType<FakeServer> | undefined = () => undefined,
): FakeServer {
  return (operation) => {
    const answer = extra(operation);
    if (answer !== undefined) return answer;
    switch (operation.operationName) {
      case 'AssetUsage':
        return 'errors' in asset ? (asset as FormattedExecutionResult) : { data: { asset } };
      case 'GenerationsUsingAsset':
        return operation.variables.after
          ? usesResult([card('g3')])
          : usesResult(
              [
                card('g1', {
                  provenance: {
                    __typename: 'ProvenanceSnapshot',
                    recipe: null,
                    characters: [
                      {
                        __typename: 'LibrarySnapshot',
                        id: 'char-mira',
                        name: 'Mira',
                        description: '',
                        traits: [],
                        tags: [],
                        referenceHashes: [],
                      },
                    ],
                  },
                }),
                card('g2'),
              ],
              true,
            );
      default:
        return pending();
    }
  };
}

function open(fake: FakeServer, entry = '/assets/upload-1') {
  const transport = createTestTransport(fake);
  const app = renderApp(transport, routes, entry);
  render(app.ui);
  return { transport, router: app.router };
}

describe('AssetPage', () => {
  it('shows the image, what uses it and the generations that used it, page by page', async () => {
    const { transport } = open(server());
    expect(
      await screen.findByRole('heading', { level: 1, name: 'What used this image?' }),
    ).toBeTruthy();
    expect(screen.getByRole('img', { name: 'The image at full size' }).getAttribute('src')).toBe(
      '/files/upload-1.png?sig=1',
    );
    const facts = screen.getByTestId('asset-facts');
    expect(facts.textContent).toContain('Uploaded reference image');
    expect(facts.textContent).toContain('image/png');
    expect(facts.textContent).toContain('640 × 480 pixels · 240 KB');

    const characters = screen.getByRole('list', { name: 'Characters that use this image' });
    expect(within(characters).getByRole('link', { name: 'Mira' }).getAttribute('href')).toBe(
      '/library/characters/char-mira',
    );
    const models = screen.getByRole('list', { name: 'AI models that use this image' });
    expect(within(models).getByRole('link', { name: 'Nova' }).getAttribute('href')).toBe(
      '/library/models/model-nova',
    );

    const uses = await screen.findByRole('list', { name: 'Generations that used this image' });
    const cards = within(uses).getAllByTestId('generation-card');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole('link', { name: 'Prompt of g1' }).getAttribute('href')).toBe(
      '/history/g1',
    );
    expect(within(cards[0]!).getByText('With Mira')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(uses).getAllByTestId('generation-card')).toHaveLength(3));
    expect(
      transport.received
        .filter((operation) => operation.operationName === 'GenerationsUsingAsset')
        .map((operation) => operation.variables),
    ).toEqual([
      { assetId: 'upload-1', first: USES_PAGE_SIZE },
      { assetId: 'upload-1', first: USES_PAGE_SIZE, after: 'c-g2' },
    ]);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('deletes an upload after a confirmation that lists what loses it', async () => {
    const { transport, router } = open(
      server(upload(), (operation) =>
        operation.operationName === 'DeleteAsset'
          ? { data: { deleteAsset: 'upload-1' } }
          : undefined,
      ),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete image' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this image?' });
    expect(dialog.textContent).toContain(
      'It is removed from storage and from the character Mira, the AI model Nova.',
    );
    expect(dialog.textContent).toContain('can no longer be run again exactly');
    expect(transport.received.some((op) => op.operationName === 'DeleteAsset')).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete image' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/history'));
    expect(transport.received.find((op) => op.operationName === 'DeleteAsset')?.variables).toEqual({
      id: 'upload-1',
    });
    expect(await screen.findByText('The image is deleted.')).toBeTruthy();
  });

  it('keeps the dialog open with the reason when the server refuses', async () => {
    open(
      server(upload(), (operation) =>
        operation.operationName === 'DeleteAsset'
          ? errorResult(
              'ASSET_NOT_DELETABLE',
              'This image is a result of a generation: delete the generation to delete it.',
            )
          : undefined,
      ),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete image' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this image?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete image' }));
    expect(
      await within(dialog).findByText(
        'This image is a result of a generation: delete the generation to delete it.',
      ),
    ).toBeTruthy();
  });

  it('offers no Delete for a generated image, and says where it goes', async () => {
    open(server(upload({ kind: 'OUTPUT', usedByCharacters: [], usedByAiModels: [] })));
    expect(await screen.findByText('Result of a generation')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete image' })).toBeNull();
    expect(screen.getByText(/deleted with its generation/)).toBeTruthy();
    expect(screen.getByText('No character uses it.')).toBeTruthy();
    expect(screen.getByText('No AI model uses it.')).toBeTruthy();
  });

  it('has a designed state for an image that does not exist', async () => {
    open(server(errorResult('NOT_FOUND', 'There is no asset with that id.')));
    expect(await screen.findByRole('heading', { level: 1, name: 'Image not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to History' }).getAttribute('href')).toBe(
      '/history',
    );
  });
});
