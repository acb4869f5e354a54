/**
 * Server answers for the library pages' tests (characters, AI models), shaped as the aiofm
 * server sends them, with typenames as the cache stores them.
 */
import type { FormattedExecutionResult } from 'graphql';

export function image(id: string) {
  return {
    __typename: 'Asset',
    id,
    url: `/files/${id}.png?sig=1`,
    thumbnailUrl: `/files/${id}-thumb.webp?sig=1`,
    width: 64,
    height: 64,
  };
}

interface CharacterOverrides {
  name?: string;
  description?: string;
  traits?: Array<{ name: string; value: string }>;
  aiModel?: { id: string; name: string } | null;
  references?: string[];
  cover?: string | null;
}

export function character(id: string, overrides: CharacterOverrides = {}) {
  const references = (overrides.references ?? []).map(image);
  const coverId = overrides.cover === undefined ? (references[0]?.id ?? null) : overrides.cover;
  return {
    __typename: 'Character',
    id,
    name: overrides.name ?? `Character ${id}`,
    description: overrides.description ?? '',
    traits: (overrides.traits ?? []).map((trait) => ({ __typename: 'CharacterTrait', ...trait })),
    aiModel: overrides.aiModel ? { __typename: 'AiModel', ...overrides.aiModel } : null,
    cover: coverId ? image(coverId) : null,
    references,
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-03T10:00:00.000Z',
  };
}

interface AiModelOverrides {
  name?: string;
  description?: string;
  tags?: string[];
  references?: string[];
  characters?: Array<{ id: string; name: string }>;
}

export function aiModel(id: string, overrides: AiModelOverrides = {}) {
  const references = (overrides.references ?? []).map(image);
  return {
    __typename: 'AiModel',
    id,
    name: overrides.name ?? `Model ${id}`,
    description: overrides.description ?? '',
    tags: overrides.tags ?? [],
    cover: references[0] ?? null,
    references,
    characters: (overrides.characters ?? []).map((entry) => ({
      __typename: 'Character',
      description: '',
      cover: null,
      ...entry,
    })),
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-03T10:00:00.000Z',
  };
}

/** A page of a connection under `field`, with cursors `c:<id>`. */
export function page(
  field: string,
  typename: string,
  nodes: ReadonlyArray<{ id: string; [field: string]: unknown }>,
  next: string | null = null,
): FormattedExecutionResult {
  return {
    data: {
      [field]: {
        __typename: `${typename}Connection`,
        edges: nodes.map((node) => ({
          __typename: `${typename}Edge`,
          cursor: `c:${node.id}`,
          node,
        })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: next !== null, endCursor: next },
      },
    },
  };
}
