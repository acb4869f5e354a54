import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { createTestTransport, renderApp } from '../../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../../testing/harness';
import { LIBRARY_PAGE_SIZE } from '../use-library-list';
import { promptTemplate } from '../recipes/recipe-fixtures';
import { TemplatesPage } from './TemplatesPage';

const routes = [
  { path: '/library/templates', element: <TemplatesPage /> },
  { path: '/library/templates/new', element: <h1>New template</h1> },
];

function list(nodes: Array<ReturnType<typeof promptTemplate>>): FormattedExecutionResult {
  return {
    data: {
      promptTemplates: {
        __typename: 'PromptTemplateConnection',
        edges: nodes.map((node) => ({
          __typename: 'PromptTemplateEdge',
          cursor: `c:${node.id}`,
          node,
        })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    },
  };
}

function open(server: FakeServer, entry = '/library/templates') {
  const transport = createTestTransport(server);
  const app = renderApp(transport, routes, entry);
  render(app.ui);
  return transport;
}

function listRequests(received: ReceivedOperation[]) {
  return received
    .filter((operation) => operation.operationName === 'PromptTemplates')
    .map((operation) => operation.variables);
}

describe('TemplatesPage', () => {
  it('explains templates and offers to write one when there are none', async () => {
    open(() => list([]));
    expect(await screen.findByRole('heading', { name: 'No templates yet' })).toBeTruthy();
    expect(screen.getByText(/A template is a prompt you reuse with blanks to fill/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Write a template' }).getAttribute('href')).toBe(
      '/library/templates/new',
    );
  });

  it('shows templates with their first words and variables, and searches them', async () => {
    const transport = open((operation) =>
      operation.variables.search === 'dusk'
        ? list([])
        : list([promptTemplate(), promptTemplate({ id: 'tpl-2', name: 'Plain', variables: [] })]),
    );
    const grid = await screen.findByRole('list', { name: 'Templates, newest first' });
    const [portrait, plain] = within(grid).getAllByTestId('library-card');
    expect(within(portrait!).getByRole('link').getAttribute('href')).toBe(
      '/library/templates/tpl-1',
    );
    expect(within(portrait!).getByText('2 variables')).toBeTruthy();
    expect(
      within(within(portrait!).getByRole('list', { name: 'Variables' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Place', 'Style']);
    expect(within(plain!).getByText('No variables')).toBeTruthy();

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search templates' }), {
      target: { value: 'dusk' },
    });
    expect(await screen.findByRole('heading', { name: 'No templates match “dusk”' })).toBeTruthy();
    await waitFor(() =>
      expect(listRequests(transport.received).at(-1)).toEqual({
        first: LIBRARY_PAGE_SIZE,
        search: 'dusk',
      }),
    );
  });
});
