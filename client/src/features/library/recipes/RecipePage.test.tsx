import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import {
  balanceResult,
  catalogueResult,
  estimateResult,
  event,
  generation,
} from '../../../testing/generation-fixtures';
import { LiveStream, createTestTransport, errorResult, renderApp } from '../../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../../testing/harness';
import {
  TEMPLATE_BODY,
  firstVersion,
  personasResult,
  recipe,
  recipeResult,
  recipeVersion,
  renderResult,
  versionResult,
} from './recipe-fixtures';
import { RecipePage } from './RecipePage';

// jsdom has <dialog> but not its modal API; model the parts the dialogs rely on.
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
  { path: '/library/recipes', element: <h1>All recipes</h1> },
  { path: '/library/recipes/:id', element: <RecipePage /> },
  { path: '/history/:id', element: <h1>Generation detail</h1> },
];

function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

/** The recipe page's server: the recipe, catalogue, balance, estimates, people and previews. */
function server(
  extra: (operation: ReceivedOperation) => ReturnType<FakeServer> | undefined = () => undefined,
  value = recipe(),
): FakeServer {
  return (operation) => {
    const answer = extra(operation);
    if (answer !== undefined) return answer;
    switch (operation.operationName) {
      case 'Recipe':
        return recipeResult(value);
      case 'RecipeVersion':
        return versionResult();
      case 'GenerationCatalog':
        return catalogueResult();
      case 'CreditBalance':
        return balanceResult(50);
      case 'PersonaOptions':
        return personasResult();
      case 'EstimateGeneration': {
        const input = operation.variables.input as { overrides?: { count?: number } };
        return estimateResult(input.overrides?.count ?? 2, 50);
      }
      case 'RenderTemplateDraft': {
        const values = (operation.variables.variables ?? {}) as Record<string, string>;
        return values.place
          ? renderResult(`A portrait of Mira in ${values.place}, watercolour style`)
          : renderResult('A portrait of Mira in , watercolour style', [
              { field: 'variables.place', message: 'Fill in Place: this template needs it.' },
            ]);
      }
      default:
        return pending();
    }
  };
}

function requests(received: ReceivedOperation[], name: string) {
  return received.filter((operation) => operation.operationName === name);
}

function startInput(received: ReceivedOperation[], index = 0) {
  return requests(received, 'StartGeneration')[index]?.variables.input as Record<string, unknown>;
}

async function openPage(fake: FakeServer, path = '/library/recipes/recipe-1') {
  const transport = createTestTransport(fake);
  const app = renderApp(transport, routes, path);
  render(app.ui);
  await screen.findByRole('heading', { level: 1, name: 'Mira in the city' });
  const panel = await screen.findByRole('region', { name: 'Generate from this recipe' });
  return { transport, router: app.router, panel: within(panel) };
}

function describedBy(element: HTMLElement) {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');
}

describe('RecipePage: the run panel', () => {
  it('opens with the recipe’s values and starts it with only what differs', async () => {
    const events = new LiveStream();
    let refuse = true;
    const { transport, panel } = await openPage(
      server((operation) => {
        if (operation.operationName === 'GenerationEvents') return events;
        if (operation.operationName === 'Generation') {
          return { data: { generation: generation({ status: 'RUNNING', progress: 0.5 }) } };
        }
        if (operation.operationName !== 'StartGeneration') return undefined;
        if (refuse) {
          refuse = false;
          return errorResult('TOO_MANY_ACTIVE', 'You have 4 generations in progress.');
        }
        return { data: { startGeneration: generation() } };
      }),
    );

    // Prefilled as the recipe says; the count shows which is the recipe's.
    const place = (await panel.findByRole('textbox', { name: /Place/ })) as HTMLInputElement;
    expect(place.value).toBe('Lisbon');
    expect((panel.getByRole('combobox', { name: 'Style' }) as HTMLSelectElement).value).toBe('');
    await waitFor(() =>
      expect((panel.getByRole('checkbox', { name: /Mira/ }) as HTMLInputElement).checked).toBe(
        true,
      ),
    );
    const count = panel.getByRole('combobox', { name: 'Number of images' }) as HTMLSelectElement;
    expect(count.value).toBe('2');
    expect(within(count).getByRole('option', { name: '2 (recipe)' })).toBeTruthy();
    expect((panel.getByRole('combobox', { name: 'Aspect ratio' }) as HTMLSelectElement).value).toBe(
      '',
    );
    expect(panel.getByRole('spinbutton', { name: 'Seed' }).getAttribute('placeholder')).toBe(
      'Random',
    );
    // The prompt as it will be sent, and the live cost.
    expect((await panel.findByTestId('rendered-prompt')).textContent).toBe(
      'A portrait of Mira in Lisbon, watercolour style',
    );
    expect((await panel.findByTestId('cost-estimate')).textContent).toBe('2 credits · you have 50');
    expect(requests(transport.received, 'EstimateGeneration').at(-1)?.variables.input).toEqual({
      recipeId: 'recipe-1',
      recipeVersion: 2,
      prompt: 'estimate',
    });

    fireEvent.change(place, { target: { value: 'Porto' } });
    fireEvent.change(panel.getByRole('spinbutton', { name: 'Seed' }), { target: { value: '7' } });
    fireEvent.click(panel.getByRole('button', { name: 'Generate' }));
    expect(await panel.findByText('You have 4 generations in progress.')).toBeTruthy();

    // Pressing again after the refusal is the same start to the server.
    fireEvent.click(panel.getByRole('button', { name: 'Generate' }));
    await panel.findByTestId('live-generation');
    const first = startInput(transport.received, 0);
    const second = startInput(transport.received, 1);
    expect(second).toEqual({
      recipeId: 'recipe-1',
      recipeVersion: 2,
      variables: { place: 'Porto' },
      overrides: { seed: 7 },
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(first.idempotencyKey).toBe(second.idempotencyKey);

    // The run follows live, with a way to its detail page.
    await act(async () => {
      events.push({ data: { generationEvents: event(3, 'PROGRESS', 'RUNNING', 0.5) } });
    });
    expect(panel.getByRole('link', { name: 'Generation details' }).getAttribute('href')).toBe(
      '/history/gen-1',
    );

    // A new start after a success gets a new key.
    fireEvent.click(panel.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(requests(transport.received, 'StartGeneration')).toHaveLength(3));
    expect(startInput(transport.received, 2).idempotencyKey).not.toBe(second.idempotencyKey);
  });

  it('shows what is missing before and after pressing Generate, under the input', async () => {
    const { panel } = await openPage(
      server((operation) =>
        operation.operationName === 'StartGeneration'
          ? errorResult('BAD_USER_INPUT', 'Some fields are not valid.', {
              fieldErrors: [
                { field: 'variables.place', messages: ['Fill in Place: this template needs it.'] },
                { field: 'characterIds', messages: ['Choose among your characters.'] },
              ],
            })
          : undefined,
      ),
    );
    const place = await panel.findByRole('textbox', { name: /Place/ });
    fireEvent.change(place, { target: { value: '' } });
    // The preview says it first, naming the variable by its label.
    await waitFor(() => expect(describedBy(place)).toContain('Fill in Place'));
    expect(panel.getByText('Value of Place')).toBeTruthy();

    fireEvent.click(panel.getByRole('button', { name: 'Generate' }));
    expect(await panel.findByText('Choose among your characters.')).toBeTruthy();
    expect(describedBy(place)).toContain('Fill in Place: this template needs it.');
  });

  it('sends a change of characters and AI model, and an empty list for nobody', async () => {
    const { transport, panel } = await openPage(
      server((operation) =>
        operation.operationName === 'StartGeneration'
          ? { data: { startGeneration: generation() } }
          : undefined,
      ),
    );
    const mira = (await panel.findByRole('checkbox', { name: /Mira/ })) as HTMLInputElement;
    await waitFor(() => expect(mira.checked).toBe(true));
    // Without an AI model of the recipe's own, the first character's is used, and said.
    const model = panel.getByRole('combobox', { name: 'AI model' });
    expect(within(model).getByRole('option', { name: 'Noir Studio (from Mira)' })).toBeTruthy();
    fireEvent.click(mira);
    fireEvent.click(panel.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(requests(transport.received, 'StartGeneration')).toHaveLength(1));
    expect(startInput(transport.received)).toMatchObject({ characterIds: [] });
    expect(startInput(transport.received)).not.toHaveProperty('aiModelId');
  });

  it('with ?run=1 opens with the run panel focused', async () => {
    await openPage(server(), '/library/recipes/recipe-1?run=1');
    await waitFor(() =>
      expect(document.activeElement?.textContent).toBe('Generate from this recipe'),
    );
  });
});

describe('RecipePage: versions', () => {
  it('shows an older version read-only, and runs that version', async () => {
    const { transport, panel } = await openPage(
      server((operation) =>
        operation.operationName === 'StartGeneration'
          ? { data: { startGeneration: generation() } }
          : undefined,
      ),
      '/library/recipes/recipe-1?version=1',
    );
    expect(await screen.findByText('Version 1 of 2')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Settings of version 1' })).toBeTruthy();
    expect(panel.getByText(/Runs version 1, an older one/)).toBeTruthy();
    const versions = screen.getAllByTestId('recipe-version');
    expect(versions.map((item) => item.getAttribute('aria-current'))).toEqual([null, 'true']);
    expect(within(versions[0]!).getByText('Two at a time')).toBeTruthy();
    expect(
      within(versions[0]!).getByRole('link', { name: 'View version 2' }).getAttribute('href'),
    ).toBe('/library/recipes/recipe-1');
    expect(
      within(versions[1]!).getByRole('link', { name: 'Run version 1' }).getAttribute('href'),
    ).toBe('/library/recipes/recipe-1?version=1&run=1');

    const count = (await panel.findByRole('combobox', {
      name: 'Number of images',
    })) as HTMLSelectElement;
    expect(count.value).toBe('1');
    fireEvent.click(panel.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(requests(transport.received, 'StartGeneration')).toHaveLength(1));
    expect(startInput(transport.received)).toMatchObject({
      recipeId: 'recipe-1',
      recipeVersion: 1,
    });
    expect(requests(transport.received, 'RecipeVersion')[0]?.variables).toEqual({
      id: 'recipe-1',
      version: 1,
    });
  });

  it('says when the template changed since, and saves a new version with its new text', async () => {
    const latest = recipeVersion({
      sourceTemplate: {
        ...recipeVersion().sourceTemplate,
        body: `${TEMPLATE_BODY}, at dusk`,
      },
    });
    const { transport } = await openPage(
      server(
        (operation) =>
          operation.operationName === 'UpdateRecipe'
            ? {
                data: {
                  updateRecipe: recipe(
                    recipeVersion({
                      id: 'rv-3',
                      version: 3,
                      note: 'Uses the current text of “Portrait”',
                    }),
                    [recipeVersion(), firstVersion()],
                  ),
                },
              }
            : undefined,
        recipe(latest),
      ),
    );
    const notice = (await screen.findByText(/has changed since this version was saved/)).closest(
      '.alert',
    ) as HTMLElement;
    fireEvent.click(
      within(notice).getByRole('button', { name: 'Save version 3 with the new text' }),
    );
    expect(
      await screen.findByText('Saved version 3 with the template’s current text.'),
    ).toBeTruthy();
    expect(requests(transport.received, 'UpdateRecipe')[0]?.variables.input).toEqual({
      id: 'recipe-1',
      kind: 'IMAGE',
      provider: 'local',
      model: 'local-image',
      templateId: 'tpl-1',
      settings: {
        prompt: null,
        negativePrompt: null,
        count: 2,
        aspectRatio: '1:1',
        width: null,
        height: null,
        durationSeconds: null,
        seed: null,
        params: { style: 'waves', steps: 8 },
        referenceAssetIds: [],
      },
      variables: { place: 'Lisbon' },
      characterIds: ['char-1'],
      aiModelId: null,
      note: 'Uses the current text of “Portrait”',
    });
    await waitFor(() => expect(screen.getAllByTestId('recipe-version')).toHaveLength(3));
  });

  it('edits as a new version: says which, and sends the whole preset', async () => {
    const { transport, router } = await openPage(
      server((operation) => {
        if (operation.operationName === 'PromptTemplates') {
          return {
            data: {
              promptTemplates: {
                __typename: 'PromptTemplateConnection',
                edges: [],
                pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              },
            },
          };
        }
        if (operation.operationName === 'PromptTemplate') {
          return {
            data: {
              promptTemplate: {
                ...recipeVersion().sourceTemplate,
                createdAt: '2025-11-29T12:00:00.000Z',
                updatedAt: '2025-11-29T12:00:00.000Z',
              },
            },
          };
        }
        if (operation.operationName === 'UpdateRecipe') {
          return {
            data: {
              updateRecipe: recipe(recipeVersion({ id: 'rv-3', version: 3 }), [
                recipeVersion(),
                firstVersion(),
              ]),
            },
          };
        }
        return undefined;
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const form = within(await screen.findByRole('form', { name: 'New version of the recipe' }));
    expect(form.getByTestId('version-note').textContent).toMatch(/^Saving creates version 3\./);
    fireEvent.change(form.getByRole('combobox', { name: 'Number of images' }), {
      target: { value: '3' },
    });
    fireEvent.change(form.getByRole('textbox', { name: 'What changes in this version' }), {
      target: { value: 'Three at a time' },
    });
    fireEvent.click(form.getByRole('button', { name: 'Save as version 3' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(requests(transport.received, 'UpdateRecipe')[0]?.variables.input).toEqual({
      id: 'recipe-1',
      kind: 'IMAGE',
      provider: 'local',
      model: 'local-image',
      templateId: 'tpl-1',
      settings: {
        count: 3,
        aspectRatio: '1:1',
        params: { style: 'waves', steps: 8 },
      },
      variables: { place: 'Lisbon' },
      characterIds: ['char-1'],
      aiModelId: null,
      note: 'Three at a time',
    });
    expect(await screen.findByText('Saved version 3 of “Mira in the city”.')).toBeTruthy();
  });

  it('asks before deleting, saying generations keep theirs, then goes to the list', async () => {
    const { transport, router } = await openPage(
      server((operation) =>
        operation.operationName === 'DeleteRecipe'
          ? { data: { deleteRecipe: 'recipe-1' } }
          : undefined,
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Mira in the city”?' });
    expect(
      within(dialog).getByText(/Its 2 versions go with it\. Generations made with it keep/),
    ).toBeTruthy();
    expect(requests(transport.received, 'DeleteRecipe')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete recipe' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/library/recipes'));
    expect(requests(transport.received, 'DeleteRecipe')[0]?.variables).toEqual({ id: 'recipe-1' });
  });
});
