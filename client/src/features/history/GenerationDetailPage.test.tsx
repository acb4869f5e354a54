import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import {
  asset,
  balanceResult,
  catalogueResult,
  estimateResult,
  event,
  generation,
  provenance,
} from '../../testing/generation-fixtures';
import { createTestTransport, errorResult, renderApp } from '../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../testing/harness';
import { GeneratePage } from '../generate/GeneratePage';
import { GenerationDetailPage } from './GenerationDetailPage';

const routes = [
  { path: '/history/:id', element: <GenerationDetailPage /> },
  { path: '/history', element: <h1>History</h1> },
  { path: '/generate', element: <GeneratePage /> },
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

const reference = {
  __typename: 'Asset',
  id: 'ref-1',
  url: '/files/ref-1.png?sig=1',
  thumbnailUrl: '/files/ref-1-thumb.webp?sig=1',
  width: 64,
  height: 64,
};

const finished = generation({
  status: 'SUCCEEDED',
  progress: 1,
  negativePrompt: 'fog',
  params: { style: 'waves', steps: 12 },
  seed: 99,
  count: 2,
  costCredits: 2,
  lastSeq: 5,
  attempts: 1,
  references: [reference],
  provenance: provenance({
    references: [
      {
        __typename: 'ReferenceSnapshot',
        assetId: 'ref-1',
        sha256: 'ab12cd34'.padEnd(64, '0'),
        source: 'REQUEST',
        sent: true,
      },
    ],
  }),
  outputs: [asset('out-1'), asset('out-2')],
  startedAt: '2025-11-29T12:00:01.000Z',
  finishedAt: '2025-11-29T12:00:04.500Z',
  events: [
    event(1, 'CREATED', 'QUEUED', 0, 'Queued: 2 × Built-in image, 2 credits held'),
    event(2, 'STARTED', 'RUNNING', 0, 'Started'),
    event(3, 'OUTPUT', 'RUNNING', 1, 'Output 1 of 2 saved', 'out-1'),
    event(4, 'OUTPUT', 'RUNNING', 1, 'Output 2 of 2 saved', 'out-2'),
    event(5, 'SUCCEEDED', 'SUCCEEDED', 1, 'Done: 2 outputs'),
  ],
});

function server(
  subject: Record<string, unknown> | FormattedExecutionResult = finished,
  extra: (operation: ReceivedOperation) => ReturnType<FakeServer> | undefined = () => undefined,
): FakeServer {
  return (operation) => {
    const answer = extra(operation);
    if (answer !== undefined) return answer;
    switch (operation.operationName) {
      case 'Generation':
        return 'errors' in subject
          ? (subject as FormattedExecutionResult)
          : { data: { generation: subject } };
      case 'GenerationCatalog':
        return catalogueResult();
      case 'CreditBalance':
        return balanceResult(50);
      case 'EstimateGeneration':
        return estimateResult(2, 50);
      default:
        return pending();
    }
  };
}

function open(fake: FakeServer) {
  const transport = createTestTransport(fake);
  const app = renderApp(transport, routes, '/history/gen-1');
  render(app.ui);
  return { transport, router: app.router };
}

/** The definition list as [term, description] pairs. */
function facts(list: HTMLElement): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const term of Array.from(list.querySelectorAll('dt'))) {
    pairs.push([term.textContent ?? '', term.nextElementSibling?.textContent ?? '']);
  }
  return pairs;
}

describe('GenerationDetailPage', () => {
  it('shows the settings, references, outputs, every event, cost and timing', async () => {
    open(server());
    expect(await screen.findByRole('heading', { level: 1, name: 'Image generation' })).toBeTruthy();
    const settings = screen.getByTestId('generation-settings');
    await waitFor(() =>
      expect(facts(settings)).toEqual([
        ['Provider', 'Built-in generator'],
        ['Model', 'Built-in image · version local-1'],
        ['Prompt', 'A lighthouse at dawn'],
        ['Negative prompt', 'fog'],
        ['Size', '1024 × 1024 (1:1)'],
        ['Images', '2'],
        ['Seed', '99'],
        ['Style', 'waves'],
        ['Steps', '12'],
      ]),
    );
    const references = screen.getByRole('list', { name: 'Reference images' });
    expect(within(references).getByRole('img', { name: 'Reference image 1' })).toBeTruthy();

    const results = screen.getByRole('list', { name: 'Results' });
    expect(
      within(results)
        .getAllByRole('img')
        .map((image) => image.getAttribute('alt')),
    ).toEqual(['Result 1 of 2', 'Result 2 of 2']);
    expect(
      within(results).getByRole('link', { name: 'Download result 2' }).getAttribute('download'),
    ).toBe('aiofm-gen-1-2.webp');
    expect(
      within(screen.getByRole('list', { name: 'Event timeline' })).getAllByTestId(
        'generation-event',
      ),
    ).toHaveLength(5);

    const timing = screen.getByRole('region', { name: 'Cost and timing' });
    expect(within(timing).getByText('2 credits spent')).toBeTruthy();
    expect(within(timing).getByText('3.5 s')).toBeTruthy();
  });

  it('fills the Generate page with these settings again', async () => {
    const { router } = open(server());
    fireEvent.click(await screen.findByRole('link', { name: 'Use these settings again' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/generate'));
    expect(router.state.location.search).toBe('?from=gen-1');

    const prompt = (await screen.findByRole('textbox', { name: /Prompt/ })) as HTMLTextAreaElement;
    expect(prompt.value).toBe('A lighthouse at dawn');
    const value = (name: string, role = 'spinbutton') =>
      (screen.getByRole(role, { name }) as HTMLInputElement | HTMLSelectElement).value;
    expect(value('Negative prompt', 'textbox')).toBe('fog');
    expect(value('Number of images', 'combobox')).toBe('2');
    expect(value('Aspect ratio', 'combobox')).toBe('1:1');
    expect(value('Seed')).toBe('99');
    expect(value('Style', 'combobox')).toBe('waves');
    expect(value('Steps')).toBe('12');
    expect(
      (screen.getByRole('checkbox', { name: 'Custom size' }) as HTMLInputElement).checked,
    ).toBe(false);
    const chosen = screen.getByRole('list', { name: 'Chosen reference images' });
    expect(within(chosen).getAllByTestId('reference-item')).toHaveLength(1);
    expect(within(chosen).getByText('Ready')).toBeTruthy();
  });

  it('deletes after confirming, then goes back to History', async () => {
    const { transport, router } = open(
      server(finished, (operation) =>
        operation.operationName === 'DeleteGeneration'
          ? { data: { deleteGeneration: 'gen-1' } }
          : undefined,
      ),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this image generation?' });
    // Nothing is deleted until it is confirmed.
    expect(transport.received.some((op) => op.operationName === 'DeleteGeneration')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete generation' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/history'));
    expect(
      transport.received.find((op) => op.operationName === 'DeleteGeneration')?.variables,
    ).toEqual({ id: 'gen-1' });
    expect(await screen.findByText('The generation and its files are deleted.')).toBeTruthy();
  });

  it('keeps the dialog open with the reason when the server refuses', async () => {
    open(
      server(finished, (operation) =>
        operation.operationName === 'DeleteGeneration'
          ? errorResult('GENERATION_ACTIVE', 'Still in progress.')
          : undefined,
      ),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this image generation?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete generation' }));
    expect(
      await within(dialog).findByText(
        'This generation is still in progress: cancel it first, then delete it.',
      ),
    ).toBeTruthy();
  });

  it('offers Cancel, not Delete, while the generation runs', async () => {
    open(
      server(
        generation({
          status: 'RUNNING',
          progress: 0.5,
          lastSeq: 2,
          events: [event(1, 'CREATED', 'QUEUED'), event(2, 'STARTED', 'RUNNING', 0.5, 'Step 4')],
        }),
      ),
    );
    const remove = await screen.findByRole('button', { name: 'Delete' });
    expect(remove.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText(/A generation in progress can’t be deleted/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel generation' })).toBeTruthy();
    expect(
      screen.getByRole('progressbar', { name: 'Generating' }).getAttribute('aria-valuenow'),
    ).toBe('50');
  });

  it('has a designed state for a generation that does not exist', async () => {
    open(server(errorResult('NOT_FOUND', 'There is no generation with that id.')));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Generation not found' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to History' }).getAttribute('href')).toBe(
      '/history',
    );
  });
});
