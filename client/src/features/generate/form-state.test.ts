import type { GenerationCatalogQuery, GenerationDetailFragment } from '../../gql/graphql';
import { catalogueResult, generation } from '../../testing/generation-fixtures';
import {
  paramsInput,
  requestInput,
  sizeFor,
  valuesForModel,
  valuesFromGeneration,
} from './form-state';

const providers = (catalogueResult().data as GenerationCatalogQuery).providers;
const local = providers[0]!;
const image = local.models[0]!;
const video = local.models[1]!;

describe('sizeFor', () => {
  it('works out the size as the server does: long side 1024 within the range, on the step', () => {
    expect(sizeFor(image.capabilities, '1:1')).toEqual({ width: 1024, height: 1024 });
    expect(sizeFor(image.capabilities, '16:9')).toEqual({ width: 1024, height: 576 });
    expect(sizeFor(image.capabilities, '9:16')).toEqual({ width: 576, height: 1024 });
    expect(sizeFor(video.capabilities, '16:9')).toEqual({ width: 320, height: 184 });
    expect(sizeFor({ size: null }, '4:3')).toEqual({ width: 1024, height: 768 });
    expect(sizeFor(image.capabilities, 'wide')).toBeNull();
  });

  it('gives the size a model renders for a ratio when it has a fixed one', () => {
    const fixed = {
      size: null,
      fixedSizes: [{ aspectRatio: '3:2', width: 1536, height: 1024 }],
    };
    expect(sizeFor(fixed, '3:2')).toEqual({ width: 1536, height: 1024 });
    expect(sizeFor(fixed, '1:1')).toEqual({ width: 1024, height: 1024 });
  });
});

describe('requestInput', () => {
  it('sends only what the model takes', () => {
    const values = {
      ...valuesForModel(local, video),
      prompt: ' Waves ',
      negativePrompt: 'fog',
      seed: '',
      durationSeconds: 4,
      count: 2,
    };
    expect(requestInput(video, values, ['ref-1'])).toEqual({
      kind: 'VIDEO',
      provider: 'local',
      model: 'local-video',
      prompt: 'Waves',
      count: 2,
      aspectRatio: '16:9',
      durationSeconds: 4,
      referenceAssetIds: ['ref-1'],
      params: { style: 'geometric', steps: 8 },
    });
  });

  it('sends width and height instead of the ratio with a custom size', () => {
    const values = { ...valuesForModel(local, image), customSize: true, width: '512', height: '' };
    const input = requestInput(image, values, []);
    expect(input).toMatchObject({ width: 512, height: null });
    expect(input.aspectRatio).toBeUndefined();
  });

  it('types parameters from their controls and leaves empty ones to the model', () => {
    expect(
      paramsInput(
        [
          {
            name: 'a',
            type: 'number',
            description: '',
            min: null,
            max: null,
            choices: null,
            default: null,
          },
          {
            name: 'b',
            type: 'boolean',
            description: '',
            min: null,
            max: null,
            choices: null,
            default: null,
          },
          {
            name: 'c',
            type: 'string',
            description: '',
            min: null,
            max: null,
            choices: null,
            default: null,
          },
          {
            name: 'd',
            type: 'choice',
            description: '',
            min: null,
            max: null,
            choices: ['x'],
            default: null,
          },
        ],
        { a: '1.5', b: false, c: '', d: 'x' },
      ),
    ).toEqual({ a: 1.5, b: false, d: 'x' });
  });
});

describe('valuesFromGeneration', () => {
  it('uses the aspect ratio when it gave the size, else a custom size', () => {
    const fromRatio = valuesFromGeneration(
      providers,
      generation({ aspectRatio: '16:9', width: 1024, height: 576 }) as GenerationDetailFragment,
    );
    expect(fromRatio).toMatchObject({ aspectRatio: '16:9', customSize: false, seed: '1234' });

    const custom = valuesFromGeneration(
      providers,
      generation({ aspectRatio: '1:1', width: 512, height: 512 }) as GenerationDetailFragment,
    );
    expect(custom).toMatchObject({ customSize: true, width: '512', height: '512' });
  });

  it('gives up on a model that is no longer offered', () => {
    expect(
      valuesFromGeneration(providers, generation({ model: 'gone' }) as GenerationDetailFragment),
    ).toBeNull();
  });
});
