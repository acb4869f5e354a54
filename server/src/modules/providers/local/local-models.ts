import { priceOf } from '../prices';
import type { ParamSpec, ProviderModel } from '../provider';
import { STYLES } from './drawing';

export const LOCAL_IMAGE = 'local-image';
export const LOCAL_VIDEO = 'local-video';
export const DEFAULT_STEPS = 8;
export const MAX_STEPS = 20;
/** Failure knobs for pipeline tests; offered only by a provider created with allowSimulation. */
export const SIMULATIONS = ['transient-once', 'permanent', 'blocked', 'hang'] as const;
export type Simulation = (typeof SIMULATIONS)[number];

/**
 * The catalogue. Bump `version` whenever the drawing changes: the same inputs then draw a
 * different picture, and the version recorded on old generations says which drawing made them.
 */
export function localModels(options: { steps: number; allowSimulation: boolean }): ProviderModel[] {
  const params: ParamSpec[] = [
    {
      name: 'style',
      type: 'choice',
      description: 'What to draw: shapes, layered waves or a mosaic.',
      choices: [...STYLES],
      default: 'geometric',
    },
    {
      name: 'steps',
      type: 'integer',
      description: 'How many steps the picture forms in (each waits the server’s step time).',
      min: 1,
      max: MAX_STEPS,
      default: options.steps,
    },
  ];
  if (options.allowSimulation) {
    params.push({
      name: 'simulate',
      type: 'choice',
      description: 'Tests only: fail or hang on purpose after the first step.',
      choices: [...SIMULATIONS],
    });
  }
  return [
    {
      id: LOCAL_IMAGE,
      name: 'Built-in image',
      kind: 'IMAGE',
      description:
        'Abstract shapes, waves or a mosaic whose colours and layout come from the words of the ' +
        'prompt and the seed; no AI model. Reference images tint the colours; words of the ' +
        'negative prompt are left out of the prompt before it seeds the picture.',
      capabilities: {
        count: { min: 1, max: 4 },
        aspectRatios: ['1:1', '4:3', '3:4', '16:9', '9:16'],
        size: { min: 64, max: 2048, step: 8 },
        referenceImages: 2,
        negativePrompt: true,
        seed: true,
        params,
      },
      price: priceOf('local', LOCAL_IMAGE),
      version: 'local-1',
    },
    {
      id: LOCAL_VIDEO,
      name: 'Built-in clip',
      kind: 'VIDEO',
      description:
        'A short looping animated WebP (8 frames a second, at most 320 pixels on the long side) ' +
        'of abstract shapes in motion, from the words of the prompt and the seed; no AI model. ' +
        'A reference image tints the colours.',
      capabilities: {
        count: { min: 1, max: 2 },
        aspectRatios: ['16:9', '1:1', '9:16'],
        // Small on purpose: every frame is drawn on this server's CPU.
        size: { min: 64, max: 320, step: 8 },
        durations: [2, 4],
        referenceImages: 1,
        negativePrompt: false,
        seed: true,
        params,
      },
      price: priceOf('local', LOCAL_VIDEO),
      version: 'local-1',
    },
  ];
}
