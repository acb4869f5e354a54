import { priceOf } from '../prices';
import type { ParamSpec, ProviderModel } from '../provider';

/**
 * The curated fal catalogue. fal serves each endpoint id at its current deployment, so `version`
 * names the endpoint; fal does not expose a finer version through the queue API. Prices come
 * from prices.ts; FLUX sizes are capped at 1024 px a side (≤ 1 MP) so that fal's per-megapixel
 * price fits one price per image.
 */

/** How our request fields map onto each endpoint's input schema. */
export interface FalInputMap {
  /** `image_size: { width, height }` (custom sizes) or `aspect_ratio` (an enum), or neither. */
  size: 'image_size' | 'aspect_ratio' | 'none';
  /** Sends `num_images`. */
  numImages: boolean;
  /** The first reference image goes to `image_url`; `required` models refuse to run without. */
  reference?: { required: boolean };
  seed: boolean;
  negativePrompt: boolean;
  /** Sends `duration` as the string of whole seconds ("5", "10"). */
  duration: boolean;
  /** Sends `enable_safety_checker: true`, so flagged images come back marked in has_nsfw_concepts. */
  safetyChecker: boolean;
  /** Where the outputs are in the result. */
  output: 'images' | 'video';
}

export interface FalModel extends ProviderModel {
  input: FalInputMap;
}

const FLUX_RATIOS = ['1:1', '4:3', '3:4', '16:9', '9:16'];
const KONTEXT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21'];

const steps = (max: number, fallback: number): ParamSpec => ({
  name: 'num_inference_steps',
  type: 'integer',
  description: 'Denoising steps: more is slower and usually more detailed.',
  min: 1,
  max,
  default: fallback,
});

const guidance: ParamSpec = {
  name: 'guidance_scale',
  type: 'number',
  description: 'How closely the image follows the prompt.',
  min: 1,
  max: 20,
  default: 3.5,
};

export const FAL_MODELS: FalModel[] = [
  {
    id: 'fal-ai/flux/schnell',
    name: 'FLUX.1 [schnell]',
    kind: 'IMAGE',
    description: 'Fast FLUX text-to-image model (a few steps); good for drafts.',
    capabilities: {
      count: { min: 1, max: 4 },
      aspectRatios: FLUX_RATIOS,
      size: { min: 256, max: 1024, step: 16 },
      referenceImages: 0,
      negativePrompt: false,
      seed: true,
      params: [steps(12, 4)],
    },
    price: priceOf('fal', 'fal-ai/flux/schnell'),
    version: 'fal-ai/flux/schnell (fal endpoint, current deployment)',
    input: {
      size: 'image_size',
      numImages: true,
      seed: true,
      negativePrompt: false,
      duration: false,
      safetyChecker: true,
      output: 'images',
    },
  },
  {
    id: 'fal-ai/flux/dev',
    name: 'FLUX.1 [dev]',
    kind: 'IMAGE',
    description: 'FLUX text-to-image model with more steps and prompt guidance; higher quality.',
    capabilities: {
      count: { min: 1, max: 4 },
      aspectRatios: FLUX_RATIOS,
      size: { min: 256, max: 1024, step: 16 },
      referenceImages: 0,
      negativePrompt: false,
      seed: true,
      params: [steps(50, 28), guidance],
    },
    price: priceOf('fal', 'fal-ai/flux/dev'),
    version: 'fal-ai/flux/dev (fal endpoint, current deployment)',
    input: {
      size: 'image_size',
      numImages: true,
      seed: true,
      negativePrompt: false,
      duration: false,
      safetyChecker: true,
      output: 'images',
    },
  },
  {
    id: 'fal-ai/flux-pro/kontext',
    name: 'FLUX.1 Kontext [pro]',
    kind: 'IMAGE',
    description:
      'Edits a reference image by instruction (“make it night”, “add a red hat”); needs one ' +
      'reference image.',
    capabilities: {
      count: { min: 1, max: 4 },
      aspectRatios: KONTEXT_RATIOS,
      referenceImages: 1,
      negativePrompt: false,
      seed: true,
      params: [
        guidance,
        {
          name: 'safety_tolerance',
          type: 'choice',
          description: 'How permissive the content filter is (1 strictest, 5 most permissive).',
          choices: ['1', '2', '3', '4', '5'],
          default: '2',
        },
      ],
    },
    price: priceOf('fal', 'fal-ai/flux-pro/kontext'),
    version: 'fal-ai/flux-pro/kontext (fal endpoint, current deployment)',
    input: {
      size: 'aspect_ratio',
      numImages: true,
      reference: { required: true },
      seed: true,
      negativePrompt: false,
      duration: false,
      safetyChecker: false,
      output: 'images',
    },
  },
  {
    id: 'fal-ai/kling-video/v2.1/standard/image-to-video',
    name: 'Kling 2.1 Standard (image to video)',
    kind: 'VIDEO',
    description:
      'A 5- or 10-second 720p clip that animates a reference image as the prompt describes ' +
      '(the clip takes the image’s aspect ratio); needs one reference image.',
    capabilities: {
      count: { min: 1, max: 1 },
      aspectRatios: ['16:9'],
      durations: [5, 10],
      referenceImages: 1,
      negativePrompt: true,
      seed: false,
      params: [
        {
          name: 'cfg_scale',
          type: 'number',
          description: 'How closely the clip follows the prompt (0 loosely, 1 strictly).',
          min: 0,
          max: 1,
          default: 0.5,
        },
      ],
    },
    price: priceOf('fal', 'fal-ai/kling-video/v2.1/standard/image-to-video'),
    version: 'fal-ai/kling-video/v2.1/standard/image-to-video (fal endpoint)',
    input: {
      size: 'none',
      numImages: false,
      reference: { required: true },
      seed: false,
      negativePrompt: true,
      duration: true,
      safetyChecker: false,
      output: 'video',
    },
  },
];

/** The public catalogue, without the input mapping. */
export function falModels(): ProviderModel[] {
  return FAL_MODELS.map(({ input: _input, ...model }) => structuredClone(model));
}
