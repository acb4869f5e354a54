import type { GenerateTemplateFieldsFragment, GenerationDetailFragment } from '../../gql/graphql';

export type Template = GenerateTemplateFieldsFragment;
export type TemplateVariable = Template['variables'][number];

/** A prompt template chosen on the Generate page, with the values typed for its variables. */
export interface TemplateChoice {
  template: Template;
  /** As the controls hold them; empty ones take the template's default. */
  values: Record<string, string>;
}

/** A variable's name for people: its label, else the name. */
export function variableLabel(variable: TemplateVariable): string {
  return variable.label?.trim() || variable.name;
}

/**
 * A template with its variables' controls filled: from `previous` (values typed before, or an
 * earlier generation's) where they name a variable it has, else empty (the default applies).
 */
export function chooseTemplate(
  template: Template,
  previous: Record<string, unknown> = {},
): TemplateChoice {
  const values: Record<string, string> = {};
  for (const variable of template.variables) {
    const value = previous[variable.name];
    values[variable.name] =
      typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
  return { template, values };
}

/** The variables to send: the values typed, without the empty ones (their defaults apply). */
export function variablesInput(choice: TemplateChoice): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const variable of choice.template.variables) {
    const value = choice.values[variable.name]?.trim() ?? '';
    if (value !== '') variables[variable.name] = value;
  }
  return variables;
}

/** Required variables left empty that have no default, as messages under their fields. */
export function missingVariables(choice: TemplateChoice): Record<`variables.${string}`, string> {
  const missing: Record<`variables.${string}`, string> = {};
  for (const variable of choice.template.variables) {
    const empty = (choice.values[variable.name]?.trim() ?? '') === '';
    if (variable.required && empty && !variable.defaultValue) {
      missing[`variables.${variable.name}`] = `Fill in ${variableLabel(variable)}.`;
    }
  }
  return missing;
}

/**
 * The template of an earlier generation, as it is now, with the values its variables took then;
 * null when it had none, or the template has been deleted since.
 */
export function templateFromGeneration(
  generation: GenerationDetailFragment,
): TemplateChoice | null {
  if (!generation.template) return null;
  return chooseTemplate(generation.template, generation.provenance?.variables ?? {});
}
