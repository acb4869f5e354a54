import { priceOf } from '../prices';
import type { ParamSpec, ProviderModel } from '../provider';

/** Which Stable Image endpoint a model is served by, and the `model` field sd3 needs. */
export interface StabilityRoute {
  endpoint: 'ultra' | 'core' | 'sd3';
  model?: string;
}

/** The aspect ratios every Stable Image generate endpoint accepts (the first is the default). */
const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '3:2', '2:3', '4:5', '5:4', '21:9', '9:21'];

/** Stability's seed range (0 .. 4294967294); ours (0 .. 2^31 - 1) fits inside it. */
export const STABILITY_MAX_SEED = 4_294_967_294;

const STRENGTH: ParamSpec = {
  name: 'strength',
  type: 'number',
  description:
    'With a reference image: how far the result may move away from it (0 keeps it, 1 ignores it).',
  min: 0,
  max: 1,
  default: 0.6,
};

const STYLE_PRESET: ParamSpec = {
  name: 'style_preset',
  type: 'choice',
  description: 'A style the model leans towards.',
  choices: [
    '3d-model',
    'analog-film',
    'anime',
    'cinematic',
    'comic-book',
    'digital-art',
    'enhance',
    'fantasy-art',
    'isometric',
    'line-art',
    'low-poly',
    'modeling-compound',
    'neon-punk',
    'origami',
    'photographic',
    'pixel-art',
    'tile-texture',
  ],
};

function still(
  id: string,
  name: string,
  description: string,
  options: { references: boolean; negativePrompt: boolean; params: ParamSpec[] },
): ProviderModel {
  return {
    id,
    name,
    kind: 'IMAGE',
    description,
    capabilities: {
      // One image per request; several are made one after another.
      count: { min: 1, max: 4 },
      aspectRatios: ASPECT_RATIOS,
      referenceImages: options.references ? 1 : 0,
      negativePrompt: options.negativePrompt,
      seed: true,
      params: options.params,
    },
    price: priceOf('stability', id),
    version: id,
  };
}

export const STABILITY_MODELS: ProviderModel[] = [
  still(
    'stable-image-ultra',
    'Stable Image Ultra',
    'Stability’s highest-quality photorealistic model, about 1 megapixel. A reference image ' +
      'turns it into image-to-image.',
    { references: true, negativePrompt: true, params: [STRENGTH] },
  ),
  still(
    'stable-image-core',
    'Stable Image Core',
    'Fast, inexpensive text-to-image at about 1.5 megapixels, with optional style presets.',
    { references: false, negativePrompt: true, params: [STYLE_PRESET] },
  ),
  still(
    'sd3.5-large',
    'Stable Diffusion 3.5 Large',
    'The 8-billion-parameter SD 3.5 model at 1 megapixel; takes a reference image.',
    { references: true, negativePrompt: true, params: [STRENGTH] },
  ),
  still(
    'sd3.5-large-turbo',
    'Stable Diffusion 3.5 Large Turbo',
    'A distilled SD 3.5 Large: fewer steps, faster and cheaper. Ignores negative prompts.',
    { references: true, negativePrompt: false, params: [STRENGTH] },
  ),
  still(
    'sd3.5-medium',
    'Stable Diffusion 3.5 Medium',
    'The 2.5-billion-parameter SD 3.5 model: quick and inexpensive; takes a reference image.',
    { references: true, negativePrompt: true, params: [STRENGTH] },
  ),
];

/** Where each of our model ids is sent. */
export const STABILITY_ROUTES: Record<string, StabilityRoute> = {
  'stable-image-ultra': { endpoint: 'ultra' },
  'stable-image-core': { endpoint: 'core' },
  'sd3.5-large': { endpoint: 'sd3', model: 'sd3.5-large' },
  'sd3.5-large-turbo': { endpoint: 'sd3', model: 'sd3.5-large-turbo' },
  'sd3.5-medium': { endpoint: 'sd3', model: 'sd3.5-medium' },
};
