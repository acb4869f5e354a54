import type {
  GenerationRequestInput,
  GenerationSettingsInput,
  RecipeVersionFieldsFragment,
} from '../../../gql/graphql';
import { readApiError } from '../../account/api-errors';
import type { Model } from '../../generate/form-state';
import { startProblems } from '../../generate/start-errors';

type Version = Pick<
  RecipeVersionFieldsFragment,
  'version' | 'settings' | 'variables' | 'template' | 'characters' | 'aiModel'
>;

/** What the run panel lets a person change for one run; it starts as the recipe says. */
export interface RunValues {
  /** Values of the template's variables, prefilled with the recipe's. */
  variables: Record<string, string>;
  characterIds: string[];
  /** '' for none (then the first character's AI model, if it has one). */
  aiModelId: string;
  count: number;
  /** '' keeps the recipe's seed (or a random one when it has none). */
  seed: string;
  /** '' keeps the recipe's size. */
  aspectRatio: string;
}

/** The fields of the run panel a message can sit under. */
export type RunField =
  'characters' | 'aiModel' | 'count' | 'seed' | 'aspectRatio' | `variables.${string}`;

export interface RunProblems {
  fields: Partial<Record<RunField, string>>;
  form: string | null;
  /** The form message is about credits: it comes with a link to the Credits page. */
  aboutCredits: boolean;
}

export const NO_RUN_PROBLEMS: RunProblems = { fields: {}, form: null, aboutCredits: false };

/** The recipe's own value of each of its template's variables ('' where it has none). */
export function recipeValues(version: Version): Record<string, string> {
  const values: Record<string, string> = {};
  for (const variable of version.template?.variables ?? []) {
    const value = version.variables[variable.name];
    values[variable.name] = value === undefined || value === null ? '' : String(value);
  }
  return values;
}

/** The count the recipe makes: its own, or the model's smallest. */
export function recipeCount(version: Version, model: Model | null): number {
  return version.settings.count ?? model?.capabilities.count.min ?? 1;
}

/** The run panel as it opens: everything as the recipe version says. */
export function initialRunValues(version: Version, model: Model | null): RunValues {
  return {
    variables: recipeValues(version),
    characterIds: version.characters.map((character) => character.id),
    aiModelId: version.aiModel?.id ?? '',
    count: recipeCount(version, model),
    seed: '',
    aspectRatio: '',
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** A whole number typed as the seed, or null. */
function typedSeed(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isInteger(value) ? value : null;
}

/**
 * What only this run changes, as overrides of the recipe's settings: another count, seed or
 * aspect ratio. Empty when the run is as the recipe says.
 */
export function runOverrides(
  version: Version,
  model: Model | null,
  values: RunValues,
): GenerationSettingsInput {
  const overrides: GenerationSettingsInput = {};
  if (values.count !== recipeCount(version, model)) overrides.count = values.count;
  const seed = typedSeed(values.seed);
  if (seed !== null && seed !== version.settings.seed) overrides.seed = seed;
  if (values.aspectRatio && values.aspectRatio !== version.settings.aspectRatio) {
    overrides.aspectRatio = values.aspectRatio;
  }
  return overrides;
}

/**
 * The request of a run: the recipe and its version, and only what differs from it — variable
 * values (an emptied one as '', which leaves it to the template's default), the characters (an
 * empty list for none), another AI model, and the overrides.
 */
export function runRequest(
  recipeId: string,
  version: Version,
  model: Model | null,
  values: RunValues,
): GenerationRequestInput {
  const request: GenerationRequestInput = { recipeId, recipeVersion: version.version };
  const saved = recipeValues(version);
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(values.variables)) {
    if (name in saved && value !== saved[name]) variables[name] = value;
  }
  if (Object.keys(variables).length > 0) request.variables = variables;
  const recipeCharacters = version.characters.map((character) => character.id);
  if (!sameList(values.characterIds, recipeCharacters)) request.characterIds = values.characterIds;
  if (values.aiModelId && values.aiModelId !== (version.aiModel?.id ?? '')) {
    request.aiModelId = values.aiModelId;
  }
  const overrides = runOverrides(version, model, values);
  if (Object.keys(overrides).length > 0) request.overrides = overrides;
  return request;
}

/**
 * The request the live cost is asked with: the recipe, its version and the overrides. Variables
 * and people do not change the price, and the cost shows even while a variable is still empty.
 */
export function estimateRequest(request: GenerationRequestInput): GenerationRequestInput {
  const { recipeId, recipeVersion, overrides } = request;
  return overrides ? { recipeId, recipeVersion, overrides } : { recipeId, recipeVersion };
}

/** Server names (after `overrides.` or `input.`) of the run panel's fields. */
const RUN_FIELDS: Record<string, RunField> = {
  characterIds: 'characters',
  aiModelId: 'aiModel',
  count: 'count',
  seed: 'seed',
  aspectRatio: 'aspectRatio',
  width: 'aspectRatio',
  height: 'aspectRatio',
};

/**
 * A refused run, sorted: a variable's message under its input, the characters', AI model's,
 * count's, seed's and size's under theirs, everything else (credits, limits, a setting of the
 * recipe the model no longer takes) above Generate, in the generate form's words.
 */
export function runProblems(error: unknown): RunProblems {
  const api = readApiError(error);
  const general = startProblems(error, []);
  if (api.code !== 'BAD_USER_INPUT') {
    return { fields: {}, form: general.form, aboutCredits: general.aboutCredits };
  }
  const fields: Partial<Record<RunField, string>> = {};
  const leftOver: string[] = [];
  for (const [name, messages] of Object.entries(api.fieldErrors)) {
    const text = messages.join(' ');
    if (!text) continue;
    const field = name.replace(/^overrides\./, '');
    const known: RunField | undefined = field.startsWith('variables.')
      ? (field as RunField)
      : RUN_FIELDS[field];
    if (known) fields[known] = fields[known] ? `${fields[known]} ${text}` : text;
    else leftOver.push(text);
  }
  let form: string | null = Object.keys(api.fieldErrors).length === 0 ? general.form : null;
  if (leftOver.length > 0) form = [form, ...leftOver].filter(Boolean).join(' ');
  return { fields, form, aboutCredits: false };
}
