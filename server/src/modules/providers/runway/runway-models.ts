import { pixelSizes } from '../dimensions';
import { priceOf } from '../prices';
import type { ProviderModel } from '../provider';

export const GEN4_TURBO = 'gen4_turbo';
export const GEN4_5 = 'gen4.5';
/** The API version this adapter speaks (sent as X-Runway-Version). */
export const RUNWAY_API_VERSION = '2024-11-06';

/**
 * How a model is called: which endpoint, and the `ratio` Runway expects for each aspect ratio,
 * which is also the clip's size in pixels (width:height).
 */
export interface RunwayRoute {
  endpoint: 'image_to_video' | 'text_to_video';
  ratios: Record<string, string>;
}

export const ROUTES: Record<string, RunwayRoute> = {
  [GEN4_TURBO]: {
    endpoint: 'image_to_video',
    ratios: {
      '16:9': '1280:720',
      '9:16': '720:1280',
      '1:1': '960:960',
      '4:3': '1104:832',
      '3:4': '832:1104',
      '21:9': '1584:672',
    },
  },
  [GEN4_5]: {
    endpoint: 'text_to_video',
    ratios: { '16:9': '1280:720', '9:16': '720:1280' },
  },
};

export function runwayModels(): ProviderModel[] {
  return [
    {
      id: GEN4_TURBO,
      name: 'Gen-4 Turbo (image to video)',
      kind: 'VIDEO',
      description:
        'Runway’s fast Gen-4 model: animates one reference image (required, used as the first ' +
        'frame) into a 5 or 10 second 720p clip, guided by the prompt. No audio.',
      capabilities: {
        count: { min: 1, max: 1 },
        aspectRatios: Object.keys(ROUTES[GEN4_TURBO]!.ratios),
        sizes: pixelSizes(ROUTES[GEN4_TURBO]!.ratios),
        durations: [5, 10],
        referenceImages: 1,
        negativePrompt: false,
        seed: true,
      },
      price: priceOf('runway', GEN4_TURBO),
      version: `${GEN4_TURBO} (API ${RUNWAY_API_VERSION})`,
    },
    {
      id: GEN4_5,
      name: 'Gen-4.5 (text to video)',
      kind: 'VIDEO',
      description:
        'Runway’s Gen-4.5 model from the prompt alone: a 5 or 10 second 720p clip, landscape ' +
        'or portrait. No reference images, no audio.',
      capabilities: {
        count: { min: 1, max: 1 },
        aspectRatios: Object.keys(ROUTES[GEN4_5]!.ratios),
        sizes: pixelSizes(ROUTES[GEN4_5]!.ratios),
        durations: [5, 10],
        referenceImages: 0,
        negativePrompt: false,
        seed: true,
      },
      price: priceOf('runway', GEN4_5),
      version: `${GEN4_5} (API ${RUNWAY_API_VERSION})`,
    },
  ];
}
