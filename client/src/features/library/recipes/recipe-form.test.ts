import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { RecipeVersionFieldsFragment } from '../../../gql/graphql';
import { catalogueResult } from '../../../testing/generation-fixtures';
import type { Provider } from '../../generate/form-state';
import { recipeVersion } from './recipe-fixtures';
import {
  newRecipeValues,
  presetFromVersion,
  presetInput,
  recipeProblems,
  settingsFromVersion,
  templateChanged,
  valuesFromVersion,
} from './recipe-form';

const providers = catalogueResult().data!.providers as Provider[];
const image = providers[0]!.models[0]!;

function version(overrides: Record<string, unknown> = {}) {
  return recipeVersion(overrides) as unknown as RecipeVersionFieldsFragment;
}

function refusal(
  fieldErrors: Array<{ field: string; messages: string[] }>,
  code = 'BAD_USER_INPUT',
) {
  return new CombinedGraphQLErrors({
    errors: [{ message: 'Some fields are not valid.', extensions: { code, fieldErrors } }],
  });
}

describe('recipe form values', () => {
  it('reads a version back into the form, with the model’s defaults for what it left empty', () => {
    const values = valuesFromVersion(providers, version())!;
    expect(values.source).toBe('template');
    expect(values.templateId).toBe('tpl-1');
    expect(values.variables).toEqual({ place: 'Lisbon' });
    expect(values.characterIds).toEqual(['char-1']);
    expect(values.settings).toMatchObject({
      providerId: 'local',
      modelId: 'local-image',
      count: 2,
      aspectRatio: '1:1',
      customSize: false,
      seed: '',
      params: { style: 'waves', steps: '8' },
    });

    const custom = settingsFromVersion(providers, {
      provider: 'local',
      model: 'local-image',
      settings: {
        ...version().settings,
        aspectRatio: null,
        width: 640,
        height: 480,
        seed: 42,
        count: 9,
        params: { style: 'unknown-style' },
      },
    })!;
    expect(custom).toMatchObject({
      customSize: true,
      width: '640',
      height: '480',
      seed: '42',
      // Out of the model's range: the nearest it takes.
      count: 4,
      // Not a choice it offers: its default.
      params: { style: 'geometric', steps: '8' },
    });
    expect(settingsFromVersion(providers, { ...version(), model: 'gone' })).toBeNull();
  });

  it('saves only what the model takes, and the template instead of a prompt', () => {
    const values = newRecipeValues(providers[0]!, image);
    values.settings.prompt = 'Ignored with a template';
    values.settings.seed = '7';
    values.source = 'template';
    values.templateId = 'tpl-1';
    values.variables = { place: 'Porto', style: '', gone: 'x' };
    values.characterIds = ['char-2', 'char-1'];
    values.note = '  Porto  ';
    expect(presetInput(image, values, ['asset-1'], ['place', 'style'])).toEqual({
      kind: 'IMAGE',
      provider: 'local',
      model: 'local-image',
      templateId: 'tpl-1',
      settings: {
        count: 1,
        aspectRatio: '1:1',
        seed: 7,
        referenceAssetIds: ['asset-1'],
        params: { style: 'geometric', steps: 8 },
      },
      variables: { place: 'Porto' },
      characterIds: ['char-2', 'char-1'],
      aiModelId: null,
      note: 'Porto',
    });

    values.source = 'prompt';
    const plain = presetInput(image, values, [], ['place']);
    expect(plain.templateId).toBeNull();
    expect(plain.variables).toEqual({});
    expect(plain.settings?.prompt).toBe('Ignored with a template');
  });

  it('sorts a refused save under the form’s fields', () => {
    expect(
      recipeProblems(
        refusal([
          { field: 'settings.count', messages: ['Built-in image makes 1 to 4.'] },
          { field: 'settings.params.steps', messages: ['Up to 20.'] },
          { field: 'templateId', messages: ['Choose one of your prompt templates.'] },
          { field: 'variables.place', messages: ['Keep it short.'] },
          { field: 'characterIds', messages: ['Choose among your characters.'] },
          { field: 'model', messages: ['No such model.'] },
          { field: 'name', messages: ['Give a name.'] },
          { field: 'settings.somethingNew', messages: ['Odd.'] },
        ]),
        ['steps'],
      ),
    ).toEqual({
      settings: {
        count: 'Built-in image makes 1 to 4.',
        'params.steps': 'Up to 20.',
        modelId: 'No such model.',
      },
      fields: {
        template: 'Choose one of your prompt templates.',
        'variables.place': 'Keep it short.',
        characters: 'Choose among your characters.',
        name: 'Give a name.',
      },
      form: 'Odd.',
    });
    expect(recipeProblems(refusal([], 'NOT_FOUND'), []).form).toMatch(/no longer exists/);
  });

  it('tells when the template changed since the version, and saves it again with the new text', () => {
    expect(templateChanged(version())).toBe(false);
    expect(templateChanged(version({ sourceTemplate: null }))).toBe(false);
    const changed = version({
      sourceTemplate: {
        ...version().sourceTemplate!,
        body: 'A cinematic portrait in {{place}}',
        variables: [version().sourceTemplate!.variables[0]],
      },
      variables: { place: 'Lisbon', style: 'oil' },
    });
    expect(templateChanged(changed)).toBe(true);
    expect(presetFromVersion(changed, 'New text')).toEqual({
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
      // `style` is no longer declared by the template.
      variables: { place: 'Lisbon' },
      characterIds: ['char-1'],
      aiModelId: null,
      note: 'New text',
    });
  });
});
