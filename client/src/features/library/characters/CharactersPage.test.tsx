import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { createTestTransport, renderApp } from '../../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../../testing/harness';
import { character, page } from '../library-fixtures';
import { LIBRARY_SEARCH_DELAY_MS } from '../LibrarySearch';
import { LIBRARY_PAGE_SIZE } from '../use-library-list';
import { CharactersPage } from './CharactersPage';

const routes = [
  { path: '/library/characters', element: <CharactersPage /> },
  { path: '/library/characters/new', element: <h1>New character</h1> },
];

function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

function listRequests(received: ReceivedOperation[]) {
  return received
    .filter((operation) => operation.operationName === 'Characters')
    .map((operation) => operation.variables);
}

function open(server: FakeServer, entry = '/library/characters') {
  const transport = createTestTransport(server);
  const app = renderApp(transport, routes, entry);
  render(app.ui);
  return { transport, router: app.router };
}

describe('CharactersPage', () => {
  it('explains characters and offers to create one when there are none', async () => {
    open((operation) =>
      operation.operationName === 'Characters' ? page('characters', 'Character', []) : pending(),
    );
    expect(await screen.findByRole('heading', { name: 'No characters yet' })).toBeTruthy();
    expect(screen.getByText(/keeps a person consistent across generations/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create a character' }).getAttribute('href')).toBe(
      '/library/characters/new',
    );
  });

  it('shows characters as cards with their cover, traits and AI model, and loads more', async () => {
    const { transport } = open((operation) => {
      if (operation.operationName !== 'Characters') return pending();
      if (operation.variables.after === 'c:b') {
        return page('characters', 'Character', [character('c', { name: 'Cleo' })]);
      }
      return page(
        'characters',
        'Character',
        [
          character('a', {
            name: 'Mara',
            traits: [{ name: 'outfit', value: 'a red raincoat' }],
            aiModel: { id: 'm1', name: 'Nova' },
            references: ['img-1'],
          }),
          character('b', { name: 'Juno', description: 'A sailor.' }),
        ],
        'c:b',
      );
    });
    const grid = await screen.findByRole('list', { name: 'Characters, newest first' });
    const cards = within(grid).getAllByTestId('library-card');
    expect(cards).toHaveLength(2);
    const mara = cards[0]!;
    expect(within(mara).getByRole('link').getAttribute('href')).toBe('/library/characters/a');
    expect(mara.querySelector('img')?.getAttribute('src')).toBe('/files/img-1-thumb.webp?sig=1');
    expect(within(mara).getByText('outfit: a red raincoat')).toBeTruthy();
    expect(within(mara).getByText('Nova')).toBeTruthy();
    expect(within(cards[1]!).getByText('A sailor.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(grid).getAllByTestId('library-card')).toHaveLength(3));
    expect(listRequests(transport.received)).toEqual([
      { first: LIBRARY_PAGE_SIZE, search: null },
      { first: LIBRARY_PAGE_SIZE, search: null, after: 'c:b' },
    ]);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('searches as typing pauses, keeps the words in the address, and can clear them', async () => {
    jest.useFakeTimers();
    try {
      const { transport, router } = open((operation) => {
        if (operation.operationName !== 'Characters') return pending();
        return operation.variables.search
          ? page('characters', 'Character', [])
          : page('characters', 'Character', [character('a', { name: 'Mara' })]);
      });
      await act(async () => {
        await jest.advanceTimersByTimeAsync(0);
      });
      await screen.findByRole('list', { name: 'Characters, newest first' });
      fireEvent.change(screen.getByRole('searchbox', { name: 'Search characters' }), {
        target: { value: ' raincoat ' },
      });
      // Nothing is asked while typing goes on.
      await act(async () => {
        await jest.advanceTimersByTimeAsync(LIBRARY_SEARCH_DELAY_MS - 50);
      });
      expect(listRequests(transport.received)).toHaveLength(1);
      await act(async () => {
        await jest.advanceTimersByTimeAsync(100);
      });
      expect(router.state.location.search).toBe('?q=raincoat');
      expect(listRequests(transport.received).at(-1)).toEqual({
        first: LIBRARY_PAGE_SIZE,
        search: 'raincoat',
      });
      expect(
        await screen.findByRole('heading', { name: 'No characters match “raincoat”' }),
      ).toBeTruthy();

      fireEvent.click(screen.getByRole('button', { name: 'Clear the search' }));
      await act(async () => {
        await jest.advanceTimersByTimeAsync(0);
      });
      expect(router.state.location.search).toBe('');
      expect(
        (screen.getByRole('searchbox', { name: 'Search characters' }) as HTMLInputElement).value,
      ).toBe('');
      expect(await screen.findByRole('list', { name: 'Characters, newest first' })).toBeTruthy();
    } finally {
      jest.useRealTimers();
    }
  });

  it('starts from the search in the address', async () => {
    const { transport } = open(
      (operation) =>
        operation.operationName === 'Characters' ? page('characters', 'Character', []) : pending(),
      '/library/characters?q=Mara',
    );
    await screen.findByRole('heading', { name: 'No characters match “Mara”' });
    expect(listRequests(transport.received)).toEqual([
      { first: LIBRARY_PAGE_SIZE, search: 'Mara' },
    ]);
    expect(
      (screen.getByRole('searchbox', { name: 'Search characters' }) as HTMLInputElement).value,
    ).toBe('Mara');
  });
});
