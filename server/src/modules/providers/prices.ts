import type { ModelPrice } from './provider';

/** One model's price, with the provider list price it derives from. */
export interface PriceEntry extends ModelPrice {
  /** The provider's list price behind `credits`, e.g. "US$0.04 per image". */
  basis: string;
}

/*
 * Every model's price, by provider id and model id, in one place so the catalogue, the docs
 * (docs/providers.md, "Prices", checked by prices.test.ts) and reviews see the same numbers.
 *
 * 1 credit ≈ US$0.01 of the provider's list price, rounded up. The pipeline charges one flat
 * price per model (per output, or per second of video per output), so each price covers the
 * dearest output a model can make:
 *   - OpenAI: quality is a model, not a param (a US$0.011 low image and a US$0.25 high one cannot
 *     share a price). Each is the image at its largest size (1536×1024), plus 2 partial images
 *     (100 output image tokens each at US$40 per 1M: US$0.008) and up to 4 references (~765
 *     input image tokens each at US$10 per 1M: US$0.031); the prompt is under US$0.001.
 *   - fal FLUX is priced per megapixel; our sizes are capped at 1024 px a side (≤ 1 MP).
 *   - Stability and Runway bill in their own credits, US$0.01 each: one of ours per one of theirs.
 */
export const PRICES = {
  local: {
    'local-image': { credits: 1, per: 'output', basis: 'none: drawn on this server' },
    'local-video': { credits: 1, per: 'second', basis: 'none: drawn on this server' },
  },
  openai: {
    'gpt-image-1': {
      credits: 11,
      per: 'output',
      basis: 'US$0.063 per medium 1536×1024 image, US$0.102 with previews and references',
    },
    'gpt-image-1-low': {
      credits: 6,
      per: 'output',
      basis: 'US$0.016 per low 1536×1024 image, US$0.055 with previews and references',
    },
    'gpt-image-1-high': {
      credits: 29,
      per: 'output',
      basis: 'US$0.25 per high 1536×1024 image, US$0.289 with previews and references',
    },
  },
  replicate: {
    'black-forest-labs/flux-schnell': { credits: 1, per: 'output', basis: 'US$0.003 per image' },
    'black-forest-labs/flux-1.1-pro': { credits: 4, per: 'output', basis: 'US$0.04 per image' },
    'black-forest-labs/flux-kontext-pro': { credits: 4, per: 'output', basis: 'US$0.04 per image' },
    'minimax/video-01': { credits: 50, per: 'output', basis: 'US$0.50 per 6-second clip' },
  },
  fal: {
    'fal-ai/flux/schnell': { credits: 1, per: 'output', basis: 'US$0.003 per megapixel' },
    'fal-ai/flux/dev': { credits: 3, per: 'output', basis: 'US$0.025 per megapixel' },
    'fal-ai/flux-pro/kontext': { credits: 4, per: 'output', basis: 'US$0.04 per image' },
    'fal-ai/kling-video/v2.1/standard/image-to-video': {
      credits: 5,
      per: 'second',
      basis: 'US$0.25 per 5-second clip',
    },
  },
  stability: {
    'stable-image-ultra': { credits: 8, per: 'output', basis: '8 Stability credits per image' },
    'stable-image-core': { credits: 3, per: 'output', basis: '3 Stability credits per image' },
    'sd3.5-large': { credits: 7, per: 'output', basis: '6.5 Stability credits per image' },
    'sd3.5-large-turbo': { credits: 4, per: 'output', basis: '4 Stability credits per image' },
    'sd3.5-medium': { credits: 4, per: 'output', basis: '3.5 Stability credits per image' },
  },
  google: {
    'imagen-4.0-generate-001': { credits: 4, per: 'output', basis: 'US$0.04 per image' },
    'imagen-4.0-ultra-generate-001': { credits: 6, per: 'output', basis: 'US$0.06 per image' },
    'imagen-4.0-fast-generate-001': { credits: 2, per: 'output', basis: 'US$0.02 per image' },
    'veo-3.0-generate-001': { credits: 40, per: 'second', basis: 'US$0.40 per second' },
    'veo-3.0-fast-generate-001': { credits: 15, per: 'second', basis: 'US$0.15 per second' },
  },
  runway: {
    gen4_turbo: { credits: 5, per: 'second', basis: '5 Runway credits per second' },
    'gen4.5': { credits: 12, per: 'second', basis: '12 Runway credits per second' },
  },
} as const satisfies Record<string, Record<string, PriceEntry>>;

export type PricedProvider = keyof typeof PRICES;

/**
 * A model's price from the table. Throws for a model without one: catalogues are built when the
 * providers are created, so a missing price stops the server at startup, not at a charge.
 */
export function priceOf(provider: PricedProvider, model: string): ModelPrice {
  const entry = (PRICES[provider] as Record<string, PriceEntry | undefined>)[model];
  if (!entry) throw new Error(`No price for ${provider} model ${model} in providers/prices.ts`);
  return { credits: entry.credits, per: entry.per };
}
