import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { RecipeVersionFieldsFragment } from '../../../gql/graphql';
import { catalogueResult } from '../../../testing/generation-fixtures';
import type { Provider } from '../../generate/form-state';
import { recipeVersion } from './recipe-fixtures';
import { estimateRequest, initialRunValues, runProblems, runRequest } from './run-state';

const providers = catalogueResult().data!.providers as Provider[];
const image = providers[0]!.models[0]!;

function version(overrides: Record<string, unknown> = {}) {
  return recipeVersion(overrides) as unknown as RecipeVersionFieldsFragment;
}

describe('run panel state', () => {
  it('starts as the recipe says and sends nothing but the recipe when nothing changes', () => {
    const values = initialRunValues(version(), image);
    expect(values).toEqual({
      variables: { place: 'Lisbon', style: '' },
      characterIds: ['char-1'],
      aiModelId: '',
      count: 2,
      seed: '',
      aspectRatio: '',
    });
    expect(runRequest('recipe-1', version(), image, values)).toEqual({
      recipeId: 'recipe-1',
      recipeVersion: 2,
    });
  });

  it('sends only what differs: values, people, and the count, seed and ratio as overrides', () => {
    const values = {
      ...initialRunValues(version(), image),
      variables: { place: '', style: 'oil' },
      characterIds: [],
      aiModelId: 'model-1',
      count: 3,
      seed: '42',
      aspectRatio: '16:9',
    };
    const request = runRequest('recipe-1', version(), image, values);
    expect(request).toEqual({
      recipeId: 'recipe-1',
      recipeVersion: 2,
      // An emptied value goes as '' (the template's default); a changed one as typed.
      variables: { place: '', style: 'oil' },
      characterIds: [],
      aiModelId: 'model-1',
      overrides: { count: 3, seed: 42, aspectRatio: '16:9' },
    });
    // The price does not depend on values or people; the cost is asked without them.
    expect(estimateRequest(request)).toEqual({
      recipeId: 'recipe-1',
      recipeVersion: 2,
      overrides: { count: 3, seed: 42, aspectRatio: '16:9' },
    });
  });

  it('leaves the recipe’s own seed, count and ratio out of the overrides', () => {
    const saved = version({ settings: { ...version().settings, seed: 42, count: null } });
    const values = { ...initialRunValues(saved, image), seed: '42', aspectRatio: '1:1' };
    expect(values.count).toBe(1);
    expect(runRequest('recipe-1', saved, image, values).overrides).toBeUndefined();
    expect(
      runRequest('recipe-1', saved, image, { ...values, seed: '4.5' }).overrides,
    ).toBeUndefined();
  });

  it('sorts a refused run under the panel’s fields, and words other refusals', () => {
    const refused = new CombinedGraphQLErrors({
      errors: [
        {
          message: 'Some fields are not valid.',
          extensions: {
            code: 'BAD_USER_INPUT',
            fieldErrors: [
              { field: 'variables.place', messages: ['Fill in Place: this template needs it.'] },
              { field: 'input.overrides.count', messages: ['From 1 to 4.'] },
              { field: 'characterIds', messages: ['Choose among your characters.'] },
              { field: 'model', messages: ['This recipe runs local local-image.'] },
            ],
          },
        },
      ],
    });
    expect(runProblems(refused)).toEqual({
      fields: {
        'variables.place': 'Fill in Place: this template needs it.',
        count: 'From 1 to 4.',
        characters: 'Choose among your characters.',
      },
      form: 'This recipe runs local local-image.',
      aboutCredits: false,
    });
    const poor = new CombinedGraphQLErrors({
      errors: [{ message: 'No.', extensions: { code: 'INSUFFICIENT_CREDITS', shortfall: 3 } }],
    });
    expect(runProblems(poor)).toEqual({
      fields: {},
      form: 'You need 3 credits more for this. Get more credits, or make fewer or smaller outputs.',
      aboutCredits: true,
    });
  });
});
