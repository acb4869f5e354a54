import { validateParams } from './params';
import type { ParamSpec } from './provider';

const specs: ParamSpec[] = [
  { name: 'style', type: 'choice', description: '', choices: ['a', 'b'], default: 'a' },
  { name: 'steps', type: 'integer', description: '', min: 1, max: 20, default: 8 },
  { name: 'strength', type: 'number', description: '', min: 0, max: 1 },
  { name: 'upscale', type: 'boolean', description: '', default: false },
  { name: 'label', type: 'string', description: '', max: 5 },
];
const model = {
  capabilities: {
    count: { min: 1, max: 1 },
    aspectRatios: [],
    referenceImages: 0,
    negativePrompt: false,
    seed: false,
    params: specs,
  },
};

describe('validateParams', () => {
  it('fills defaults, in declaration order, for missing, null and undefined values', () => {
    const expected = { style: 'a', steps: 8, upscale: false };
    expect(validateParams(model, undefined)).toEqual({ value: expected, errors: [] });
    expect(validateParams(model, null)).toEqual({ value: expected, errors: [] });
    expect(validateParams(model, { steps: null, strength: undefined })).toEqual({
      value: expected,
      errors: [],
    });
  });

  it('keeps valid values, bounds included', () => {
    const params = { label: 'hello', upscale: true, strength: 0, steps: 20, style: 'b' };
    const { value, errors } = validateParams(model, params);
    expect(errors).toEqual([]);
    expect(Object.entries(value)).toEqual([
      ['style', 'b'],
      ['steps', 20],
      ['strength', 0],
      ['upscale', true],
      ['label', 'hello'],
    ]);
  });

  it.each([
    [{ style: 'c' }, 'params.style', 'style must be one of a, b (got "c")'],
    [{ style: 1 }, 'params.style', 'style must be one of a, b (got 1)'],
    [{ steps: 2.5 }, 'params.steps', 'steps must be a whole number from 1 to 20 (got 2.5)'],
    [{ steps: 21 }, 'params.steps', 'steps must be a whole number from 1 to 20 (got 21)'],
    [{ steps: '8' }, 'params.steps', 'steps must be a whole number from 1 to 20 (got "8")'],
    [
      { strength: Number.NaN },
      'params.strength',
      'strength must be a number from 0 to 1 (got null)',
    ],
    [{ strength: -0.1 }, 'params.strength', 'strength must be a number from 0 to 1 (got -0.1)'],
    [{ upscale: 'yes' }, 'params.upscale', 'upscale must be true or false (got "yes")'],
    [
      { label: 'toolong' },
      'params.label',
      'label must be text of at most 5 characters (got "toolong")',
    ],
    [{ label: {} }, 'params.label', 'label must be text of at most 5 characters (got {})'],
    [
      { seed: 1 },
      'params.seed',
      'This model has no parameter "seed" (it takes style, steps, strength, upscale, label)',
    ],
  ])('rejects %j', (params, field, message) => {
    expect(validateParams(model, params).errors).toEqual([{ field, message }]);
  });

  it('reports every error at once and leaves bad values out', () => {
    const { value, errors } = validateParams(model, { style: 'z', steps: 0, extra: true });
    expect(errors.map((e) => e.field)).toEqual(['params.extra', 'params.style', 'params.steps']);
    expect(value).toEqual({ upscale: false });
  });

  it('rejects params that are not an object, and any name for a model without params', () => {
    expect(validateParams(model, [1]).errors).toEqual([
      { field: 'params', message: 'params must be an object' },
    ]);
    expect(validateParams(model, 'x').errors).toHaveLength(1);
    const bare = { capabilities: { ...model.capabilities, params: undefined } };
    expect(validateParams(bare, {})).toEqual({ value: {}, errors: [] });
    expect(validateParams(bare, JSON.parse('{"__proto__": 1}')).errors).toEqual([
      {
        field: 'params.__proto__',
        message: 'This model has no parameter "__proto__" (it takes none)',
      },
    ]);
  });
});
