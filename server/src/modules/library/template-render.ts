import type { FieldError } from '../providers/params';
import { CHARACTER_FIELDS, parseTemplate, placeholdersOf } from './template-syntax';

export type TemplateVariableType = 'TEXT' | 'NUMBER' | 'CHOICE';

/** A variable a template declares; the editor and the recipe run form are built from these. */
export interface TemplateVariable {
  name: string;
  type: TemplateVariableType;
  /** Shown instead of the name in forms. */
  label: string | null;
  defaultValue: string | null;
  required: boolean;
  /** For CHOICE: the values offered. */
  choices: string[];
}

export interface TemplateSource {
  body: string;
  variables: TemplateVariable[];
}

/** What a character puts at the template's disposal. */
export interface CharacterContext {
  name: string;
  description: string;
  traits: Array<{ name: string; value: string }>;
}

export interface ModelContext {
  name: string;
  description: string;
  tags: string[];
}

export const MAX_VARIABLES = 30;
export const MAX_VALUE_LENGTH = 1000;
const RESERVED = new Set(['character', 'model']);
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

/** Every problem of a template as written: syntax, undeclared placeholders, bad declarations. */
export function checkTemplate(template: TemplateSource): FieldError[] {
  const { segments, errors } = parseTemplate(template.body);
  const declared = new Set<string>();
  template.variables.forEach((variable, index) => {
    const field = `variables.${index}`;
    if (!VARIABLE_NAME.test(variable.name)) {
      errors.push({
        field: `${field}.name`,
        message: 'Name a variable with letters, digits and _ (up to 40), starting with a letter.',
      });
    } else if (RESERVED.has(variable.name)) {
      errors.push({
        field: `${field}.name`,
        message: `"${variable.name}" is reserved: use {{${variable.name}.name}} and its other fields instead.`,
      });
    } else if (declared.has(variable.name)) {
      errors.push({ field: `${field}.name`, message: `"${variable.name}" is declared twice.` });
    }
    declared.add(variable.name);
    if (variable.type === 'CHOICE' && variable.choices.length === 0) {
      errors.push({ field: `${field}.choices`, message: 'Give at least one choice.' });
    }
    if (variable.type !== 'CHOICE' && variable.choices.length > 0) {
      errors.push({ field: `${field}.choices`, message: 'Only a choice variable has choices.' });
    }
    if (new Set(variable.choices).size !== variable.choices.length) {
      errors.push({ field: `${field}.choices`, message: 'Each choice must be different.' });
    }
    if (variable.defaultValue !== null) {
      const problem = valueProblem(variable, variable.defaultValue);
      if (problem) errors.push({ field: `${field}.defaultValue`, message: problem });
    }
  });
  const undeclared = new Set(
    placeholdersOf(segments)
      .filter((p) => p.scope === 'variable' && !declared.has(p.name))
      .map((p) => p.name),
  );
  for (const name of undeclared) {
    errors.push({
      field: 'body',
      message: `{{${name}}} is not a declared variable: add a variable named "${name}", or remove it.`,
    });
  }
  return errors;
}

/** Why `value` does not fit the variable, or null when it does. */
function valueProblem(variable: TemplateVariable, value: string): string | null {
  if (value.length > MAX_VALUE_LENGTH) {
    return `Keep it under ${MAX_VALUE_LENGTH.toLocaleString('en')} characters.`;
  }
  if (variable.type === 'NUMBER' && (value.trim() === '' || !Number.isFinite(Number(value)))) {
    return `Give a number (got "${value}").`;
  }
  if (variable.type === 'CHOICE' && !variable.choices.includes(value)) {
    return `Choose one of ${variable.choices.join(', ')} (got "${value}").`;
  }
  return null;
}

/**
 * The given variable values that fit their declarations, and an error for each that does not
 * (unknown names, wrong types, choices not offered). Missing values are not checked here.
 */
export function checkValues(
  template: TemplateSource,
  given: Record<string, unknown>,
): { values: Record<string, string>; errors: FieldError[] } {
  const declared = new Map(template.variables.map((variable) => [variable.name, variable]));
  const values: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [name, raw] of Object.entries(given)) {
    const variable = declared.get(name);
    if (!variable) {
      const known = [...declared.keys()];
      errors.push({
        field: `variables.${name}`,
        message: known.length
          ? `This template has no variable "${name}"; it has ${known.join(', ')}.`
          : `This template has no variables (got "${name}").`,
      });
      continue;
    }
    if (raw === null || raw === undefined || raw === '') continue;
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      errors.push({ field: `variables.${name}`, message: 'Give text or a number.' });
      continue;
    }
    const problem = valueProblem(variable, String(raw));
    if (problem) errors.push({ field: `variables.${name}`, message: problem });
    else values[name] = String(raw);
  }
  return { values, errors };
}

export interface RenderResult {
  /** The final prompt; a placeholder that could not be filled is left as written. */
  prompt: string;
  errors: FieldError[];
  /** The value each variable took (given, or its default). */
  values: Record<string, string>;
  /** The character's and model's fields the text already carries (name, description, traits). */
  characterFields: string[];
  modelFields: string[];
}

/**
 * Fills a template. Values are checked against their declarations; unknown values, missing
 * required ones, and character or model fields without a character or model are field errors
 * (`variables.<name>`, `characterIds`, `aiModelId`). The prompt is rendered anyway, for previews.
 */
export function renderTemplate(
  template: TemplateSource,
  given: Record<string, unknown>,
  context: { character: CharacterContext | null; model: ModelContext | null },
): RenderResult {
  const errors = checkTemplate(template);
  const checked = checkValues(template, given);
  errors.push(...checked.errors);
  const values = checked.values;
  for (const variable of template.variables) {
    if (values[variable.name] !== undefined) continue;
    if (variable.defaultValue !== null) values[variable.name] = variable.defaultValue;
    else if (variable.required) {
      errors.push({
        field: `variables.${variable.name}`,
        message: `Fill in ${variable.label ?? variable.name}: this template needs it.`,
      });
    }
  }

  const { segments } = parseTemplate(template.body);
  const reported = new Set<string>();
  const report = (error: FieldError) => {
    if (reported.has(error.message)) return;
    reported.add(error.message);
    errors.push(error);
  };
  // Placeholders that need a character or model not chosen, said once for each.
  const wanting = { character: new Set<string>(), model: new Set<string>() };
  const characterFields = new Set<string>();
  const modelFields = new Set<string>();
  const parts = segments.map((segment) => {
    if ('text' in segment) return segment.text;
    const { placeholder } = segment;
    if (placeholder.scope === 'variable') return values[placeholder.name] ?? '';
    if (placeholder.scope === 'model') {
      if (!context.model) {
        wanting.model.add(placeholder.source);
        return placeholder.source;
      }
      modelFields.add(placeholder.name);
      return placeholder.name === 'tags'
        ? context.model.tags.join(', ')
        : context.model[placeholder.name as 'name' | 'description'];
    }
    const character = context.character;
    if (!character) {
      wanting.character.add(placeholder.source);
      return placeholder.source;
    }
    if ((CHARACTER_FIELDS as readonly string[]).includes(placeholder.name)) {
      characterFields.add(placeholder.name);
      return character[placeholder.name as 'name' | 'description'];
    }
    const trait = character.traits.find((t) => t.name === placeholder.name);
    if (!trait) {
      report({
        field: 'characterIds',
        message: `${placeholder.source}: ${character.name} has no "${placeholder.name}" trait. Add it to the character or choose another.`,
      });
      return placeholder.source;
    }
    characterFields.add(placeholder.name);
    return trait.value;
  });
  if (wanting.character.size > 0) {
    errors.push({
      field: 'characterIds',
      message: `This template uses ${[...wanting.character].join(', ')}: choose a character.`,
    });
  }
  if (wanting.model.size > 0) {
    errors.push({
      field: 'aiModelId',
      message: `This template uses ${[...wanting.model].join(', ')}: choose an AI model.`,
    });
  }
  return {
    prompt: parts.join('').trim(),
    errors,
    values,
    characterFields: [...characterFields],
    modelFields: [...modelFields],
  };
}
