import { pixelSizes, resolveSize } from './dimensions';

const image = {
  aspectRatios: ['1:1', '4:3', '3:4', '16:9', '9:16'],
  size: { min: 64, max: 2048, step: 8 },
};
const video = { aspectRatios: ['16:9', '1:1', '9:16'], size: { min: 64, max: 320, step: 8 } };
const fixed = { aspectRatios: ['1:1', '3:2', '2:3'] };

describe('resolveSize', () => {
  it.each([
    [{}, { width: 1024, height: 1024, aspectRatio: '1:1' }],
    [{ aspectRatio: '4:3' }, { width: 1024, height: 768, aspectRatio: '4:3' }],
    [{ aspectRatio: '3:4' }, { width: 768, height: 1024, aspectRatio: '3:4' }],
    [{ aspectRatio: '16:9' }, { width: 1024, height: 576, aspectRatio: '16:9' }],
    [
      { aspectRatio: '9:16', width: null, height: null },
      { width: 576, height: 1024, aspectRatio: '9:16' },
    ],
  ])('sizes %j from the aspect ratio at a long side of 1024', (request, expected) => {
    expect(resolveSize(image, request)).toEqual({ value: expected, errors: [] });
  });

  it('keeps the long side within the size range and rounds the short one to the step', () => {
    expect(resolveSize(video, {}).value).toEqual({ width: 320, height: 184, aspectRatio: '16:9' });
    expect(resolveSize(image, { aspectRatio: '16:9' }, { longSide: 4000 }).value).toEqual({
      width: 2048,
      height: 1152,
      aspectRatio: '16:9',
    });
    const narrow = { aspectRatios: ['1:10'], size: { min: 64, max: 512, step: 8 } };
    expect(resolveSize(narrow, {}).value).toEqual({ width: 64, height: 512, aspectRatio: '1:10' });
  });

  it('gives models without explicit sizes multiples of 8', () => {
    expect(resolveSize(fixed, { aspectRatio: '3:2' }).value).toEqual({
      width: 1024,
      height: 680,
      aspectRatio: '3:2',
    });
    expect(resolveSize(fixed, {}, { longSide: 1280 }).value).toEqual({
      width: 1280,
      height: 1280,
      aspectRatio: '1:1',
    });
  });

  it('gives a model that renders fixed sizes the exact size of each ratio', () => {
    const openai = {
      aspectRatios: ['1:1', '3:2', '2:3'],
      sizes: pixelSizes({ '1:1': '1024x1024', '3:2': '1536x1024', '2:3': '1024x1536' }),
    };
    expect(resolveSize(openai, { aspectRatio: '3:2' })).toEqual({
      value: { width: 1536, height: 1024, aspectRatio: '3:2' },
      errors: [],
    });
    expect(resolveSize(openai, {}).value).toEqual({
      width: 1024,
      height: 1024,
      aspectRatio: '1:1',
    });
    // The fixed size wins over a long side; a ratio without one is still computed.
    expect(resolveSize(openai, { aspectRatio: '2:3' }, { longSide: 512 }).value).toEqual({
      width: 1024,
      height: 1536,
      aspectRatio: '2:3',
    });
    const partly = {
      aspectRatios: ['16:9', '4:3'],
      sizes: { '16:9': { width: 1408, height: 768 } },
    };
    expect(resolveSize(partly, { aspectRatio: '4:3' }).value).toEqual({
      width: 1024,
      height: 768,
      aspectRatio: '4:3',
    });
    // Offered ratios are still checked, and explicit sizes still need `size`.
    expect(resolveSize(openai, { aspectRatio: '16:9' }).errors).toHaveLength(1);
    expect(resolveSize(openai, { width: 1536, height: 1024 }).errors).toEqual([
      {
        field: 'width',
        message: 'This model takes an aspect ratio, not an explicit width and height',
      },
    ]);
  });

  it('reads pixel sizes from a provider’s size strings, and refuses malformed ones', () => {
    expect(pixelSizes({ '16:9': '1280:720', '1:1': '1024x1024' })).toEqual({
      '16:9': { width: 1280, height: 720 },
      '1:1': { width: 1024, height: 1024 },
    });
    expect(() => pixelSizes({ '1:1': 'large' })).toThrow('Not a pixel size: "large" (for 1:1)');
  });

  it('rejects aspect ratios the model does not offer', () => {
    for (const aspectRatio of ['21:9', 'wide', '0:1', '']) {
      expect(resolveSize(image, { aspectRatio })).toEqual({
        value: null,
        errors: [
          {
            field: 'aspectRatio',
            message: `aspectRatio must be one of 1:1, 4:3, 3:4, 16:9, 9:16 (got ${JSON.stringify(aspectRatio)})`,
          },
        ],
      });
    }
  });

  it('takes explicit sizes, whose own ratio wins', () => {
    expect(resolveSize(image, { width: 1000, height: 504, aspectRatio: '1:1' })).toEqual({
      value: { width: 1000, height: 504, aspectRatio: '125:63' },
      errors: [],
    });
    expect(resolveSize(image, { width: 64, height: 2048 }).value).toEqual({
      width: 64,
      height: 2048,
      aspectRatio: '1:32',
    });
  });

  it.each([
    [{ width: 1000 }, [['height', 'height is required with width']]],
    [{ height: 512 }, [['width', 'width is required with height']]],
    [
      { width: 60, height: 2056 },
      [
        ['width', 'width must be a whole number from 64 to 2048 in steps of 8 (got 60)'],
        ['height', 'height must be a whole number from 64 to 2048 in steps of 8 (got 2056)'],
      ],
    ],
    [
      { width: 100, height: 512.5 },
      [
        ['width', expect.stringContaining('(got 100)')],
        ['height', expect.stringContaining('(got 512.5)')],
      ],
    ],
  ])('rejects the explicit size %j', (request, expected) => {
    const { value, errors } = resolveSize(image, request);
    expect(value).toBeNull();
    expect(errors).toEqual(expected.map(([field, message]) => ({ field, message })));
  });

  it('rejects explicit sizes for models that take only an aspect ratio', () => {
    expect(resolveSize(fixed, { width: 1024, height: 1024 }).errors).toEqual([
      {
        field: 'width',
        message: 'This model takes an aspect ratio, not an explicit width and height',
      },
    ]);
  });
});
