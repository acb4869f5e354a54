/**
 * Server answers for the recipe pages' tests, shaped as the aiofm server sends them (with
 * typenames, as the cache stores them).
 */
import type { FormattedExecutionResult } from 'graphql';

const T0 = Date.UTC(2025, 10, 29, 12, 0, 0);

export const PLACE = {
  __typename: 'TemplateVariable',
  name: 'place',
  type: 'TEXT',
  label: 'Place',
  defaultValue: null,
  required: true,
  choices: [],
};

export const STYLE = {
  __typename: 'TemplateVariable',
  name: 'style',
  type: 'CHOICE',
  label: 'Style',
  defaultValue: 'watercolour',
  required: false,
  choices: ['oil', 'watercolour'],
};

export const TEMPLATE_BODY = 'A portrait of {{character.name}} in {{place}}, {{style}} style';

/** A template as `promptTemplate(id)` and the template list return it. */
export function promptTemplate(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'PromptTemplate',
    id: 'tpl-1',
    name: 'Portrait',
    body: TEMPLATE_BODY,
    variables: [PLACE, STYLE],
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    ...overrides,
  };
}

/** One version of a recipe, with every field the recipe page reads. */
export function recipeVersion(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'RecipeVersion',
    id: 'rv-2',
    version: 2,
    kind: 'IMAGE',
    provider: 'local',
    model: 'local-image',
    note: 'Two at a time',
    createdAt: new Date(T0 + 60_000).toISOString(),
    variables: { place: 'Lisbon' },
    settings: {
      __typename: 'RecipeSettings',
      prompt: null,
      negativePrompt: null,
      count: 2,
      aspectRatio: '1:1',
      width: null,
      height: null,
      durationSeconds: null,
      seed: null,
      params: { style: 'waves', steps: 8 },
    },
    template: {
      __typename: 'TemplateSnapshot',
      name: 'Portrait',
      body: TEMPLATE_BODY,
      variables: [PLACE, STYLE],
    },
    sourceTemplate: {
      __typename: 'PromptTemplate',
      id: 'tpl-1',
      name: 'Portrait',
      body: TEMPLATE_BODY,
      variables: [PLACE, STYLE],
    },
    characters: [{ __typename: 'Character', id: 'char-1', name: 'Mira', aiModel: null }],
    aiModel: null,
    references: [],
    ...overrides,
  };
}

/** The older version 1 of the same recipe. */
export function firstVersion(overrides: Record<string, unknown> = {}) {
  return recipeVersion({
    id: 'rv-1',
    version: 1,
    note: null,
    createdAt: new Date(T0).toISOString(),
    settings: { ...recipeVersion().settings, count: 1 },
    ...overrides,
  });
}

function versionEntry(version: ReturnType<typeof recipeVersion>) {
  return {
    __typename: 'RecipeVersion',
    id: version.id,
    version: version.version,
    note: version.note,
    createdAt: version.createdAt,
    provider: version.provider,
    model: version.model,
  };
}

/** A recipe as `recipe(id)` returns it: its latest version in full and the list of versions. */
export function recipe(
  latest = recipeVersion(),
  older: Array<ReturnType<typeof recipeVersion>> = [firstVersion()],
  overrides: Record<string, unknown> = {},
) {
  return {
    __typename: 'Recipe',
    id: 'recipe-1',
    name: 'Mira in the city',
    description: 'Portraits on the street',
    latestVersionNumber: latest.version,
    createdAt: new Date(T0).toISOString(),
    updatedAt: latest.createdAt,
    latestVersion: latest,
    versions: [latest, ...older].map(versionEntry),
    ...overrides,
  };
}

export function recipeResult(value = recipe()): FormattedExecutionResult {
  return { data: { recipe: value } };
}

export function versionResult(version = firstVersion()): FormattedExecutionResult {
  return { data: { recipe: { __typename: 'Recipe', id: 'recipe-1', version } } };
}

export function personasResult(): FormattedExecutionResult {
  return {
    data: {
      characters: {
        __typename: 'CharacterConnection',
        edges: [
          {
            __typename: 'CharacterEdge',
            node: {
              __typename: 'Character',
              id: 'char-1',
              name: 'Mira',
              traits: [],
              aiModel: { __typename: 'AiModel', id: 'model-1' },
            },
          },
          {
            __typename: 'CharacterEdge',
            node: {
              __typename: 'Character',
              id: 'char-2',
              name: 'Teo',
              traits: [],
              aiModel: null,
            },
          },
        ],
      },
      aiModels: {
        __typename: 'AiModelConnection',
        edges: [
          {
            __typename: 'AiModelEdge',
            node: { __typename: 'AiModel', id: 'model-1', name: 'Noir Studio', tags: [] },
          },
        ],
      },
    },
  };
}

export function templatesResult(): FormattedExecutionResult {
  return {
    data: {
      promptTemplates: {
        __typename: 'PromptTemplateConnection',
        edges: [{ __typename: 'PromptTemplateEdge', cursor: 'c-1', node: promptTemplate() }],
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c-1' },
      },
    },
  };
}

/** A rendered prompt: the body with the given values (a stand-in for the server's rendering). */
export function renderResult(
  prompt: string,
  fieldErrors: Array<{ field: string; message: string }> = [],
): FormattedExecutionResult {
  return {
    data: {
      renderPromptTemplate: {
        __typename: 'RenderedPrompt',
        prompt,
        complete: fieldErrors.length === 0,
        values: {},
        fieldErrors: fieldErrors.map((problem) => ({ __typename: 'FieldProblem', ...problem })),
      },
    },
  };
}
