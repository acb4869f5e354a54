import { priceOf } from '../prices';
import type { ParamSpec, ProviderModel } from '../provider';

/**
 * The curated Replicate catalogue: official models, run by owner/name (Replicate serves their
 * current version; the version a prediction actually ran is reported as a progress message).
 * Prices come from prices.ts.
 */

/** How each model's inputs are named and which of our fields it takes. */
export interface ReplicateInputMap {
  /** Sends `num_outputs` (otherwise one prediction makes one output). */
  numOutputs: boolean;
  /** Where the first reference image's URL goes, if the model takes one. */
  referenceField?: 'input_image' | 'first_frame_image';
  /** Sends `aspect_ratio`. */
  aspectRatio: boolean;
  /** Sends `seed`. */
  seed: boolean;
}

export interface ReplicateModel extends ProviderModel {
  input: ReplicateInputMap;
}

const ALL_FLUX_RATIOS = ['1:1', '16:9', '21:9', '3:2', '2:3', '4:5', '5:4', '3:4', '4:3', '9:16'];

const outputFormat = (choices: string[], fallback: string): ParamSpec => ({
  name: 'output_format',
  type: 'choice',
  description: 'File format of the image.',
  choices,
  default: fallback,
});

const safetyTolerance = (min: number, max: number): ParamSpec => ({
  name: 'safety_tolerance',
  type: 'integer',
  description: 'How permissive the content filter is (higher allows more).',
  min,
  max,
  default: 2,
});

const promptUpsampling: ParamSpec = {
  name: 'prompt_upsampling',
  type: 'boolean',
  description: 'Let the model rewrite the prompt with more detail.',
  default: false,
};

export const REPLICATE_MODELS: ReplicateModel[] = [
  {
    id: 'black-forest-labs/flux-schnell',
    name: 'FLUX.1 [schnell]',
    kind: 'IMAGE',
    description: 'Fast FLUX text-to-image model (1–4 steps); good for drafts.',
    capabilities: {
      count: { min: 1, max: 4 },
      aspectRatios: [...ALL_FLUX_RATIOS, '9:21'],
      referenceImages: 0,
      negativePrompt: false,
      seed: true,
      params: [
        outputFormat(['webp', 'jpg', 'png'], 'webp'),
        {
          name: 'num_inference_steps',
          type: 'integer',
          description: 'Denoising steps; fewer is faster.',
          min: 1,
          max: 4,
          default: 4,
        },
        {
          name: 'go_fast',
          type: 'boolean',
          description: 'Faster, lower-precision inference.',
          default: true,
        },
      ],
    },
    price: priceOf('replicate', 'black-forest-labs/flux-schnell'),
    version: 'black-forest-labs/flux-schnell (official, latest)',
    input: { numOutputs: true, aspectRatio: true, seed: true },
  },
  {
    id: 'black-forest-labs/flux-1.1-pro',
    name: 'FLUX1.1 [pro]',
    kind: 'IMAGE',
    description: 'High-quality FLUX text-to-image model with strong prompt following.',
    capabilities: {
      count: { min: 1, max: 1 },
      aspectRatios: ALL_FLUX_RATIOS.filter((ratio) => ratio !== '21:9'),
      referenceImages: 0,
      negativePrompt: false,
      seed: true,
      params: [
        outputFormat(['webp', 'jpg', 'png'], 'webp'),
        safetyTolerance(1, 6),
        promptUpsampling,
      ],
    },
    price: priceOf('replicate', 'black-forest-labs/flux-1.1-pro'),
    version: 'black-forest-labs/flux-1.1-pro (official, latest)',
    input: { numOutputs: false, aspectRatio: true, seed: true },
  },
  {
    id: 'black-forest-labs/flux-kontext-pro',
    name: 'FLUX.1 Kontext [pro]',
    kind: 'IMAGE',
    description: 'Edits a reference image from a text instruction, or draws from text alone.',
    capabilities: {
      count: { min: 1, max: 1 },
      aspectRatios: [...ALL_FLUX_RATIOS, '9:21', '2:1', '1:2'],
      referenceImages: 1,
      negativePrompt: false,
      seed: true,
      params: [
        outputFormat(['png', 'jpg'], 'png'),
        // Replicate caps it at 2 when an input image is given.
        safetyTolerance(0, 6),
        promptUpsampling,
        {
          name: 'match_input_image',
          type: 'boolean',
          description: 'With a reference image, keep its aspect ratio instead of the chosen one.',
          default: true,
        },
      ],
    },
    price: priceOf('replicate', 'black-forest-labs/flux-kontext-pro'),
    version: 'black-forest-labs/flux-kontext-pro (official, latest)',
    input: { numOutputs: false, referenceField: 'input_image', aspectRatio: true, seed: true },
  },
  {
    id: 'minimax/video-01',
    name: 'MiniMax Video-01 (Hailuo)',
    kind: 'VIDEO',
    description:
      'A 6-second 720p clip from text, or from a first-frame image (the clip then takes its ' +
      'aspect ratio).',
    capabilities: {
      count: { min: 1, max: 1 },
      aspectRatios: ['16:9'],
      durations: [6],
      referenceImages: 1,
      negativePrompt: false,
      seed: false,
      params: [
        {
          name: 'prompt_optimizer',
          type: 'boolean',
          description: 'Let MiniMax rewrite the prompt for better motion.',
          default: true,
        },
      ],
    },
    price: priceOf('replicate', 'minimax/video-01'),
    version: 'minimax/video-01 (official, latest)',
    input: {
      numOutputs: false,
      referenceField: 'first_frame_image',
      aspectRatio: false,
      seed: false,
    },
  },
];

/** The public catalogue, without the input mapping. */
export function replicateModels(): ProviderModel[] {
  return REPLICATE_MODELS.map(({ input: _input, ...model }) => structuredClone(model));
}

export function replicateModel(id: string): ReplicateModel | undefined {
  return REPLICATE_MODELS.find((model) => model.id === id);
}
