import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { createTestTransport, renderApp } from '../../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../../testing/harness';
import { aiModel, image, page } from '../library-fixtures';
import { AiModelPage } from './AiModelPage';
import { NewAiModelPage } from './NewAiModelPage';

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

const routes = [
  { path: '/library/models', element: <h1>All AI models</h1> },
  { path: '/library/models/new', element: <NewAiModelPage /> },
  { path: '/library/models/:id', element: <AiModelPage /> },
];

function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

function open(server: FakeServer, entry: string) {
  const transport = createTestTransport(server);
  const app = renderApp(transport, routes, entry);
  render(app.ui);
  return { transport, router: app.router };
}

function sent(received: ReceivedOperation[], name: string) {
  return received.filter((operation) => operation.operationName === name).map((op) => op.variables);
}

function still(id: string, contentType = 'image/webp', durationSeconds: number | null = null) {
  return { ...image(id), contentType, durationSeconds };
}

describe('NewAiModelPage', () => {
  it('creates an AI model with tags and images chosen from my generations', async () => {
    const { transport, router } = open((operation) => {
      if (operation.operationName === 'LibraryPickerAssets') {
        return operation.variables.kind === 'OUTPUT'
          ? page('assets', 'Asset', [
              still('out-1'),
              still('clip-1', 'video/mp4', 4),
              still('out-2', 'image/png'),
            ])
          : page('assets', 'Asset', []);
      }
      if (operation.operationName === 'CreateAiModel') {
        return { data: { createAiModel: aiModel('m-new', { name: 'Nova' }) } };
      }
      if (operation.operationName === 'AiModel') {
        return { data: { aiModel: aiModel('m-new', { name: 'Nova' }) } };
      }
      return pending();
    }, '/library/models/new');

    fireEvent.change(await screen.findByRole('textbox', { name: /Name/ }), {
      target: { value: 'Nova' },
    });
    const tags = screen.getByRole('textbox', { name: 'Tags' });
    fireEvent.change(tags, { target: { value: 'film,' } });
    fireEvent.change(tags, { target: { value: 'portrait' } });
    fireEvent.keyDown(tags, { key: 'Enter' });

    fireEvent.click(screen.getByRole('button', { name: 'Choose from my generations' }));
    const dialog = screen.getByRole('dialog', { name: 'Choose reference images' });
    const choices = await within(dialog).findByRole('list', { name: 'Images to choose from' });
    // Clips cannot guide a picture: only stills are offered.
    expect(within(choices).getAllByRole('button')).toHaveLength(2);
    fireEvent.click(within(choices).getByRole('button', { name: 'Image 2' }));
    fireEvent.click(within(choices).getByRole('button', { name: 'Image 1' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add 2 images' }));
    await waitFor(() => expect(screen.getAllByTestId('persona-reference')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Make Image 2 the cover' }));

    fireEvent.click(screen.getByRole('button', { name: 'Create AI model' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/library/models/m-new'));
    expect(sent(transport.received, 'CreateAiModel')).toEqual([
      {
        input: {
          name: 'Nova',
          description: '',
          tags: ['film', 'portrait'],
          referenceAssetIds: ['out-2', 'out-1'],
          coverAssetId: 'out-1',
        },
      },
    ]);
  });
});

describe('AiModelPage', () => {
  const nova = aiModel('m1', {
    name: 'Nova',
    description: 'Warm film tones.',
    tags: ['film', 'portrait'],
    references: ['r1'],
    characters: [
      { id: 'c1', name: 'Mara' },
      { id: 'c2', name: 'Juno' },
    ],
  });

  it('lists its characters, links to Generate with it, and explains what deleting keeps', async () => {
    const { transport, router } = open((operation) => {
      if (operation.operationName === 'AiModel') return { data: { aiModel: nova } };
      if (operation.operationName === 'DeleteAiModel') return { data: { deleteAiModel: 'm1' } };
      return pending();
    }, '/library/models/m1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Nova' })).toBeTruthy();
    expect(
      screen.getByRole('link', { name: 'Generate with this model' }).getAttribute('href'),
    ).toBe('/generate?aiModel=m1');
    const characters = screen.getByRole('list', { name: 'Characters of Nova' });
    expect(
      within(characters)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['Mara', '/library/characters/c1'],
      ['Juno', '/library/characters/c2'],
    ]);
    expect(screen.getByRole('link', { name: 'Add a character' }).getAttribute('href')).toBe(
      '/library/characters/new?aiModel=m1',
    );
    expect(
      within(screen.getByRole('list', { name: 'Chosen tags' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['film', 'portrait']);

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Nova?' });
    expect(within(dialog).getByText(/Its 2 characters stay, in no AI model/)).toBeTruthy();
    expect(within(dialog).getByText(/keep their snapshot/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete AI model' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/library/models'));
    expect(sent(transport.received, 'DeleteAiModel')).toEqual([{ id: 'm1' }]);
  });

  it('shows an empty characters section with a way to add one', async () => {
    open(
      (operation) =>
        operation.operationName === 'AiModel'
          ? { data: { aiModel: aiModel('m2', { name: 'Orion' }) } }
          : pending(),
      '/library/models/m2',
    );
    expect(await screen.findByRole('heading', { name: 'No characters in it yet' })).toBeTruthy();
  });
});
