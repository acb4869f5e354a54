import { render, screen, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { catalogueResult } from '../../../testing/generation-fixtures';
import { createTestTransport, renderApp } from '../../../testing/harness';
import { recipe, recipeVersion } from './recipe-fixtures';
import { RecipesPage } from './RecipesPage';

const routes = [{ path: '/library/recipes', element: <RecipesPage /> }];

function list(nodes: Array<ReturnType<typeof recipe>>): FormattedExecutionResult {
  return {
    data: {
      recipes: {
        __typename: 'RecipeConnection',
        edges: nodes.map((node) => ({ __typename: 'RecipeEdge', cursor: `c:${node.id}`, node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    },
  };
}

function open(recipes: Array<ReturnType<typeof recipe>>) {
  const transport = createTestTransport((operation) =>
    operation.operationName === 'GenerationCatalog' ? catalogueResult() : list(recipes),
  );
  render(renderApp(transport, routes, '/library/recipes').ui);
}

describe('RecipesPage', () => {
  it('explains recipes and offers to create one when there are none', async () => {
    open([]);
    expect(await screen.findByRole('heading', { name: 'No recipes yet' })).toBeTruthy();
    expect(screen.getByText(/every edit is saved as a new version/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create a recipe' }).getAttribute('href')).toBe(
      '/library/recipes/new',
    );
  });

  it('shows each recipe with its model, version and a way to run it', async () => {
    open([
      recipe(),
      recipe(
        recipeVersion({
          id: 'rv-9',
          version: 1,
          template: null,
          settings: { ...recipeVersion().settings, prompt: 'A lighthouse at dawn' },
        }),
        [],
        { id: 'recipe-2', name: 'Lighthouse', description: '' },
      ),
    ]);
    const grid = await screen.findByRole('list', { name: 'Recipes, newest first' });
    const [city, lighthouse] = within(grid).getAllByTestId('library-card');
    expect(within(city!).getByText('Portraits on the street')).toBeTruthy();
    expect(await within(city!).findByText('Built-in image')).toBeTruthy();
    expect(within(city!).getByText('Version 2')).toBeTruthy();
    expect(
      within(city!).getByRole('link', { name: 'Run Mira in the city' }).getAttribute('href'),
    ).toBe('/library/recipes/recipe-1?run=1');
    // Without a description: what its prompt is.
    expect(within(lighthouse!).getByText('A lighthouse at dawn')).toBeTruthy();
  });
});
