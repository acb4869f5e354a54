import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { catalogueResult } from '../../../testing/generation-fixtures';
import { createTestTransport, errorResult, renderApp } from '../../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../../testing/harness';
import { NewRecipePage } from './NewRecipePage';
import {
  TEMPLATE_BODY,
  personasResult,
  promptTemplate,
  recipe,
  renderResult,
  templatesResult,
} from './recipe-fixtures';

const routes = [
  { path: '/library/recipes/new', element: <NewRecipePage /> },
  { path: '/library/recipes/:id', element: <h1>Recipe page</h1> },
];

function server(
  extra: (operation: ReceivedOperation) => ReturnType<FakeServer> | undefined = () => undefined,
): FakeServer {
  return (operation) => {
    const answer = extra(operation);
    if (answer !== undefined) return answer;
    switch (operation.operationName) {
      case 'GenerationCatalog':
        return catalogueResult();
      case 'PersonaOptions':
        return personasResult();
      case 'PromptTemplates':
        return templatesResult();
      case 'PromptTemplate':
        return { data: { promptTemplate: promptTemplate() } };
      case 'RenderTemplateDraft': {
        const values = (operation.variables.variables ?? {}) as Record<string, string>;
        return renderResult(`A portrait of Mira in ${values.place ?? ''}, watercolour style`);
      }
      default:
        return new Promise<FormattedExecutionResult>(() => undefined);
    }
  };
}

function requests(received: ReceivedOperation[], name: string) {
  return received.filter((operation) => operation.operationName === name);
}

async function openForm(fake: FakeServer, path = '/library/recipes/new') {
  const transport = createTestTransport(fake);
  const app = renderApp(transport, routes, path);
  render(app.ui);
  const form = within(await screen.findByRole('form', { name: 'New recipe' }));
  return { transport, router: app.router, form };
}

function describedBy(element: HTMLElement) {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');
}

describe('Recipe form', () => {
  it('is built from the chosen model’s capabilities', async () => {
    const { form } = await openForm(server());
    const provider = form.getByRole('combobox', { name: 'Provider' });
    expect(
      (
        within(provider).getByRole('option', {
          name: 'Acme Cloud (not set up)',
        }) as HTMLOptionElement
      ).disabled,
    ).toBe(true);
    expect(
      within(form.getByRole('combobox', { name: 'Number of images' }))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['1', '2', '3', '4']);
    expect(form.getByRole('textbox', { name: 'Negative prompt' })).toBeTruthy();
    expect(form.getByRole('spinbutton', { name: 'Seed' })).toBeTruthy();
    expect(form.getByRole('group', { name: 'Reference images' })).toBeTruthy();
    expect(form.getByRole('combobox', { name: 'Style' })).toBeTruthy();
    expect(form.queryByRole('combobox', { name: 'Length' })).toBeNull();

    fireEvent.change(form.getByRole('combobox', { name: 'Model' }), {
      target: { value: 'local-video' },
    });
    expect(form.getByRole('combobox', { name: 'Length' })).toBeTruthy();
    expect(form.getByRole('combobox', { name: 'Number of clips' })).toBeTruthy();
    expect(form.queryByRole('textbox', { name: 'Negative prompt' })).toBeNull();
  });

  it('asks for a name and a prompt before sending anything', async () => {
    const { transport, form } = await openForm(server());
    fireEvent.click(form.getByRole('button', { name: 'Create recipe' }));
    expect(await form.findByText('Give the recipe a name.')).toBeTruthy();
    expect(describedBy(form.getByRole('textbox', { name: /^Prompt/ }))).toContain(
      'Write a prompt, or use a template.',
    );
    fireEvent.click(form.getByRole('radio', { name: /Use a template/ }));
    fireEvent.click(form.getByRole('button', { name: 'Create recipe' }));
    expect(await form.findByText('Choose a template.')).toBeTruthy();
    expect(requests(transport.received, 'CreateRecipe')).toHaveLength(0);
  });

  it('takes default values for the template’s variables, previews them, and saves version 1', async () => {
    let refuse = true;
    const { transport, router, form } = await openForm(
      server((operation) => {
        if (operation.operationName !== 'CreateRecipe') return undefined;
        if (refuse) {
          refuse = false;
          return errorResult('BAD_USER_INPUT', 'Some fields are not valid.', {
            fieldErrors: [
              { field: 'settings.count', messages: ['Built-in image makes 1 to 4 at a time.'] },
              { field: 'variables.place', messages: ['Keep it under 1,000 characters.'] },
              { field: 'characterIds', messages: ['Choose among your characters.'] },
            ],
          });
        }
        return {
          data: { createRecipe: recipe(undefined, [], { id: 'recipe-9', name: 'Streets' }) },
        };
      }),
      '/library/recipes/new?template=tpl-1',
    );

    // Opened from a template: it is chosen, its variables are the inputs.
    expect((form.getByRole('radio', { name: /Use a template/ }) as HTMLInputElement).checked).toBe(
      true,
    );
    const defaults = within(await form.findByRole('group', { name: 'Default values' }));
    const place = defaults.getByRole('textbox', { name: /Place/ });
    const style = defaults.getByRole('combobox', { name: 'Style' }) as HTMLSelectElement;
    expect(
      within(style)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Default (watercolour)', 'oil', 'watercolour']);
    fireEvent.change(form.getByRole('textbox', { name: /Name/ }), {
      target: { value: 'Streets' },
    });
    fireEvent.change(place, { target: { value: 'Lisbon' } });
    fireEvent.click(await form.findByRole('checkbox', { name: /Mira/ }));
    expect(form.getByText('· fills the template')).toBeTruthy();

    // The prompt these defaults make, from the template's text.
    await waitFor(() =>
      expect(form.getByTestId('rendered-prompt').textContent).toBe(
        'A portrait of Mira in Lisbon, watercolour style',
      ),
    );
    expect(requests(transport.received, 'RenderTemplateDraft').at(-1)?.variables).toEqual({
      draft: {
        body: TEMPLATE_BODY,
        variables: [
          {
            name: 'place',
            type: 'TEXT',
            label: 'Place',
            defaultValue: null,
            required: true,
            choices: [],
          },
          {
            name: 'style',
            type: 'CHOICE',
            label: 'Style',
            defaultValue: 'watercolour',
            required: false,
            choices: ['oil', 'watercolour'],
          },
        ],
      },
      variables: { place: 'Lisbon' },
      characterId: 'char-1',
      // Mira's AI model, as a run would use it.
      aiModelId: 'model-1',
    });

    fireEvent.click(form.getByRole('button', { name: 'Create recipe' }));
    const count = form.getByRole('combobox', { name: 'Number of images' });
    await waitFor(() => expect(describedBy(count)).toContain('makes 1 to 4 at a time'));
    expect(describedBy(place)).toContain('Keep it under 1,000 characters.');
    expect(form.getByText('Choose among your characters.')).toBeTruthy();
    expect(requests(transport.received, 'CreateRecipe')[0]?.variables.input).toEqual({
      name: 'Streets',
      description: null,
      kind: 'IMAGE',
      provider: 'local',
      model: 'local-image',
      templateId: 'tpl-1',
      settings: {
        count: 1,
        aspectRatio: '1:1',
        params: { style: 'geometric', steps: 8 },
      },
      variables: { place: 'Lisbon' },
      characterIds: ['char-1'],
      aiModelId: null,
      note: null,
    });

    fireEvent.change(place, { target: { value: 'Porto' } });
    expect(describedBy(place)).not.toContain('Keep it under');
    fireEvent.click(form.getByRole('button', { name: 'Create recipe' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/library/recipes/recipe-9'));
    expect(await screen.findByText('Saved the recipe “Streets”.')).toBeTruthy();
  });
});
