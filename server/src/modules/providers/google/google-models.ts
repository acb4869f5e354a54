import { priceOf } from '../prices';
import type { PixelSize, ProviderModel } from '../provider';

/**
 * The pixels Imagen renders for each aspect ratio at its default image size (1K; the adapter
 * sends no `imageSize`), per Google's Imagen model pages. The first ratio is the default.
 */
export const IMAGEN_SIZES: Record<string, PixelSize> = {
  '1:1': { width: 1024, height: 1024 },
  '16:9': { width: 1408, height: 768 },
  '9:16': { width: 768, height: 1408 },
  '4:3': { width: 1280, height: 896 },
  '3:4': { width: 896, height: 1280 },
};

/** Veo 3 clips at its default 720p (the adapter sends no `resolution`). */
export const VEO_SIZES: Record<string, PixelSize> = {
  '16:9': { width: 1280, height: 720 },
  '9:16': { width: 720, height: 1280 },
};

const PERSON_GENERATION = {
  name: 'personGeneration',
  type: 'choice' as const,
  description: 'Whether people may appear: not at all, adults only, or anyone.',
  choices: ['dont_allow', 'allow_adult', 'allow_all'],
  default: 'allow_adult',
};

function imagen(id: string, name: string, description: string, maxCount: number): ProviderModel {
  return {
    id,
    name,
    kind: 'IMAGE',
    description,
    capabilities: {
      count: { min: 1, max: maxCount },
      aspectRatios: Object.keys(IMAGEN_SIZES),
      sizes: IMAGEN_SIZES,
      // Imagen on the Gemini API is text-to-image only, with no seed or negative prompt.
      referenceImages: 0,
      negativePrompt: false,
      seed: false,
      params: [PERSON_GENERATION],
    },
    price: priceOf('google', id),
    version: id,
  };
}

function veo(id: string, name: string, description: string): ProviderModel {
  return {
    id,
    name,
    kind: 'VIDEO',
    description,
    capabilities: {
      count: { min: 1, max: 1 },
      aspectRatios: Object.keys(VEO_SIZES),
      sizes: VEO_SIZES,
      // Veo 3 makes 8-second clips only.
      durations: [8],
      referenceImages: 1,
      negativePrompt: true,
      seed: false,
    },
    price: priceOf('google', id),
    version: id,
  };
}

export const GOOGLE_MODELS: ProviderModel[] = [
  imagen(
    'imagen-4.0-generate-001',
    'Imagen 4',
    'Google’s text-to-image model: detailed, good with text in images.',
    4,
  ),
  imagen(
    'imagen-4.0-ultra-generate-001',
    'Imagen 4 Ultra',
    'Imagen 4’s most prompt-faithful variant, one image per request.',
    1,
  ),
  imagen('imagen-4.0-fast-generate-001', 'Imagen 4 Fast', 'A quicker, cheaper Imagen 4.', 4),
  veo(
    'veo-3.0-generate-001',
    'Veo 3',
    'Google’s video model: 8-second 720p clips with generated sound, from text or a first frame.',
  ),
  veo(
    'veo-3.0-fast-generate-001',
    'Veo 3 Fast',
    'A quicker, cheaper Veo 3: 8-second clips with sound, from text or a first frame.',
  ),
];
