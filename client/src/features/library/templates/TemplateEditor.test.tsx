import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { createTestTransport, errorResult, renderApp } from '../../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../../testing/harness';
import { NewTemplatePage, TemplatePage } from './TemplateEditorPage';

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
  { path: '/library/templates', element: <h1>All templates</h1> },
  { path: '/library/templates/new', element: <NewTemplatePage /> },
  { path: '/library/templates/:id', element: <TemplatePage /> },
];

interface Draft {
  body: string;
  variables: Array<{ name: string; defaultValue?: string | null; required?: boolean }>;
}

/**
 * The server's rendering, in small: declared variables take their value or default, undeclared
 * ones and `{{character.name}}` without a character are problems, and an unclosed `{{` is a
 * syntax error with its line and column (the text after it is left out, as the server does).
 */
function fakeRender(variables: Record<string, unknown>): FormattedExecutionResult {
  const draft = variables.draft as Draft;
  const values = (variables.variables ?? {}) as Record<string, string>;
  const errors: Array<{ __typename: 'FieldProblem'; field: string; message: string }> = [];
  let body = draft.body;
  const unclosed = /\{\{(?![^{}]*\}\})/.exec(body);
  if (unclosed) {
    const before = body.slice(0, unclosed.index).split('\n');
    errors.push({
      __typename: 'FieldProblem',
      field: 'body',
      message: `Line ${before.length}, column ${before.at(-1)!.length + 1} opens "{{" without closing it with "}}".`,
    });
    body = body.slice(0, unclosed.index);
  }
  const prompt = body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (source, name: string) => {
    if (name === 'character.name') {
      if (variables.characterId === 'char-1') return 'Mira';
      errors.push({
        __typename: 'FieldProblem',
        field: 'characterIds',
        message: `This template uses ${source}: choose a character.`,
      });
      return source;
    }
    const declared = draft.variables.find((variable) => variable.name === name);
    if (!declared) {
      errors.push({
        __typename: 'FieldProblem',
        field: 'body',
        message: `{{${name}}} is not a declared variable: add a variable named "${name}", or remove it.`,
      });
      return '';
    }
    const value = values[name] ?? declared.defaultValue ?? null;
    if (value === null && declared.required) {
      errors.push({
        __typename: 'FieldProblem',
        field: `variables.${name}`,
        message: `Fill in ${name}: this template needs it.`,
      });
    }
    return value ?? '';
  });
  return {
    data: {
      renderPromptTemplate: {
        __typename: 'RenderedPrompt',
        prompt: prompt.trim(),
        complete: errors.length === 0,
        values,
        fieldErrors: errors,
      },
    },
  };
}

const personas: FormattedExecutionResult = {
  data: {
    characters: {
      __typename: 'CharacterConnection',
      edges: [
        {
          __typename: 'CharacterEdge',
          node: {
            __typename: 'Character',
            id: 'char-1',
            name: 'Mira',
            traits: [{ __typename: 'CharacterTrait', name: 'outfit', value: 'a red raincoat' }],
            aiModel: null,
          },
        },
      ],
    },
    aiModels: { __typename: 'AiModelConnection', edges: [] },
  },
};

function savedTemplate(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'PromptTemplate',
    id: 'tpl-1',
    name: 'Portrait',
    body: 'A portrait in {{place}}',
    variables: [
      {
        __typename: 'TemplateVariable',
        name: 'place',
        type: 'TEXT',
        label: 'Place',
        defaultValue: null,
        required: true,
        choices: [],
      },
    ],
    createdAt: '2025-11-29T12:00:00.000Z',
    updatedAt: '2025-11-29T12:00:00.000Z',
    ...overrides,
  };
}

function server(
  extra: (operation: ReceivedOperation) => ReturnType<FakeServer> | undefined = () => undefined,
): FakeServer {
  return (operation) => {
    const answer = extra(operation);
    if (answer !== undefined) return answer;
    switch (operation.operationName) {
      case 'PersonaOptions':
        return personas;
      case 'RenderTemplateDraft':
        return fakeRender(operation.variables);
      case 'PromptTemplate':
        return { data: { promptTemplate: savedTemplate() } };
      default:
        return new Promise(() => undefined);
    }
  };
}

function renders(received: ReceivedOperation[]) {
  return received.filter((operation) => operation.operationName === 'RenderTemplateDraft');
}

async function openNew(fake: FakeServer = server()) {
  const transport = createTestTransport(fake);
  const app = renderApp(transport, routes, '/library/templates/new');
  render(app.ui);
  await screen.findByRole('heading', { name: 'New template' });
  return { transport, router: app.router };
}

function textBox() {
  return screen.getByRole('textbox', { name: /^Text/ }) as HTMLTextAreaElement;
}

function preview() {
  return within(screen.getByRole('complementary', { name: 'Preview' }));
}

function describedBy(element: HTMLElement) {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');
}

describe('Template editor: the live preview', () => {
  it('shows the rendered prompt and every problem beside it, asking once typing pauses', async () => {
    const { transport } = await openNew();

    // Several quick edits are one request, for the last text.
    fireEvent.change(textBox(), { target: { value: 'A portrait' } });
    fireEvent.change(textBox(), { target: { value: 'A portrait of {{character.name}}' } });
    fireEvent.change(textBox(), {
      target: { value: 'A portrait of {{character.name}} in {{place}}.\n{{ oops' },
    });
    await waitFor(() => expect(preview().getByText('3 problems')).toBeTruthy());
    expect(renders(transport.received)).toHaveLength(1);
    expect(renders(transport.received)[0]!.variables).toEqual({
      draft: { body: 'A portrait of {{character.name}} in {{place}}.\n{{ oops', variables: [] },
      variables: {},
      characterId: null,
      aiModelId: null,
    });

    // The prompt as it would be sent, with what could not be filled marked.
    const prompt = preview().getByTestId('rendered-prompt');
    expect(prompt.textContent).toBe('A portrait of {{character.name}} in .');
    expect(within(prompt).getByText('{{character.name}}').tagName).toBe('MARK');

    // The problems, each with where it is; a syntax error with its line and column.
    const problems = within(preview().getByRole('region', { name: 'Problems' }));
    const syntax = problems.getByText(/Line 2, column 1 opens/).closest('li')!;
    expect(within(syntax).getByText('Text')).toBeTruthy();
    expect(problems.getByText(/\{\{place\}\} is not a declared variable/)).toBeTruthy();
    expect(problems.getByText(/choose a character/).closest('li')?.textContent).toContain(
      'Character',
    );
    // …and the character's problem under the character picker too.
    expect(describedBy(preview().getByRole('combobox', { name: 'Character' }))).toContain(
      'choose a character',
    );

    // "Show in text" puts the caret on the syntax error.
    fireEvent.click(within(syntax).getByRole('button', { name: 'Show in text' }));
    expect(document.activeElement).toBe(textBox());
    expect(textBox().value.slice(textBox().selectionStart, textBox().selectionEnd)).toBe('{{');
  });

  it('declares a used placeholder in one press, then asks for its sample value', async () => {
    const { transport } = await openNew();
    fireEvent.change(textBox(), {
      target: { value: 'A portrait of {{character.name}} in {{place}}' },
    });
    fireEvent.click(await screen.findByRole('button', { name: /Declare place/ }));

    const row = screen.getByTestId('variable-row');
    expect((within(row).getByRole('textbox', { name: /Name/ }) as HTMLInputElement).value).toBe(
      'place',
    );
    expect(screen.queryByRole('button', { name: /Declare place/ })).toBeNull();
    fireEvent.click(within(row).getByRole('checkbox', { name: 'Required' }));

    // Missing required value: said beside its sample input and in the list.
    const sample = await preview().findByRole('textbox', { name: /place/ });
    await waitFor(() => expect(describedBy(sample)).toContain('Fill in place'));
    expect(preview().getByText('Value of place')).toBeTruthy();

    // A character and a sample value: the preview is complete.
    fireEvent.change(preview().getByRole('combobox', { name: 'Character' }), {
      target: { value: 'char-1' },
    });
    fireEvent.change(sample, { target: { value: 'Lisbon' } });
    await waitFor(() =>
      expect(preview().getByTestId('rendered-prompt').textContent).toBe(
        'A portrait of Mira in Lisbon',
      ),
    );
    expect(preview().getByText('Ready: nothing is missing')).toBeTruthy();
    expect(renders(transport.received).at(-1)!.variables).toEqual({
      draft: {
        body: 'A portrait of {{character.name}} in {{place}}',
        variables: [
          {
            name: 'place',
            type: 'TEXT',
            label: null,
            defaultValue: null,
            required: true,
            choices: [],
          },
        ],
      },
      variables: { place: 'Lisbon' },
      characterId: 'char-1',
      aiModelId: null,
    });
  });

  it('puts a placeholder from the hint at the caret', async () => {
    await openNew();
    fireEvent.change(textBox(), { target: { value: 'A portrait, soft light' } });
    textBox().setSelectionRange(10, 10);
    // The preview character's traits are offered too.
    fireEvent.click(screen.getByRole('button', { name: 'Insert {{character.outfit}}' }));
    expect(textBox().value).toBe('A portrait{{character.outfit}}, soft light');
    expect(textBox().selectionStart).toBe(30);
  });
});

describe('Template editor: saving and deleting', () => {
  it('shows the server’s messages beside the fields, then saves and opens the template', async () => {
    let refuse = true;
    const { transport, router } = await openNew(
      server((operation) => {
        if (operation.operationName !== 'CreatePromptTemplate') return undefined;
        if (refuse) {
          refuse = false;
          return errorResult('BAD_USER_INPUT', 'Some fields are not valid.', {
            fieldErrors: [
              { field: 'variables.0.choices', messages: ['Give at least one choice.'] },
              { field: 'body', messages: ['{{mood}} is not a declared variable.'] },
            ],
          });
        }
        return { data: { createPromptTemplate: savedTemplate({ id: 'tpl-9', name: 'Moods' }) } };
      }),
    );

    // Nothing is sent without a name and a text.
    fireEvent.click(screen.getByRole('button', { name: 'Save template' }));
    expect(await screen.findByText('Give the template a name.')).toBeTruthy();
    expect(screen.getByText('Write the text of the template.')).toBeTruthy();

    fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), { target: { value: 'Moods' } });
    fireEvent.change(textBox(), { target: { value: 'A {{mood}} sky' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    const row = screen.getByTestId('variable-row');
    const name = within(row).getByRole('textbox', { name: /Name/ });
    expect(document.activeElement).toBe(name);
    fireEvent.change(name, { target: { value: 'mood' } });
    fireEvent.change(within(row).getByRole('combobox', { name: 'Type' }), {
      target: { value: 'CHOICE' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save template' }));

    const choices = await within(row).findByRole('textbox', { name: /Choices/ });
    await waitFor(() => expect(describedBy(choices)).toContain('Give at least one choice.'));
    expect(describedBy(textBox())).toContain('{{mood}} is not a declared variable.');
    const create = transport.received.find(
      (operation) => operation.operationName === 'CreatePromptTemplate',
    );
    expect(create?.variables.input).toEqual({
      name: 'Moods',
      body: 'A {{mood}} sky',
      variables: [
        {
          name: 'mood',
          type: 'CHOICE',
          label: null,
          defaultValue: null,
          required: false,
          choices: [],
        },
      ],
    });

    fireEvent.change(choices, { target: { value: 'stormy\nclear' } });
    expect(describedBy(choices)).not.toContain('Give at least one choice.');
    fireEvent.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/library/templates/tpl-9'));
    expect(await screen.findByText('Saved the template “Moods”.')).toBeTruthy();
  });

  it('asks before deleting, then goes back to the list', async () => {
    const transport = createTestTransport(
      server((operation) =>
        operation.operationName === 'DeletePromptTemplate'
          ? { data: { deletePromptTemplate: 'tpl-1' } }
          : undefined,
      ),
    );
    const app = renderApp(transport, routes, '/library/templates/tpl-1');
    render(app.ui);
    expect(await screen.findByRole('heading', { level: 1, name: 'Portrait' })).toBeTruthy();
    expect(screen.getByText('All changes saved')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New recipe with it' }).getAttribute('href')).toBe(
      '/library/recipes/new?template=tpl-1',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Portrait”?' });
    expect(
      within(dialog).getByText(/Recipes and generations made with it keep the text/),
    ).toBeTruthy();
    expect(transport.received.some((op) => op.operationName === 'DeletePromptTemplate')).toBe(
      false,
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete template' }));
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/library/templates'));
    expect(
      transport.received.find((op) => op.operationName === 'DeletePromptTemplate')?.variables,
    ).toEqual({ id: 'tpl-1' });
  });

  it('asks before leaving with unsaved changes', async () => {
    const transport = createTestTransport(server());
    const app = renderApp(transport, routes, '/library/templates/tpl-1');
    render(app.ui);
    await screen.findByRole('heading', { level: 1, name: 'Portrait' });
    fireEvent.change(textBox(), { target: { value: 'A portrait at {{place}}' } });
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'All templates' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(app.router.state.location.pathname).toBe('/library/templates/tpl-1');
    fireEvent.click(screen.getByRole('link', { name: 'All templates' }));
    fireEvent.click(
      within(await screen.findByRole('dialog', { name: 'Leave without saving?' })).getByRole(
        'button',
        { name: 'Leave without saving' },
      ),
    );
    await waitFor(() => expect(app.router.state.location.pathname).toBe('/library/templates'));
  });
});
