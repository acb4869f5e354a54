import { Link } from 'react-router';
import type { PromptTemplateFieldsFragment } from '../../../gql/graphql';
import { Select } from '../../../ui';
import { PreviewOutput } from '../templates/PreviewOutput';
import { declaredInputs, givenValues } from '../templates/template-form';
import { useTemplatePreview } from '../templates/use-template-preview';
import { VariableInputs, labelsOf } from '../templates/VariableInputs';
import type { RecipeField } from './recipe-form';

export interface RecipeTemplateFieldsProps {
  /** My templates to choose from. */
  options: ReadonlyArray<{ id: string; name: string }>;
  loaded: boolean;
  templateId: string;
  /** The chosen template, once read. */
  template: PromptTemplateFieldsFragment | null;
  /** Default values of its variables, as typed. */
  values: Readonly<Record<string, string>>;
  errors: Partial<Record<RecipeField, string>>;
  /** Who the preview is rendered with: the first character and the AI model a run would use. */
  characterId: string | null;
  aiModelId: string | null;
  onTemplateChange: (templateId: string) => void;
  onValueChange: (name: string, value: string) => void;
}

/**
 * A recipe's template: which one, default values for its variables (inputs built from their
 * declarations), and the prompt those defaults make with the recipe's people, rendered live.
 */
export function RecipeTemplateFields({
  options,
  loaded,
  templateId,
  template,
  values,
  errors,
  characterId,
  aiModelId,
  onTemplateChange,
  onValueChange,
}: RecipeTemplateFieldsProps) {
  const declared = template ? declaredInputs(template.variables) : [];
  const names = declared.map((variable) => variable.name);
  const preview = useTemplatePreview({
    body: template?.body ?? '',
    variables: declared,
    values: givenValues(names, values),
    characterId,
    aiModelId,
  });
  // A value's problem: the refused save's, else the preview's.
  const variableErrors: Record<string, string> = {};
  for (const problem of preview.rendered?.fieldErrors ?? []) {
    if (problem.field.startsWith('variables.')) {
      variableErrors[problem.field.slice('variables.'.length)] = problem.message;
    }
  }
  for (const name of names) {
    const saved = errors[`variables.${name}`];
    if (saved) variableErrors[name] = saved;
  }

  return (
    <>
      <Select
        label="Template"
        required
        value={templateId}
        options={[
          { value: '', label: loaded ? 'Choose a template…' : 'Loading templates…' },
          ...options.map((entry) => ({ value: entry.id, label: entry.name })),
        ]}
        hint={
          loaded && options.length === 0 ? (
            <>
              You have no templates yet. <Link to="/library/templates/new">Write one</Link> first.
            </>
          ) : template ? (
            <Link to={`/library/templates/${template.id}`}>Open “{template.name}”</Link>
          ) : undefined
        }
        onValueChange={onTemplateChange}
        error={errors.template}
      />
      {template && (
        <div className="recipe-form__template">
          {declared.length > 0 ? (
            <fieldset className="template-preview__values">
              <legend className="field__label">Default values</legend>
              <p className="field__hint">
                Each run starts from these and can change them. Leave one empty for the template’s
                own default, or to fill it in at every run.
              </p>
              <VariableInputs
                variables={declared}
                values={values}
                errors={variableErrors}
                onChange={onValueChange}
              />
            </fieldset>
          ) : (
            <p className="field__hint">This template has no variables.</p>
          )}
          <div className="recipe-form__preview">
            <span className="field__label">Prompt with these defaults</span>
            <PreviewOutput preview={preview} labels={labelsOf(declared)} />
          </div>
        </div>
      )}
    </>
  );
}
