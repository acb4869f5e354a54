import type {
  CreateRecipeInput,
  GenerationSettingsInput,
  RecipeVersionFieldsFragment,
} from '../../../gql/graphql';
import { errorMessage, readApiError } from '../../account/api-errors';
import { findModel, requestInput, valuesForModel } from '../../generate/form-state';
import type { FormField, FormValues, Model, ParamValue, Provider } from '../../generate/form-state';
import { declaredInputs, givenValues } from '../templates/template-form';

/** Where a recipe's prompt comes from: written into it, or one of my templates. */
export type PromptSource = 'prompt' | 'template';

/** Everything the recipe form shows. */
export interface RecipeFormValues {
  /** Only for a new recipe; an existing one is renamed apart from its versions. */
  name: string;
  description: string;
  /** The generate form's settings: model, prompt, size, count, seed, parameters. */
  settings: FormValues;
  source: PromptSource;
  templateId: string;
  /** Default values of the template's variables, as typed. */
  variables: Record<string, string>;
  /** In order: the first one fills `{{character.…}}`. */
  characterIds: string[];
  aiModelId: string;
  /** What this version changes. */
  note: string;
}

/** Fields of the recipe form (besides the settings) a message can sit under. */
export type RecipeField =
  'name' | 'description' | 'note' | 'template' | 'characters' | 'aiModel' | `variables.${string}`;

export interface RecipeProblems {
  fields: Partial<Record<RecipeField, string>>;
  settings: Partial<Record<FormField, string>>;
  form: string | null;
}

export const NO_RECIPE_PROBLEMS: RecipeProblems = { fields: {}, settings: {}, form: null };

/** The most characters a recipe (or a run) takes. */
export const MAX_RECIPE_CHARACTERS = 4;

/** A new recipe for the model: its defaults, no template, nobody chosen. */
export function newRecipeValues(provider: Provider, model: Model): RecipeFormValues {
  return {
    name: '',
    description: '',
    settings: valuesForModel(provider, model),
    source: 'prompt',
    templateId: '',
    variables: {},
    characterIds: [],
    aiModelId: '',
    note: '',
  };
}

function controlValue(value: unknown): ParamValue {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return '';
}

/**
 * The generate form's values for a saved version: its model, with the settings it saved where
 * the model still takes them, and the model's defaults for what it left empty. A size saved
 * without an aspect ratio is a custom size. Null when the model is no longer offered.
 */
export function settingsFromVersion(
  providers: Provider[],
  version: Pick<RecipeVersionFieldsFragment, 'provider' | 'model' | 'settings'>,
): FormValues | null {
  const found = findModel(providers, version.provider, version.model);
  if (!found) return null;
  const { provider, model } = found;
  const caps = model.capabilities;
  const saved = version.settings;
  const previous: FormValues = {
    providerId: provider.id,
    modelId: model.id,
    prompt: saved.prompt ?? '',
    negativePrompt: saved.negativePrompt ?? '',
    count: saved.count ?? caps.count.min,
    aspectRatio: saved.aspectRatio ?? '',
    customSize: false,
    width: '',
    height: '',
    durationSeconds: saved.durationSeconds,
    seed: saved.seed === null ? '' : String(saved.seed),
    params: Object.fromEntries(
      Object.entries(saved.params).map(([name, value]) => [name, controlValue(value)]),
    ),
  };
  // valuesForModel keeps what fits the model (count in range, offered ratios, known params).
  const values = valuesForModel(provider, model, previous);
  if (caps.size && saved.width !== null && saved.height !== null) {
    return {
      ...values,
      customSize: true,
      width: String(saved.width),
      height: String(saved.height),
    };
  }
  return values;
}

/** The form's values for editing a version (a new version starts from it). */
export function valuesFromVersion(
  providers: Provider[],
  version: RecipeVersionFieldsFragment,
): RecipeFormValues | null {
  const settings = settingsFromVersion(providers, version);
  if (!settings) return null;
  const templateId = version.template ? (version.sourceTemplate?.id ?? '') : '';
  return {
    name: '',
    description: '',
    settings,
    source: version.template ? 'template' : 'prompt',
    templateId,
    variables: Object.fromEntries(
      Object.entries(version.variables).map(([name, value]) => [name, String(value)]),
    ),
    characterIds: version.characters.map((character) => character.id),
    aiModelId: version.aiModel?.id ?? '',
    note: '',
  };
}

/** The preset a save sends (`createRecipe` adds the name; `updateRecipe` the id). */
export type RecipePreset = Omit<CreateRecipeInput, 'name' | 'description'>;

/**
 * The version to save: the model, only the settings it takes (as the generate form sends them),
 * the prompt or the template with its default values (empty ones left to the template's own),
 * the characters, the AI model and the note.
 */
export function presetInput(
  model: Model,
  values: RecipeFormValues,
  referenceAssetIds: string[],
  declared: readonly string[],
): RecipePreset {
  const request = requestInput(model, values.settings, referenceAssetIds);
  const { kind, provider, model: modelId, prompt, ...rest } = request;
  const usesTemplate = values.source === 'template';
  const settings: GenerationSettingsInput = { ...rest };
  if (!usesTemplate && prompt) settings.prompt = prompt;
  const variables = usesTemplate ? givenValues(declared, values.variables) : {};
  return {
    kind: kind!,
    provider: provider!,
    model: modelId!,
    templateId: usesTemplate && values.templateId ? values.templateId : null,
    settings,
    variables,
    characterIds: values.characterIds,
    aiModelId: values.aiModelId || null,
    note: values.note.trim() || null,
  };
}

/** Server names of the settings (after `settings.`) that the generate form calls differently. */
const SETTING_ALIASES: Record<string, FormField> = { references: 'referenceAssetIds' };

const SETTING_FIELDS = new Set<string>([
  'prompt',
  'negativePrompt',
  'count',
  'aspectRatio',
  'width',
  'height',
  'durationSeconds',
  'seed',
  'referenceAssetIds',
]);

function add<K extends string>(target: Partial<Record<K, string>>, key: K, text: string) {
  target[key] = target[key] ? `${target[key]} ${text}` : text;
}

/**
 * A refused save, sorted for the form: `settings.count` and `settings.params.steps` under the
 * model's fields, `templateId` and `variables` at the template, `variables.x` under its input,
 * `provider`/`model`/`kind` at the model pickers, the rest above the Save button.
 */
export function recipeProblems(error: unknown, paramNames: readonly string[]): RecipeProblems {
  const api = readApiError(error);
  const problems: RecipeProblems = { fields: {}, settings: {}, form: null };
  const leftOver: string[] = [];
  for (const [name, messages] of Object.entries(api.fieldErrors)) {
    const text = messages.join(' ');
    if (!text) continue;
    if (name.startsWith('settings.')) {
      const setting = name.slice('settings.'.length);
      const field = SETTING_ALIASES[setting] ?? setting;
      if (SETTING_FIELDS.has(field) || paramNames.some((param) => field === `params.${param}`)) {
        add(problems.settings, field as FormField, text);
      } else {
        leftOver.push(text);
      }
    } else if (name === 'provider') add(problems.settings, 'providerId', text);
    else if (name === 'model' || name === 'kind') add(problems.settings, 'modelId', text);
    else if (name === 'templateId' || name === 'variables') add(problems.fields, 'template', text);
    else if (name.startsWith('variables.')) add(problems.fields, name as RecipeField, text);
    else if (name === 'characterIds') add(problems.fields, 'characters', text);
    else if (name === 'aiModelId') add(problems.fields, 'aiModel', text);
    else if (name === 'name' || name === 'description' || name === 'note') {
      add(problems.fields, name, text);
    } else leftOver.push(text);
  }
  if (api.code !== 'BAD_USER_INPUT' || Object.keys(api.fieldErrors).length === 0) {
    problems.form =
      api.code === 'NOT_FOUND'
        ? 'This recipe no longer exists. It may have been deleted in another window.'
        : errorMessage(api);
  }
  if (leftOver.length > 0) problems.form = [problems.form, ...leftOver].filter(Boolean).join(' ');
  return problems;
}

/**
 * Whether the template a version was made from has changed since it was saved (its text or
 * its variables); runs keep using the saved text until a new version is saved.
 */
export function templateChanged(
  version: Pick<RecipeVersionFieldsFragment, 'template' | 'sourceTemplate'>,
): boolean {
  const saved = version.template;
  const now = version.sourceTemplate;
  if (!saved || !now) return false;
  return (
    saved.body !== now.body ||
    JSON.stringify(declaredInputs(saved.variables)) !==
      JSON.stringify(declaredInputs(now.variables))
  );
}

/**
 * The version's own preset, to save again as the next version: everything as it was, with the
 * template read afresh (so the new version keeps its current text). Values of variables the
 * template no longer declares are dropped.
 */
export function presetFromVersion(
  version: RecipeVersionFieldsFragment,
  note: string,
): RecipePreset {
  const declared = new Set(
    (version.sourceTemplate ?? version.template)?.variables.map((v) => v.name),
  );
  const settings = version.settings;
  return {
    kind: version.kind,
    provider: version.provider,
    model: version.model,
    templateId: version.sourceTemplate?.id ?? null,
    settings: {
      prompt: settings.prompt,
      negativePrompt: settings.negativePrompt,
      count: settings.count,
      aspectRatio: settings.aspectRatio,
      width: settings.width,
      height: settings.height,
      durationSeconds: settings.durationSeconds,
      seed: settings.seed,
      params: settings.params,
      referenceAssetIds: version.references.map((reference) => reference.id),
    },
    variables: Object.fromEntries(
      Object.entries(version.variables).filter(([name]) => declared.has(name)),
    ),
    characterIds: version.characters.map((character) => character.id),
    aiModelId: version.aiModel?.id ?? null,
    note,
  };
}
