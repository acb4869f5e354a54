import type { ProviderModel } from '../provider';

/*
 * Prices: Google's Gemini API list prices, 1 of our credits per US$0.01, rounded up.
 * Imagen 4 Fast $0.02, Imagen 4 $0.04, Imagen 4 Ultra $0.06 per image;
 * Veo 3 $0.40 and Veo 3 Fast $0.15 per second of video (with audio).
 */

const PERSON_GENERATION = {
  name: 'personGeneration',
  type: 'choice' as const,
  description: 'Whether people may appear: not at all, adults only, or anyone.',
  choices: ['dont_allow', 'allow_adult', 'allow_all'],
  default: 'allow_adult',
};

function imagen(
  id: string,
  name: string,
  description: string,
  credits: number,
  maxCount: number,
): ProviderModel {
  return {
    id,
    name,
    kind: 'IMAGE',
    description,
    capabilities: {
      count: { min: 1, max: maxCount },
      aspectRatios: ['1:1', '16:9', '9:16', '4:3', '3:4'],
      // Imagen on the Gemini API is text-to-image only, with no seed or negative prompt.
      referenceImages: 0,
      negativePrompt: false,
      seed: false,
      params: [PERSON_GENERATION],
    },
    price: { credits, per: 'output' },
    version: id,
  };
}

function veo(id: string, name: string, description: string, credits: number): ProviderModel {
  return {
    id,
    name,
    kind: 'VIDEO',
    description,
    capabilities: {
      count: { min: 1, max: 1 },
      aspectRatios: ['16:9', '9:16'],
      // Veo 3 makes 8-second clips only.
      durations: [8],
      referenceImages: 1,
      negativePrompt: true,
      seed: false,
    },
    price: { credits, per: 'second' },
    version: id,
  };
}

export const GOOGLE_MODELS: ProviderModel[] = [
  imagen(
    'imagen-4.0-generate-001',
    'Imagen 4',
    'Google’s text-to-image model: detailed, good with text in images.',
    4,
    4,
  ),
  imagen(
    'imagen-4.0-ultra-generate-001',
    'Imagen 4 Ultra',
    'Imagen 4’s most prompt-faithful variant, one image per request.',
    6,
    1,
  ),
  imagen('imagen-4.0-fast-generate-001', 'Imagen 4 Fast', 'A quicker, cheaper Imagen 4.', 2, 4),
  veo(
    'veo-3.0-generate-001',
    'Veo 3',
    'Google’s video model: 8-second 720p clips with generated sound, from text or a first frame.',
    40,
  ),
  veo(
    'veo-3.0-fast-generate-001',
    'Veo 3 Fast',
    'A quicker, cheaper Veo 3: 8-second clips with sound, from text or a first frame.',
    15,
  ),
];
