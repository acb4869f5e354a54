import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { personaErrors } from './persona-errors';

function refusal(code: string, fieldErrors?: Array<{ field: string; messages: string[] }>) {
  return new CombinedGraphQLErrors({
    data: null,
    errors: [{ message: 'Some fields are not valid.', extensions: { code, fieldErrors } }],
  });
}

describe('personaErrors', () => {
  const fields = ['name', 'traits', 'aiModelId', 'referenceAssetIds'] as const;

  it('puts messages under their fields, trait rows and the images', () => {
    const sorted = personaErrors(
      refusal('BAD_USER_INPUT', [
        { field: 'input.name', messages: ['Give a name of 1 to 100 characters.'] },
        { field: 'traits.1.name', messages: ['"name" is the character\'s own field.'] },
        { field: 'input.traits.0.value', messages: ['Describe the trait.'] },
        { field: 'coverAssetId', messages: ['Choose the cover among its reference images.'] },
        { field: 'aiModelId', messages: ['Choose one of your AI models.'] },
      ]),
      fields,
      'character',
    );
    expect(sorted).toEqual({
      fields: {
        name: 'Give a name of 1 to 100 characters.',
        referenceAssetIds: 'Choose the cover among its reference images.',
        aiModelId: 'Choose one of your AI models.',
      },
      rows: {
        0: { value: 'Describe the trait.' },
        1: { name: '"name" is the character\'s own field.' },
      },
      form: null,
    });
  });

  it('says above the form what no field shows, and when the item is gone', () => {
    expect(
      personaErrors(
        refusal('BAD_USER_INPUT', [{ field: 'tags', messages: ['Give up to 20 tags.'] }]),
        fields,
        'character',
      ).form,
    ).toBe('Give up to 20 tags.');
    expect(personaErrors(refusal('NOT_FOUND'), fields, 'AI model').form).toBe(
      'This AI model no longer exists: it was deleted, perhaps in another tab.',
    );
  });
});
