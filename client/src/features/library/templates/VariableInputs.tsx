import type { TemplateVariableType } from '../../../gql/graphql';
import { Select, TextField } from '../../../ui';

/** A variable a template declares, as the server lists it or as the editor is writing it. */
export interface DeclaredVariable {
  name: string;
  type?: TemplateVariableType | null;
  label?: string | null;
  defaultValue?: string | null;
  required?: boolean | null;
  choices?: readonly string[] | null;
}

export interface VariableInputsProps {
  variables: readonly DeclaredVariable[];
  values: Readonly<Record<string, string>>;
  onChange: (name: string, value: string) => void;
  /** Messages by variable name. */
  errors?: Readonly<Record<string, string | undefined>>;
  /**
   * What an empty input stands for, when something else than the template's default fills it
   * (a recipe's value, in the run panel). Null falls back to the template's default.
   */
  fallback?: (variable: DeclaredVariable) => string | null;
  /** Words before the value an empty input stands for: "Default", "Recipe". */
  fallbackLabel?: (variable: DeclaredVariable) => string;
}

/** The label a form shows for a variable: its own, or its name. */
export function variableLabel(variable: DeclaredVariable): string {
  return variable.label?.trim() || variable.name;
}

/** Each variable's label by name. */
export function labelsOf(variables: readonly DeclaredVariable[]): Record<string, string> {
  return Object.fromEntries(variables.map((variable) => [variable.name, variableLabel(variable)]));
}

/**
 * One input per declared variable, drawn from its type: text, a number, or a choice among the
 * values it offers. An empty input stands for the default (or the `fallback`), which it shows.
 */
export function VariableInputs({
  variables,
  values,
  onChange,
  errors = {},
  fallback,
  fallbackLabel = () => 'Default',
}: VariableInputsProps) {
  return (
    <div className="variable-inputs">
      {variables.map((variable) => {
        const label = variableLabel(variable);
        const value = values[variable.name] ?? '';
        const standIn = fallback?.(variable) ?? variable.defaultValue ?? null;
        const standInText = standIn !== null && standIn !== '' ? standIn : null;
        const error = errors[variable.name];
        const hint =
          variable.type !== 'CHOICE' && standInText !== null
            ? `${fallbackLabel(variable)}: ${standInText}`
            : undefined;
        if (variable.type === 'CHOICE') {
          const choices = variable.choices ?? [];
          const empty =
            standInText !== null
              ? `${fallbackLabel(variable)} (${standInText})`
              : variable.required
                ? 'Choose…'
                : 'None';
          return (
            <Select
              key={variable.name}
              label={label}
              required={variable.required ?? false}
              value={choices.includes(value) ? value : ''}
              options={[
                { value: '', label: empty },
                ...choices.map((choice) => ({ value: choice, label: choice })),
              ]}
              onValueChange={(next) => onChange(variable.name, next)}
              error={error}
            />
          );
        }
        return (
          <TextField
            key={variable.name}
            label={label}
            required={variable.required ?? false}
            type={variable.type === 'NUMBER' ? 'number' : 'text'}
            inputMode={variable.type === 'NUMBER' ? 'decimal' : undefined}
            step={variable.type === 'NUMBER' ? 'any' : undefined}
            maxLength={variable.type === 'NUMBER' ? undefined : 1000}
            placeholder={standInText ?? undefined}
            value={value}
            hint={hint}
            onChange={(event) => onChange(variable.name, event.currentTarget.value)}
            error={error}
          />
        );
      })}
    </div>
  );
}
