import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { asset, card, connection } from '../../testing/generation-fixtures';
import { LiveStream, createTestTransport, renderApp } from '../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../testing/harness';
import { HISTORY_PAGE_SIZE, HistoryPage } from './HistoryPage';

const routes = [
  { path: '/history', element: <HistoryPage /> },
  { path: '/generate', element: <h1>Generate</h1> },
];

function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

function listRequests(received: ReceivedOperation[]) {
  return received
    .filter((operation) => operation.operationName === 'Generations')
    .map((operation) => operation.variables);
}

function cards() {
  return screen.getAllByTestId('generation-card').map((item) => ({
    prompt: item.querySelector('.generation-card__prompt')?.textContent,
    status: item.getAttribute('data-status'),
  }));
}

function open(server: FakeServer, entry = '/history') {
  const transport = createTestTransport(server);
  const app = renderApp(transport, routes, entry);
  render(app.ui);
  return { transport, router: app.router };
}

describe('HistoryPage', () => {
  it('shows my generations as cards, with progress for the ones running', async () => {
    open((operation) =>
      operation.operationName === 'Generations'
        ? connection([
            card('g1'),
            card('g2', {
              status: 'RUNNING',
              progress: 0.4,
              outputs: [],
              previews: [{ __typename: 'Asset', id: 'prev-g2', url: '/files/prev-g2.webp' }],
            }),
          ])
        : pending(),
    );
    const list = await screen.findByRole('list', { name: 'Generations, newest first' });
    expect(cards()).toEqual([
      { prompt: 'Prompt of g1', status: 'SUCCEEDED' },
      { prompt: 'Prompt of g2', status: 'RUNNING' },
    ]);
    const [first, second] = within(list).getAllByTestId('generation-card');
    expect(within(first!).getByRole('link', { name: 'Prompt of g1' }).getAttribute('href')).toBe(
      '/history/g1',
    );
    expect(first!.querySelector('img')?.getAttribute('src')).toBe('/files/out-g1-thumb.webp?sig=1');
    expect(within(first!).getByText('Succeeded')).toBeTruthy();
    expect(within(first!).getByText('1 credit')).toBeTruthy();
    expect(within(first!).queryByRole('progressbar')).toBeNull();
    expect(second!.querySelector('img')?.getAttribute('src')).toBe('/files/prev-g2.webp');
    expect(
      within(second!)
        .getByRole('progressbar', { name: 'Generating' })
        .getAttribute('aria-valuenow'),
    ).toBe('40');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('applies myGenerationUpdates in place and puts a new generation at the top', async () => {
    const updates = new LiveStream();
    const { transport } = open((operation) => {
      if (operation.operationName === 'Generations') {
        return connection([
          card('g1', { status: 'RUNNING', progress: 0.2, outputs: [] }),
          card('g2'),
        ]);
      }
      if (operation.operationName === 'MyGenerationUpdates') return updates;
      return pending();
    });
    await screen.findByRole('list', { name: 'Generations, newest first' });
    await waitFor(() => expect(updates.subscribers).toBe(1));

    await act(async () =>
      updates.push({
        data: {
          myGenerationUpdates: card('g1', { status: 'SUCCEEDED', outputs: [asset('out-g1')] }),
        },
      }),
    );
    await waitFor(() =>
      expect(cards()).toEqual([
        { prompt: 'Prompt of g1', status: 'SUCCEEDED' },
        { prompt: 'Prompt of g2', status: 'SUCCEEDED' },
      ]),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();

    // Started elsewhere (the Generate page, another tab): it appears first, and moves on live.
    const createdAt = new Date(Date.UTC(2025, 10, 29, 12, 5)).toISOString();
    await act(async () =>
      updates.push({
        data: {
          myGenerationUpdates: card('g0', {
            status: 'QUEUED',
            progress: 0,
            outputs: [],
            createdAt,
            prompt: 'Just started',
          }),
        },
      }),
    );
    await waitFor(() => expect(cards()[0]).toEqual({ prompt: 'Just started', status: 'QUEUED' }));
    await act(async () =>
      updates.push({
        data: {
          myGenerationUpdates: card('g0', {
            status: 'RUNNING',
            progress: 0.5,
            outputs: [],
            createdAt,
            prompt: 'Just started',
          }),
        },
      }),
    );
    await waitFor(() => expect(cards()[0]).toEqual({ prompt: 'Just started', status: 'RUNNING' }));
    expect(cards()).toHaveLength(3);
    expect(
      screen.getByRole('progressbar', { name: 'Generating' }).getAttribute('aria-valuenow'),
    ).toBe('50');
    // No list was fetched again for any of it.
    expect(listRequests(transport.received)).toHaveLength(1);
  });

  it('filters by status and kind through the address', async () => {
    const { transport, router } = open((operation) =>
      operation.operationName === 'Generations'
        ? connection(operation.variables.status === 'FAILED' ? [] : [card('g1')])
        : pending(),
    );
    await screen.findByRole('list', { name: 'Generations, newest first' });

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), {
      target: { value: 'FAILED' },
    });
    expect(
      await screen.findByRole('heading', { name: 'No generations match these filters' }),
    ).toBeTruthy();
    expect(router.state.location.search).toBe('?status=FAILED');

    fireEvent.change(screen.getByRole('combobox', { name: 'Kind' }), {
      target: { value: 'VIDEO' },
    });
    await waitFor(() => expect(router.state.location.search).toBe('?status=FAILED&kind=VIDEO'));
    await waitFor(() =>
      expect(listRequests(transport.received)).toEqual([
        { first: HISTORY_PAGE_SIZE },
        { first: HISTORY_PAGE_SIZE, status: 'FAILED' },
        { first: HISTORY_PAGE_SIZE, status: 'FAILED', kind: 'VIDEO' },
      ]),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Show all generations' }));
    await waitFor(() => expect(cards()).toEqual([{ prompt: 'Prompt of g1', status: 'SUCCEEDED' }]));
    expect(router.state.location.search).toBe('');
  });

  it('loads older generations after the last cursor', async () => {
    const { transport } = open((operation) => {
      if (operation.operationName !== 'Generations') return pending();
      return operation.variables.after
        ? connection([card('g3')])
        : connection([card('g1'), card('g2')], true);
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(cards()).toHaveLength(3));
    expect(listRequests(transport.received)).toEqual([
      { first: HISTORY_PAGE_SIZE },
      { first: HISTORY_PAGE_SIZE, after: 'c-g2' },
    ]);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('has a designed empty state that leads to Generate', async () => {
    open((operation) => (operation.operationName === 'Generations' ? connection([]) : pending()));
    expect(await screen.findByRole('heading', { name: 'Nothing generated yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Generate something' }).getAttribute('href')).toBe(
      '/generate',
    );
  });
});

describe('HistoryPage: what a generation was made with', () => {
  it('shows the recipe and the characters on the card, as they were named then', async () => {
    const named = (id: string, name: string) => ({
      __typename: 'LibrarySnapshot',
      id,
      name,
      description: '',
      traits: [],
      tags: [],
      referenceHashes: [],
    });
    open((operation) =>
      operation.operationName === 'Generations'
        ? connection([
            card('g1', {
              provenance: {
                __typename: 'ProvenanceSnapshot',
                recipe: {
                  __typename: 'RecipeRunSnapshot',
                  id: 'recipe-1',
                  name: 'Night market',
                  version: 3,
                },
                characters: [named('char-mira', 'Mira'), named('char-juno', 'Juno')],
              },
            }),
            card('g2'),
          ])
        : pending(),
    );
    await screen.findByRole('list', { name: 'Generations, newest first' });
    const [first, second] = screen.getAllByTestId('generation-card');
    const library = within(first!).getByTestId('generation-card-library');
    expect(library.textContent).toBe('Recipe: Night market · v3With Mira, Juno');
    expect(within(second!).queryByTestId('generation-card-library')).toBeNull();
  });
});
