/**
 * Server answers for the generation pages' tests, shaped as the aiofm server sends them (with
 * typenames, as the cache stores them). The catalogue matches the built-in generator's, plus a
 * provider that is not set up.
 */
import type { FormattedExecutionResult } from 'graphql';
import type { GenerationEventType, GenerationKind, GenerationStatus } from '../gql/graphql';

const params = [
  {
    __typename: 'ModelParam',
    name: 'style',
    type: 'choice',
    description: 'What to draw: shapes, layered waves or a mosaic.',
    min: null,
    max: null,
    choices: ['geometric', 'waves', 'mosaic'],
    default: 'geometric',
  },
  {
    __typename: 'ModelParam',
    name: 'steps',
    type: 'integer',
    description: 'How many steps the picture forms in.',
    min: 1,
    max: 20,
    choices: null,
    default: 8,
  },
];

export function catalogueResult(): FormattedExecutionResult {
  return {
    data: {
      providers: [
        {
          __typename: 'GenerationProviderInfo',
          id: 'local',
          name: 'Built-in generator',
          description: 'Draws on this server; no AI model.',
          enabled: true,
          models: [
            {
              __typename: 'GenerationModel',
              id: 'local-image',
              name: 'Built-in image',
              description: 'Abstract shapes from the words of the prompt.',
              kind: 'IMAGE',
              price: { __typename: 'ModelPrice', credits: 1, per: 'output' },
              capabilities: {
                __typename: 'ModelCapabilities',
                count: { __typename: 'CountRange', min: 1, max: 4 },
                aspectRatios: ['1:1', '4:3', '3:4', '16:9', '9:16'],
                size: { __typename: 'SizeRange', min: 64, max: 2048, step: 8 },
                fixedSizes: [],
                durations: null,
                referenceImages: 2,
                negativePrompt: true,
                seed: true,
                params,
              },
            },
            {
              __typename: 'GenerationModel',
              id: 'local-video',
              name: 'Built-in clip',
              description: 'A short looping animated WebP.',
              kind: 'VIDEO',
              price: { __typename: 'ModelPrice', credits: 1, per: 'second' },
              capabilities: {
                __typename: 'ModelCapabilities',
                count: { __typename: 'CountRange', min: 1, max: 2 },
                aspectRatios: ['16:9', '1:1', '9:16'],
                size: { __typename: 'SizeRange', min: 64, max: 320, step: 8 },
                fixedSizes: [],
                durations: [2, 4],
                referenceImages: 1,
                negativePrompt: false,
                seed: true,
                params,
              },
            },
          ],
        },
        {
          __typename: 'GenerationProviderInfo',
          id: 'acme',
          name: 'Acme Cloud',
          description: 'A hosted provider.',
          enabled: false,
          models: [
            {
              __typename: 'GenerationModel',
              id: 'acme-xl',
              name: 'Acme XL',
              description: 'Photographs.',
              kind: 'IMAGE',
              price: { __typename: 'ModelPrice', credits: 4, per: 'output' },
              capabilities: {
                __typename: 'ModelCapabilities',
                count: { __typename: 'CountRange', min: 1, max: 1 },
                aspectRatios: ['1:1'],
                size: null,
                fixedSizes: [],
                durations: null,
                referenceImages: 0,
                negativePrompt: false,
                seed: false,
                params: [],
              },
            },
          ],
        },
      ],
    },
  };
}

export function balanceResult(available: number): FormattedExecutionResult {
  return {
    data: {
      me: {
        __typename: 'User',
        id: 'user-1',
        credits: {
          __typename: 'CreditBalance',
          available,
          held: 0,
          subscription: 0,
          purchased: available,
          owed: 0,
        },
      },
    },
  };
}

export function estimateResult(credits: number, available: number): FormattedExecutionResult {
  return {
    data: {
      estimateGeneration: {
        __typename: 'GenerationEstimate',
        credits,
        available,
        affordable: credits <= available,
        shortfall: Math.max(0, credits - available),
      },
    },
  };
}

export function asset(id: string, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'Asset',
    id,
    url: `/files/${id}.webp?sig=1`,
    thumbnailUrl: `/files/${id}-thumb.webp?sig=1`,
    contentType: 'image/webp',
    width: 1024,
    height: 1024,
    durationSeconds: null,
    ...extra,
  };
}

const T0 = Date.UTC(2025, 10, 29, 12, 0, 0);

export function event(
  seq: number,
  type: GenerationEventType,
  status: GenerationStatus,
  progress = 0,
  message: string | null = null,
  assetId: string | null = null,
) {
  return {
    __typename: 'GenerationEvent',
    seq,
    type,
    status,
    progress,
    message,
    createdAt: new Date(T0 + seq * 1000).toISOString(),
    asset: assetId
      ? { __typename: 'Asset', id: assetId, url: `/files/${assetId}.webp?sig=1` }
      : null,
  };
}

/** What a generation was made from; by default only the form (no library). */
export function provenance(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'ProvenanceSnapshot',
    recipe: null,
    template: null,
    variables: {},
    basePrompt: 'A lighthouse at dawn',
    addedContext: null,
    rerunOf: null,
    characters: [],
    aiModel: null,
    references: [],
    ...overrides,
  };
}

/** A character or AI model as a generation's provenance keeps it. */
export function snapshot(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'LibrarySnapshot',
    id,
    name,
    description: `${name}, as described`,
    traits: [],
    tags: [],
    referenceHashes: [],
    ...overrides,
  };
}

/** A reference image as the library lists it (with its hash). */
export function libraryAsset(id: string) {
  return {
    __typename: 'Asset',
    id,
    sha256: `${id.replace(/\W/g, '')}`.padEnd(64, '0'),
    url: `/files/${id}.png?sig=1`,
    thumbnailUrl: `/files/${id}-thumb.webp?sig=1`,
  };
}

/** An AI model of the library, as the Generate page's pickers read it. */
export function libraryModel(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'AiModel',
    id,
    name,
    description: `${name}, as described`,
    tags: [],
    updatedAt: new Date(T0).toISOString(),
    cover: null,
    references: [],
    ...overrides,
  };
}

/** A character of the library, as the Generate page's pickers read it. */
export function libraryCharacter(
  id: string,
  name: string,
  overrides: Record<string, unknown> = {},
) {
  const references = (overrides.references as Array<{ id: string }> | undefined) ?? [];
  return {
    __typename: 'Character',
    id,
    name,
    description: `${name}, as described`,
    updatedAt: new Date(T0).toISOString(),
    traits: [],
    cover: references[0] ? libraryAsset(references[0].id) : null,
    references: [],
    aiModel: null,
    ...overrides,
  };
}

/** A list of characters or AI models as `characters` / `aiModels` answer. */
export function libraryConnection(
  field: 'characters' | 'aiModels',
  nodes: Array<{ id: string }>,
  hasNextPage = false,
) {
  const type = field === 'characters' ? 'Character' : 'AiModel';
  return {
    data: {
      [field]: {
        __typename: `${type}Connection`,
        edges: nodes.map((node) => ({ __typename: `${type}Edge`, cursor: `c-${node.id}`, node })),
        pageInfo: {
          __typename: 'PageInfo',
          hasNextPage,
          endCursor: nodes.length ? `c-${nodes[nodes.length - 1]!.id}` : null,
        },
      },
    },
  };
}

/** A generation as `generation(id)` and `startGeneration` return it. */
export function generation(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Generation',
    id: 'gen-1',
    status: 'QUEUED',
    progress: 0,
    kind: 'IMAGE',
    provider: 'local',
    model: 'local-image',
    modelVersion: 'local-1',
    prompt: 'A lighthouse at dawn',
    negativePrompt: null,
    params: { style: 'geometric', steps: 8 },
    seed: 1234,
    count: 1,
    width: 1024,
    height: 1024,
    aspectRatio: '1:1',
    durationSeconds: null,
    costCredits: 1,
    lastSeq: 1,
    attempts: 0,
    error: null,
    outputs: [],
    previews: [],
    references: [],
    createdAt: new Date(T0).toISOString(),
    startedAt: null,
    finishedAt: null,
    events: [event(1, 'CREATED', 'QUEUED', 0, 'Queued: 1 × Built-in image, 1 credit held')],
    provenance: provenance(),
    recipe: null,
    recipeVersion: null,
    template: null,
    characters: [],
    aiModel: null,
    ...overrides,
  };
}

/** A generation as the History cards (and myGenerationUpdates) carry it. */
export function card(id: string, overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Generation',
    id,
    status: 'SUCCEEDED' as GenerationStatus,
    progress: 1,
    kind: 'IMAGE' as GenerationKind,
    provider: 'local',
    model: 'local-image',
    prompt: `Prompt of ${id}`,
    count: 1,
    costCredits: 1,
    lastSeq: 12,
    createdAt: new Date(T0 - Number(id.replace(/\D/g, '') || 0) * 60_000).toISOString(),
    finishedAt: new Date(T0).toISOString(),
    outputs: [asset(`out-${id}`)],
    previews: [],
    provenance: { __typename: 'ProvenanceSnapshot', recipe: null, characters: [] },
    ...overrides,
  };
}

export function connection(nodes: ReturnType<typeof card>[], hasNextPage = false) {
  return {
    data: {
      generations: {
        __typename: 'GenerationConnection',
        edges: nodes.map((node) => ({
          __typename: 'GenerationEdge',
          cursor: `c-${node.id}`,
          node,
        })),
        pageInfo: {
          __typename: 'PageInfo',
          hasNextPage,
          endCursor: nodes.length ? `c-${nodes[nodes.length - 1]!.id}` : null,
        },
      },
    },
  };
}
