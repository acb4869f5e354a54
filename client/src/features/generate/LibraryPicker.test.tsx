import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import {
  balanceResult,
  catalogueResult,
  estimateResult,
  generation,
  libraryAsset,
  libraryCharacter,
  libraryConnection,
  libraryModel,
} from '../../testing/generation-fixtures';
import { createTestTransport, errorResult, renderApp } from '../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../testing/harness';
import { GeneratePage } from './GeneratePage';

const routes = [
  { path: '/generate', element: <GeneratePage /> },
  { path: '/library/characters/new', element: <h1>New character</h1> },
];

const nova = libraryModel('model-nova', 'Nova', { references: [libraryAsset('nova-1')] });
const orbit = libraryModel('model-orbit', 'Orbit');
const mira = libraryCharacter('char-mira', 'Mira', {
  references: [libraryAsset('mira-1'), libraryAsset('mira-2')],
  aiModel: nova,
});
const juno = libraryCharacter('char-juno', 'Juno', { references: [libraryAsset('juno-1')] });
const extras = ['Ada', 'Bo', 'Cy'].map((name) => libraryCharacter(`char-${name}`, name));
const everyone = [mira, juno, ...extras];

function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

const marketTemplate = {
  __typename: 'PromptTemplate',
  id: 'tpl-1',
  name: 'Market scene',
  body: 'A {{mood}} market with {{character.name}} at {{time}}',
  updatedAt: '2025-12-01T00:00:00.000Z',
  variables: [
    {
      __typename: 'TemplateVariable',
      name: 'mood',
      label: 'Mood',
      type: 'TEXT',
      required: true,
      defaultValue: null,
      choices: [],
    },
    {
      __typename: 'TemplateVariable',
      name: 'time',
      label: null,
      type: 'CHOICE',
      required: false,
      defaultValue: 'dusk',
      choices: ['dawn', 'dusk'],
    },
  ],
};

function server(
  {
    characters = everyone,
    models = [nova, orbit],
    templates = [],
  }: {
    characters?: typeof everyone;
    models?: Array<typeof nova>;
    templates?: Array<typeof marketTemplate>;
  } = {},
  extra: (operation: ReceivedOperation) => ReturnType<FakeServer> | undefined = () => undefined,
): FakeServer {
  return (operation) => {
    const answer = extra(operation);
    if (answer !== undefined) return answer;
    const search = String(operation.variables.search ?? '').toLowerCase();
    const matching = <T extends { name: string }>(list: T[]) =>
      list.filter((item) => item.name.toLowerCase().includes(search));
    switch (operation.operationName) {
      case 'GenerationCatalog':
        return catalogueResult();
      case 'CreditBalance':
        return balanceResult(50);
      case 'EstimateGeneration':
        return estimateResult(1, 50);
      case 'GenerateTemplates':
        return {
          data: {
            promptTemplates: {
              __typename: 'PromptTemplateConnection',
              edges: templates.map((node) => ({
                __typename: 'PromptTemplateEdge',
                cursor: `c-${node.id}`,
                node,
              })),
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            },
          },
        };
      case 'GenerateCharacters':
        return libraryConnection('characters', matching(characters));
      case 'GenerateAiModels':
        return libraryConnection('aiModels', matching(models));
      case 'GenerateCharacter': {
        const found = characters.find((entry) => entry.id === operation.variables.id);
        return found
          ? { data: { character: found } }
          : errorResult('NOT_FOUND', 'There is no character with that id.');
      }
      case 'GenerateAiModel': {
        const found = models.find((entry) => entry.id === operation.variables.id);
        return found
          ? { data: { aiModel: found } }
          : errorResult('NOT_FOUND', 'There is no AI model with that id.');
      }
      case 'GenerateRenderTemplate': {
        const values = operation.variables.variables as Record<string, string>;
        const character = characters.find((entry) => entry.id === operation.variables.characterId);
        return {
          data: {
            renderPromptTemplate: {
              __typename: 'RenderedPrompt',
              prompt: `A ${values.mood ?? '{{mood}}'} market with ${character?.name ?? '{{character.name}}'} at ${values.time ?? 'dusk'}`,
              complete: Boolean(values.mood),
              fieldErrors: [],
            },
          },
        };
      }
      case 'StartGeneration':
        return { data: { startGeneration: generation() } };
      default:
        return pending();
    }
  };
}

function requests(received: ReceivedOperation[], name: string) {
  return received.filter((operation) => operation.operationName === name);
}

async function openPage(fake: FakeServer, entry = '/generate') {
  const transport = createTestTransport(fake);
  const app = renderApp(transport, routes, entry);
  render(app.ui);
  await screen.findByRole('textbox', { name: /Prompt/ });
  return { transport, router: app.router };
}

function section() {
  return screen.getByRole('group', { name: 'Characters & model' });
}

async function openLibrary() {
  fireEvent.click(within(section()).getByRole('button', { name: 'Choose from the library' }));
  return within(section()).findByRole('list', { name: 'Your characters' });
}

function option(list: HTMLElement, name: string) {
  return within(list).getByRole('button', { name: new RegExp(`^${name}`) });
}

describe('Generate page: characters and AI model', () => {
  it('picks characters with their covers, says how many images go, and sends the ids', async () => {
    const { transport } = await openPage(server());
    // Nothing is read from the library until it is wanted.
    expect(requests(transport.received, 'GenerateCharacters')).toHaveLength(0);

    const list = await openLibrary();
    expect(option(list, 'Mira').querySelector('img')?.getAttribute('src')).toBe(
      '/files/mira-1-thumb.webp?sig=1',
    );
    expect(option(list, 'Mira').textContent).toContain('2 images');

    fireEvent.click(option(list, 'Mira'));
    expect(option(list, 'Mira').getAttribute('aria-pressed')).toBe('true');
    const chosen = within(section()).getByRole('list', { name: 'Chosen characters' });
    expect(within(chosen).getByText('Mira')).toBeTruthy();
    // Mira belongs to Nova: with no model chosen, Nova's image comes too.
    expect(
      within(section()).getByText(/None chosen, so Nova, the AI model Mira belongs to/),
    ).toBeTruthy();
    expect(screen.getByTestId('reference-plan').textContent).toBe(
      '2 of 3 reference images will be sent; this model takes 2. The first ones go; 1 is left out.',
    );

    fireEvent.click(option(list, 'Juno'));
    const models = within(section()).getByRole('list', { name: 'Your AI models' });
    fireEvent.click(within(models).getByRole('button', { name: /^Orbit/ }));
    expect(within(section()).getByRole('list', { name: 'Chosen AI model' }).textContent).toContain(
      'Orbit',
    );
    // Orbit has no images; Mira's two and Juno's one: two of three go.
    expect(screen.getByTestId('reference-plan').textContent).toMatch(/^2 of 3 reference images/);

    // The clip model takes one reference image.
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), {
      target: { value: 'local-video' },
    });
    expect(screen.getByTestId('reference-plan').textContent).toMatch(
      /^1 of 3 reference images will be sent; this model takes 1\./,
    );

    await waitFor(() =>
      expect(
        requests(transport.received, 'EstimateGeneration').at(-1)?.variables.input,
      ).toMatchObject({
        characterIds: ['char-mira', 'char-juno'],
        aiModelId: 'model-orbit',
      }),
    );
    fireEvent.change(screen.getByRole('textbox', { name: /Prompt/ }), {
      target: { value: 'Two couriers in the rain' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(requests(transport.received, 'StartGeneration')).toHaveLength(1));
    expect(requests(transport.received, 'StartGeneration')[0]?.variables.input).toMatchObject({
      prompt: 'Two couriers in the rain',
      characterIds: ['char-mira', 'char-juno'],
      aiModelId: 'model-orbit',
    });
  });

  it('takes four characters at most, searches the library, and removes a choice', async () => {
    const { transport } = await openPage(server());
    const list = await openLibrary();
    for (const name of ['Mira', 'Juno', 'Ada', 'Bo']) fireEvent.click(option(list, name));
    expect(option(list, 'Cy').hasAttribute('disabled')).toBe(true);
    expect(
      within(section()).getByText(/4 characters chosen, the most one generation takes/),
    ).toBeTruthy();

    fireEvent.click(within(section()).getByRole('button', { name: 'Remove Ada' }));
    expect(option(list, 'Cy').hasAttribute('disabled')).toBe(false);

    fireEvent.change(
      within(section()).getByRole('searchbox', { name: 'Find in your characters' }),
      {
        target: { value: 'cy' },
      },
    );
    await waitFor(() =>
      expect(
        requests(transport.received, 'GenerateCharacters').some(
          (operation) => operation.variables.search === 'cy',
        ),
      ).toBe(true),
    );
    const found = await within(section()).findByRole('list', { name: 'Your characters' });
    await waitFor(() => expect(within(found).getAllByRole('button')).toHaveLength(1));

    fireEvent.change(
      within(section()).getByRole('searchbox', { name: 'Find in your characters' }),
      {
        target: { value: 'nobody' },
      },
    );
    expect(
      await within(section()).findByText('Nothing in your characters matches “nobody”.'),
    ).toBeTruthy();
  });

  it('offers to create the first character when the library is empty', async () => {
    const { router } = await openPage(server({ characters: [], models: [] }));
    fireEvent.click(within(section()).getByRole('button', { name: 'Choose from the library' }));
    const create = await within(section()).findByRole('link', { name: 'Create a character' });
    expect(within(section()).getByRole('link', { name: 'Create an AI model' })).toBeTruthy();
    fireEvent.click(create);
    await waitFor(() => expect(router.state.location.pathname).toBe('/library/characters/new'));
  });

  it('starts with the character and AI model named in the address', async () => {
    const { transport } = await openPage(
      server(),
      '/generate?character=char-juno&aiModel=model-nova',
    );
    expect(screen.getByText(/Juno and Nova are chosen/)).toBeTruthy();
    // Shown chosen without opening the library.
    expect(within(section()).getByText('Juno, Nova')).toBeTruthy();
    expect(screen.getByTestId('reference-plan').textContent).toBe(
      '2 of 2 reference images will be sent; this model takes 2.',
    );
    fireEvent.change(screen.getByRole('textbox', { name: /Prompt/ }), {
      target: { value: 'Juno at the market' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(requests(transport.received, 'StartGeneration')).toHaveLength(1));
    expect(requests(transport.received, 'StartGeneration')[0]?.variables.input).toMatchObject({
      characterIds: ['char-juno'],
      aiModelId: 'model-nova',
    });
  });

  it('says so when the character in the address is not in the library', async () => {
    await openPage(server(), '/generate?character=char-gone');
    expect(
      screen.getByText(/That character is not in your library \(it may have been deleted\)/),
    ).toBeTruthy();
    expect(screen.queryByTestId('reference-plan')).toBeNull();
  });

  it('shows the server’s message about the characters beside them', async () => {
    await openPage(
      server(undefined, (operation) =>
        operation.operationName === 'StartGeneration'
          ? errorResult('BAD_USER_INPUT', 'Some settings are not valid.', {
              fieldErrors: [{ field: 'characterIds', messages: ['Choose among your characters.'] }],
            })
          : undefined,
      ),
      '/generate?character=char-juno',
    );
    fireEvent.change(screen.getByRole('textbox', { name: /Prompt/ }), {
      target: { value: 'Juno' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await within(section()).findByText('Choose among your characters.')).toBeTruthy();
  });
});

describe('Generate page: a prompt template', () => {
  it('fills the variables, previews the prompt and sends the template instead of a prompt', async () => {
    const { transport } = await openPage(
      server({ templates: [marketTemplate] }),
      '/generate?character=char-juno',
    );
    fireEvent.change(await screen.findByRole('combobox', { name: 'Prompt template' }), {
      target: { value: 'tpl-1' },
    });
    // The template writes the prompt: the box gives way to its variables.
    expect(screen.queryByRole('textbox', { name: /^Prompt/ })).toBeNull();
    const time = screen.getByRole('combobox', { name: 'time' }) as HTMLSelectElement;
    expect(
      within(time)
        .getAllByRole('option')
        .map((entry) => entry.textContent),
    ).toEqual(['Default (dusk)', 'dawn', 'dusk']);

    // A required variable is asked for before anything is sent.
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await screen.findByText('Fill in Mood.')).toBeTruthy();
    expect(requests(transport.received, 'StartGeneration')).toHaveLength(0);

    fireEvent.change(screen.getByRole('textbox', { name: /Mood/ }), { target: { value: 'busy' } });
    fireEvent.change(time, { target: { value: 'dawn' } });
    await waitFor(() =>
      expect(screen.getByTestId('template-preview').textContent).toBe(
        'A busy market with Juno at dawn',
      ),
    );
    expect(requests(transport.received, 'GenerateRenderTemplate').at(-1)?.variables).toEqual({
      id: 'tpl-1',
      variables: { mood: 'busy', time: 'dawn' },
      characterId: 'char-juno',
      aiModelId: null,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(requests(transport.received, 'StartGeneration')).toHaveLength(1));
    const input = requests(transport.received, 'StartGeneration')[0]?.variables.input as Record<
      string,
      unknown
    >;
    expect(input).toMatchObject({
      templateId: 'tpl-1',
      variables: { mood: 'busy', time: 'dawn' },
      characterIds: ['char-juno'],
    });
    expect(input).not.toHaveProperty('prompt');
  });

  it('shows the server’s message about a variable beside it', async () => {
    await openPage(
      server({ templates: [marketTemplate] }, (operation) =>
        operation.operationName === 'StartGeneration'
          ? errorResult('BAD_USER_INPUT', 'Some settings are not valid.', {
              fieldErrors: [{ field: 'variables.mood', messages: ['Mood is too long.'] }],
            })
          : undefined,
      ),
    );
    fireEvent.change(await screen.findByRole('combobox', { name: 'Prompt template' }), {
      target: { value: 'tpl-1' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Mood/ }), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const mood = screen.getByRole('textbox', { name: /Mood/ });
    await waitFor(() => expect(mood.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Mood is too long.')).toBeTruthy();
  });
});
