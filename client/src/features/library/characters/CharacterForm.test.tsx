import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import { createTestTransport, errorResult, renderApp } from '../../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../../testing/harness';
import { character, image, page } from '../library-fixtures';
import { CharacterPage } from './CharacterPage';
import { NewCharacterPage } from './NewCharacterPage';

// jsdom has <dialog> but not its modal API; model the parts the components rely on.
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
  { path: '/library/characters', element: <h1>All characters</h1> },
  { path: '/library/characters/new', element: <NewCharacterPage /> },
  { path: '/library/characters/:id', element: <CharacterPage /> },
];

function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

const models = page('aiModels', 'AiModel', [
  { __typename: 'AiModel', id: 'm1', name: 'Nova' },
  { __typename: 'AiModel', id: 'm2', name: 'Orion' },
]);

function open(server: FakeServer, entry: string) {
  const transport = createTestTransport(server);
  const app = renderApp(transport, routes, entry);
  render(app.ui);
  return { transport, router: app.router };
}

function sent(received: ReceivedOperation[], name: string) {
  return received.filter((operation) => operation.operationName === name).map((op) => op.variables);
}

function traitRows() {
  return screen.queryAllByTestId('trait-row').map((row) => {
    const [name, value] = within(row).getAllByRole('textbox') as HTMLInputElement[];
    return [name!.value, value!.value];
  });
}

describe('CharacterForm', () => {
  it('adds, fills and removes trait rows, and sends them with the AI model from the address', async () => {
    const { transport, router } = open((operation) => {
      if (operation.operationName === 'AiModelChoices') return models;
      if (operation.operationName === 'CreateCharacter') {
        return { data: { createCharacter: character('new-1', { name: 'Mara' }) } };
      }
      if (operation.operationName === 'Character') {
        return { data: { character: character('new-1', { name: 'Mara' }) } };
      }
      return pending();
    }, '/library/characters/new?aiModel=m2');

    fireEvent.change(await screen.findByRole('textbox', { name: /Name/ }), {
      target: { value: ' Mara ' },
    });
    await waitFor(() =>
      expect((screen.getByRole('combobox', { name: 'AI model' }) as HTMLSelectElement).value).toBe(
        'm2',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: '+ outfit' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 1 value' }), {
      target: { value: 'a red raincoat' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add a trait' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a trait' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 3 name' }), {
      target: { value: 'hair' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 3 value' }), {
      target: { value: 'short' },
    });
    expect(traitRows()).toEqual([
      ['outfit', 'a red raincoat'],
      ['', ''],
      ['hair', 'short'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove trait 1 (outfit)' }));
    expect(traitRows()).toEqual([
      ['', ''],
      ['hair', 'short'],
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Create character' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/library/characters/new-1'));
    expect(sent(transport.received, 'CreateCharacter')).toEqual([
      {
        input: {
          name: 'Mara',
          description: '',
          // The blank row is left out.
          traits: [{ name: 'hair', value: 'short' }],
          aiModelId: 'm2',
          referenceAssetIds: [],
          coverAssetId: null,
        },
      },
    ]);
  });

  it('shows the server’s field errors beside the fields and trait rows they are about', async () => {
    open((operation) => {
      if (operation.operationName === 'AiModelChoices') return models;
      if (operation.operationName === 'CreateCharacter') {
        return errorResult('BAD_USER_INPUT', 'Some fields are not valid.', {
          fieldErrors: [
            { field: 'input.name', messages: ['Give a name of 1 to 100 characters.'] },
            { field: 'traits.1.value', messages: ['Describe the trait in 1 to 1,000 characters.'] },
            { field: 'aiModelId', messages: ['Choose one of your AI models.'] },
            { field: 'referenceAssetIds', messages: ['One image is not among your uploads.'] },
          ],
        });
      }
      return pending();
    }, '/library/characters/new');

    fireEvent.change(await screen.findByRole('textbox', { name: /Name/ }), {
      target: { value: 'Mara' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add a trait' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a trait' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 1 name' }), {
      target: { value: 'outfit' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 1 value' }), {
      target: { value: 'coat' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 2 name' }), {
      target: { value: 'hair' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 2 value' }), {
      target: { value: 'red' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create character' }));

    const name = screen.getByRole('textbox', { name: /Name/ });
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(name.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('Give a name of 1 to 100 characters.')).toBeTruthy();
    const rows = screen.getAllByTestId('trait-row');
    expect(within(rows[1]!).getByText('Describe the trait in 1 to 1,000 characters.')).toBeTruthy();
    expect(
      within(rows[1]!).getByRole('textbox', { name: 'Trait 2 value' }).getAttribute('aria-invalid'),
    ).toBe('true');
    expect(within(rows[0]!).queryByText(/Describe the trait/)).toBeNull();
    expect(screen.getByText('Choose one of your AI models.')).toBeTruthy();
    expect(screen.getByText('One image is not among your uploads.')).toBeTruthy();
    // Every message sits beside its field: nothing is left over for the whole form.
    expect(screen.queryByRole('alert')).toBeNull();

    // Editing a row takes its message away.
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 2 value' }), {
      target: { value: 'red and short' },
    });
    expect(screen.queryByText('Describe the trait in 1 to 1,000 characters.')).toBeNull();
    expect(screen.getByText('Give a name of 1 to 100 characters.')).toBeTruthy();
  });

  it('checks trait names before sending', async () => {
    const { transport } = open(
      (operation) => (operation.operationName === 'AiModelChoices' ? models : pending()),
      '/library/characters/new',
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Add a trait' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 1 name' }), {
      target: { value: 'hair colour' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Trait 1 value' }), {
      target: { value: 'red' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create character' }));
    expect(await screen.findByText('Give the character a name.')).toBeTruthy();
    expect(screen.getByText(/Use letters, digits and _/)).toBeTruthy();
    expect(sent(transport.received, 'CreateCharacter')).toEqual([]);
  });
});

describe('CharacterPage', () => {
  const mara = character('c1', {
    name: 'Mara',
    description: 'A sailor.',
    traits: [{ name: 'outfit', value: 'a red raincoat' }],
    aiModel: { id: 'm1', name: 'Nova' },
    references: ['r1', 'r2', 'r3'],
    cover: 'r2',
  });

  it('shows the character with its AI model, a way to generate with it, and saves reordered images', async () => {
    const { transport } = open((operation) => {
      if (operation.operationName === 'Character') return { data: { character: mara } };
      if (operation.operationName === 'AiModelChoices') return models;
      if (operation.operationName === 'UpdateCharacter') {
        return {
          data: {
            updateCharacter: { ...mara, references: [image('r3'), image('r1'), image('r2')] },
          },
        };
      }
      return pending();
    }, '/library/characters/c1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mara' })).toBeTruthy();
    const modelLinks = screen.getAllByRole('link', { name: 'Nova' });
    expect(modelLinks.map((link) => link.getAttribute('href'))).toContain('/library/models/m1');
    expect(
      screen.getByRole('link', { name: 'Generate with this character' }).getAttribute('href'),
    ).toBe('/generate?character=c1');
    expect(traitRows()).toEqual([['outfit', 'a red raincoat']]);

    const tiles = () => screen.getAllByTestId('persona-reference');
    expect(within(tiles()[1]!).getByText('Cover')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Move Image 3 earlier' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move Image 2 earlier' }));
    expect(screen.getByText('Unsaved changes')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Mara is saved.')).toBeTruthy();
    expect(sent(transport.received, 'UpdateCharacter')).toEqual([
      {
        input: {
          id: 'c1',
          name: 'Mara',
          description: 'A sailor.',
          traits: [{ name: 'outfit', value: 'a red raincoat' }],
          aiModelId: 'm1',
          referenceAssetIds: ['r3', 'r1', 'r2'],
          // The chosen cover stays with its image.
          coverAssetId: 'r2',
        },
      },
    ]);
    expect(screen.queryByText('Unsaved changes')).toBeNull();
  });

  it('deletes after a confirmation that says generations keep their snapshot', async () => {
    const { transport, router } = open((operation) => {
      if (operation.operationName === 'Character') return { data: { character: mara } };
      if (operation.operationName === 'AiModelChoices') return models;
      if (operation.operationName === 'DeleteCharacter') return { data: { deleteCharacter: 'c1' } };
      return pending();
    }, '/library/characters/c1');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Mara?' });
    expect(within(dialog).getByText(/Generations made with it keep their snapshot/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete character' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/library/characters'));
    expect(sent(transport.received, 'DeleteCharacter')).toEqual([{ id: 'c1' }]);
    expect(await screen.findByText('Mara is deleted.')).toBeTruthy();
  });

  it('says so when the character does not exist', async () => {
    open(
      (operation) =>
        operation.operationName === 'Character'
          ? errorResult('NOT_FOUND', 'There is no character with that id.')
          : pending(),
      '/library/characters/gone',
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This character doesn’t exist' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All characters' }).getAttribute('href')).toBe(
      '/library/characters',
    );
  });
});
