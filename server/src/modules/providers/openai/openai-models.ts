import { pixelSizes } from '../dimensions';
import { priceOf } from '../prices';
import type { ProviderModel } from '../provider';

/** The API model every catalogue entry runs; recorded as the version for provenance. */
export const OPENAI_IMAGE_MODEL = 'gpt-image-1';
export type OpenAIQuality = 'low' | 'medium' | 'high';

/** Our aspect ratios → the only sizes gpt-image-1 renders (sent as `size`, recorded as pixels). */
export const OPENAI_SIZES: Record<string, string> = {
  '1:1': '1024x1024',
  '3:2': '1536x1024',
  '2:3': '1024x1536',
};

/** Partial images streamed per output as previews (the API allows 0–3). */
export const PARTIAL_IMAGES = 2;
export const MAX_REFERENCES = 4;

/** Quality is a model, not a param: the pipeline charges one flat price per model (prices.ts). */
const TIERS: Array<{ id: string; quality: OpenAIQuality; name: string; blurb: string }> = [
  {
    id: 'gpt-image-1',
    quality: 'medium',
    name: 'GPT Image 1',
    blurb: 'medium quality: the everyday setting',
  },
  {
    id: 'gpt-image-1-low',
    quality: 'low',
    name: 'GPT Image 1 (low quality)',
    blurb: 'low quality: fastest and cheapest, for drafts',
  },
  {
    id: 'gpt-image-1-high',
    quality: 'high',
    name: 'GPT Image 1 (high quality)',
    blurb: 'high quality: the most detail, slowest and dearest',
  },
];

export function openaiModels(): ProviderModel[] {
  return TIERS.map((tier) => ({
    id: tier.id,
    name: tier.name,
    kind: 'IMAGE',
    description:
      `OpenAI's GPT Image model at ${tier.blurb}. Renders 1024×1024, 1536×1024 or 1024×1536; ` +
      'with reference images it edits or combines them following the prompt. No seed or ' +
      'negative prompt.',
    capabilities: {
      count: { min: 1, max: 4 },
      aspectRatios: Object.keys(OPENAI_SIZES),
      sizes: pixelSizes(OPENAI_SIZES),
      referenceImages: MAX_REFERENCES,
      negativePrompt: false,
      seed: false,
    },
    price: priceOf('openai', tier.id),
    version: OPENAI_IMAGE_MODEL,
  }));
}

/** The quality a catalogue model id stands for. */
export function qualityOf(modelId: string): OpenAIQuality | undefined {
  return TIERS.find((tier) => tier.id === modelId)?.quality;
}
