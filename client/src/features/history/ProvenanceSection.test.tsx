import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import {
  balanceResult,
  catalogueResult,
  estimateResult,
  generation,
  libraryAsset,
  libraryCharacter,
  libraryModel,
  provenance,
  snapshot,
} from '../../testing/generation-fixtures';
import { createTestTransport, errorResult, renderApp } from '../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../testing/harness';
import { GeneratePage } from '../generate/GeneratePage';
import { GenerationDetailPage } from './GenerationDetailPage';

const routes = [
  { path: '/history/:id', element: <GenerationDetailPage /> },
  { path: '/generate', element: <GeneratePage /> },
  { path: '/assets/:id', element: <h1>What used this image?</h1> },
];

function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

const hash = (prefix: string) => prefix.padEnd(64, '0');

const variables = [
  {
    __typename: 'TemplateVariable',
    name: 'mood',
    label: 'Mood',
    type: 'TEXT',
    required: true,
    defaultValue: null,
    choices: [],
  },
];

const templateThen = {
  __typename: 'TemplateSnapshot',
  id: 'tpl-1',
  name: 'Market scene',
  body: 'A {{mood}} market with {{character.name}}',
  variables,
};

const templateNow = {
  __typename: 'PromptTemplate',
  id: 'tpl-1',
  name: 'Market scene',
  body: 'A {{mood}} night market with {{character.name}}',
  updatedAt: '2025-12-01T00:00:00.000Z',
  variables,
};

const miraNow = libraryCharacter('char-mira', 'Mira', {
  description: 'A courier with silver hair',
  traits: [{ __typename: 'CharacterTrait', name: 'outfit', value: 'a red raincoat' }],
  references: [{ ...libraryAsset('mira-1'), sha256: hash('a1') }],
});
const novaNow = libraryModel('model-nova', 'Nova', {
  description: 'Soft film look, now grainier',
  tags: ['film'],
  references: [{ ...libraryAsset('nova-1'), sha256: hash('d4') }],
});

function referenceSnapshot(assetId: string, sha: string, source: string, sent: boolean) {
  return { __typename: 'ReferenceSnapshot', assetId, sha256: hash(sha), source, sent };
}

const madeFromLibrary = generation({
  status: 'SUCCEEDED',
  progress: 1,
  prompt: 'A busy market with Mira\n\nJuno: a tall courier\nNova: Soft film look',
  references: [
    {
      __typename: 'Asset',
      id: 'upload-1',
      url: '/files/upload-1.png',
      thumbnailUrl: '/files/upload-1-thumb.webp',
      width: 64,
      height: 64,
    },
    {
      __typename: 'Asset',
      id: 'mira-1',
      url: '/files/mira-1.png',
      thumbnailUrl: '/files/mira-1-thumb.webp',
      width: 64,
      height: 64,
    },
  ],
  provenance: provenance({
    recipe: { __typename: 'RecipeRunSnapshot', id: 'recipe-1', name: 'Night market', version: 2 },
    template: templateThen,
    variables: { mood: 'busy' },
    basePrompt: 'A busy market with Mira',
    addedContext: 'Juno: a tall courier\nNova: Soft film look',
    rerunOf: 'gen-0',
    characters: [
      snapshot('char-mira', 'Mira', {
        description: 'A courier with silver hair',
        traits: [{ __typename: 'CharacterTrait', name: 'outfit', value: 'a red raincoat' }],
        referenceHashes: [hash('a1')],
      }),
      snapshot('char-juno', 'Juno', {
        description: 'A tall courier',
        referenceHashes: [hash('c3')],
      }),
    ],
    aiModel: snapshot('model-nova', 'Nova', {
      description: 'Soft film look',
      tags: ['film'],
      referenceHashes: [hash('d4')],
    }),
    references: [
      referenceSnapshot('upload-1', 'b2', 'REQUEST', true),
      referenceSnapshot('mira-1', 'a1', 'CHARACTER', true),
      referenceSnapshot('juno-1', 'c3', 'CHARACTER', false),
      referenceSnapshot('nova-1', 'd4', 'AI_MODEL', false),
    ],
  }),
  recipe: { __typename: 'Recipe', id: 'recipe-1', name: 'Night market', latestVersionNumber: 3 },
  recipeVersion: { __typename: 'RecipeVersion', id: 'rv-2', version: 2 },
  template: templateNow,
  // Juno has been deleted since; Mira is as she was; Nova has changed.
  characters: [miraNow],
  aiModel: novaNow,
});

function server(
  subject: Record<string, unknown> = madeFromLibrary,
  extra: (operation: ReceivedOperation) => ReturnType<FakeServer> | undefined = () => undefined,
): FakeServer {
  return (operation) => {
    const answer = extra(operation);
    if (answer !== undefined) return answer;
    switch (operation.operationName) {
      case 'Generation':
        return operation.variables.id === subject.id
          ? { data: { generation: subject } }
          : { data: { generation: generation({ id: operation.variables.id }) } };
      case 'ProvenanceAsset':
        return errorResult('NOT_FOUND', 'There is no asset with that id.');
      case 'GenerationCatalog':
        return catalogueResult();
      case 'CreditBalance':
        return balanceResult(50);
      case 'EstimateGeneration':
        return estimateResult(1, 50);
      default:
        return pending();
    }
  };
}

function open(fake: FakeServer, entry = '/history/gen-1') {
  const transport = createTestTransport(fake);
  const app = renderApp(transport, routes, entry);
  render(app.ui);
  return { transport, router: app.router };
}

function requests(received: ReceivedOperation[], name: string) {
  return received.filter((operation) => operation.operationName === name);
}

describe('GenerationDetailPage: provenance', () => {
  it('shows what the generation was made from, as it was, and what changed since', async () => {
    open(server());
    const card = await screen.findByRole('region', { name: 'Provenance' });

    // The recipe still exists: a link, with its version then and now.
    const recipe = within(card).getByTestId('provenance-recipe');
    expect(within(recipe).getByRole('link', { name: 'Night market' }).getAttribute('href')).toBe(
      '/library/recipes/recipe-1',
    );
    expect(recipe.textContent).toContain('version 2');
    expect(recipe.textContent).toContain('its latest version is 3');

    // The template as used (it has changed since) and its variable values.
    const template = within(card).getByTestId('provenance-template');
    expect(template.textContent).toContain('changed since');
    expect(within(template).getByLabelText('Template text as used').textContent).toBe(
      'A {{mood}} market with {{character.name}}',
    );
    const values = within(template).getByRole('definition');
    expect(values.textContent).toBe('busy');

    expect(within(card).getByTestId('provenance-base-prompt').textContent).toBe(
      'A busy market with Mira',
    );
    expect(within(card).getByTestId('provenance-added-context').textContent).toBe(
      'Juno: a tall courier\nNova: Soft film look',
    );

    // Characters and model as snapshotted, with what became of them.
    const entries = within(card).getAllByTestId('provenance-entry');
    expect(entries).toHaveLength(3);
    const [mira, juno, nova] = entries as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(mira).getByRole('link', { name: 'Mira' }).getAttribute('href')).toBe(
      '/library/characters/char-mira',
    );
    expect(mira.textContent).not.toMatch(/since/);
    expect(within(mira).getByRole('term').textContent).toBe('outfit');
    expect(within(mira).getByRole('definition').textContent).toBe('a red raincoat');
    expect(within(juno).queryByRole('link')).toBeNull();
    expect(juno.textContent).toContain('since deleted');
    expect(juno.textContent).toContain('A tall courier');
    expect(within(nova).getByRole('link', { name: 'Nova' }).getAttribute('href')).toBe(
      '/library/models/model-nova',
    );
    expect(nova.textContent).toContain('changed since');
    expect(nova.textContent).toContain('Soft film look');
    expect(within(nova).getByRole('list', { name: 'Tags of Nova' }).textContent).toBe('film');

    // Every image, in the order sent: where it came from, whether it went, its hash.
    const images = within(card).getByRole('list', { name: 'Images used, in the order sent' });
    const rows = within(images).getAllByTestId('provenance-reference');
    expect(
      rows.map((row) => [
        row.querySelector('.provenance-reference__source')?.textContent,
        row.getAttribute('data-sent'),
        row.querySelector('code')?.textContent,
      ]),
    ).toEqual([
      ['Given with the request', 'true', 'b20000000000'],
      ['Character: Mira', 'true', 'a10000000000'],
      ['Character: Juno', 'false', 'c30000000000'],
      ['AI model: Nova', 'false', 'd40000000000'],
    ]);
    expect(
      within(rows[0]!)
        .getByRole('link', { name: 'Reference image 1: what used this image?' })
        .getAttribute('href'),
    ).toBe('/assets/upload-1');
    expect(rows[3]!.querySelector('a')?.getAttribute('href')).toBe('/assets/nova-1');
    // Juno's image went with her: the server says it no longer exists.
    await waitFor(() => expect(rows[2]!.getAttribute('data-state')).toBe('deleted'));
    expect(rows[2]!.textContent).toContain('deleted since');

    expect(
      within(card).getByRole('link', { name: 'an earlier generation' }).getAttribute('href'),
    ).toBe('/history/gen-0');
    // An image that was not sent does not stop it from being made again.
    expect(
      within(card).getByRole('button', { name: 'Run again exactly' }).hasAttribute('disabled'),
    ).toBe(false);
  });

  it('runs it again exactly with an idempotency key, then shows the new generation', async () => {
    const rerun = generation({ id: 'gen-2', provenance: provenance({ rerunOf: 'gen-1' }) });
    let refuse = true;
    const { transport, router } = open(
      server(madeFromLibrary, (operation) => {
        if (operation.operationName === 'Generation' && operation.variables.id === 'gen-2') {
          return { data: { generation: rerun } };
        }
        if (operation.operationName !== 'RunGenerationAgain') return undefined;
        if (refuse) {
          refuse = false;
          return errorResult('INSUFFICIENT_CREDITS', 'Not enough credits.', { shortfall: 2 });
        }
        return { data: { runGenerationAgain: rerun } };
      }),
    );
    const card = await screen.findByRole('region', { name: 'Provenance' });
    fireEvent.click(within(card).getByRole('button', { name: 'Run again exactly' }));
    expect(await within(card).findByText(/You need 2 credits more for this/)).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Get credits' }).getAttribute('href')).toBe(
      '/credits',
    );

    fireEvent.click(within(card).getByRole('button', { name: 'Run again exactly' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/history/gen-2'));
    const [first, second] = requests(transport.received, 'RunGenerationAgain').map(
      (operation) => operation.variables,
    );
    expect(first).toEqual({
      id: 'gen-1',
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    // A refusal ends that attempt: the next press is a run of its own.
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);

    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Provenance' }))
          .getByRole('link', { name: 'an earlier generation' })
          .getAttribute('href'),
      ).toBe('/history/gen-1'),
    );
    expect(await screen.findByText('Started again with exactly the same settings.')).toBeTruthy();
  });

  it('says clearly when an image it sent was deleted, so it cannot run again', async () => {
    const withoutUpload = { ...madeFromLibrary, references: [madeFromLibrary.references[1]] };
    const { transport } = open(server(withoutUpload));
    const card = await screen.findByRole('region', { name: 'Provenance' });
    const rows = within(card).getAllByTestId('provenance-reference');
    expect(rows[0]!.getAttribute('data-state')).toBe('deleted');
    expect(rows[0]!.querySelector('a')).toBeNull();
    expect(within(card).getByText('This can’t be made again exactly')).toBeTruthy();
    const button = within(card).getByRole('button', { name: 'Run again exactly' });
    expect(button.hasAttribute('disabled')).toBe(true);
    fireEvent.click(button);
    expect(requests(transport.received, 'RunGenerationAgain')).toHaveLength(0);
  });

  it('shows the server’s reason when it refuses to run it again', async () => {
    open(
      server(madeFromLibrary, (operation) =>
        operation.operationName === 'RunGenerationAgain'
          ? errorResult(
              'NOT_FOUND',
              'An image this generation used has been deleted, so it cannot be made again exactly.',
            )
          : undefined,
      ),
    );
    const card = await screen.findByRole('region', { name: 'Provenance' });
    fireEvent.click(within(card).getByRole('button', { name: 'Run again exactly' }));
    expect(
      await within(card).findByText(/An image this generation used has been deleted/),
    ).toBeTruthy();
  });

  it('uses the characters, model and template again with “Use these settings again”', async () => {
    const { router } = open(
      server(madeFromLibrary, (operation) => {
        switch (operation.operationName) {
          case 'GenerateTemplates':
            return {
              data: {
                promptTemplates: {
                  __typename: 'PromptTemplateConnection',
                  edges: [{ __typename: 'PromptTemplateEdge', cursor: 'c1', node: templateNow }],
                  pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
                },
              },
            };
          case 'GenerateRenderTemplate':
            return {
              data: {
                renderPromptTemplate: {
                  __typename: 'RenderedPrompt',
                  prompt: 'A busy night market with Mira',
                  complete: true,
                  fieldErrors: [],
                },
              },
            };
          default:
            return undefined;
        }
      }),
    );
    fireEvent.click(await screen.findByRole('link', { name: 'Use these settings again' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/generate'));
    await screen.findByRole('group', { name: 'Characters & model' });
    expect(screen.getByText('Juno has been deleted since, so it is left out.')).toBeTruthy();
    const section = screen.getByRole('group', { name: 'Characters & model' });
    // Mira, and Nova, chosen on purpose (Mira belongs to no model).
    expect(within(section).getByRole('list', { name: 'Chosen characters' }).textContent).toContain(
      'Mira',
    );
    expect(within(section).getByRole('list', { name: 'Chosen AI model' }).textContent).toContain(
      'Nova',
    );
    // The template again, with the value its variable took; the prompt box gives way to it.
    const template = (await screen.findByRole('combobox', {
      name: 'Prompt template',
    })) as HTMLSelectElement;
    await waitFor(() => expect(template.value).toBe('tpl-1'));
    expect((screen.getByRole('textbox', { name: /Mood/ }) as HTMLInputElement).value).toBe('busy');
    expect(screen.queryByRole('textbox', { name: /^Prompt/ })).toBeNull();
    expect(await screen.findByTestId('template-preview')).toBeTruthy();
    // Only the image given in the form comes back as its own; Mira brings hers.
    const chosen = screen.getByRole('list', { name: 'Chosen reference images' });
    expect(within(chosen).getAllByTestId('reference-item')).toHaveLength(1);
  });

  it('explains a generation made before the library', async () => {
    open(server(generation({ status: 'SUCCEEDED', provenance: null })));
    const card = await screen.findByRole('region', { name: 'Provenance' });
    expect(within(card).getByText(/made before the library existed/)).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Run again exactly' })).toBeTruthy();
  });
});
