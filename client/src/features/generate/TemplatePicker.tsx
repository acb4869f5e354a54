import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { GenerateRenderTemplateDocument, GenerateTemplatesDocument } from '../../gql/graphql';
import { Select, Spinner, TextField } from '../../ui';
import type { FormField } from './form-state';
import { effectiveAiModel } from './library-picks';
import type { LibraryPicks } from './library-picks';
import { chooseTemplate, variableLabel, variablesInput } from './template-choice';
import type { Template, TemplateChoice, TemplateVariable } from './template-choice';
import { useDebounced } from './use-debounced';

/** Templates offered in the picker. */
export const TEMPLATE_PAGE_SIZE = 50;
const PREVIEW_DELAY_MS = 300;

function VariableField({
  variable,
  value,
  error,
  onChange,
}: {
  variable: TemplateVariable;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const label = variableLabel(variable);
  const fallback = variable.defaultValue ? `Default: ${variable.defaultValue}` : undefined;
  if (variable.type === 'CHOICE') {
    const options = variable.choices.map((choice) => ({ value: choice, label: choice }));
    return (
      <Select
        label={label}
        required={variable.required}
        value={value}
        options={[
          {
            value: '',
            label: variable.defaultValue ? `Default (${variable.defaultValue})` : 'Choose…',
          },
          ...options,
        ]}
        onValueChange={onChange}
        error={error}
      />
    );
  }
  return (
    <TextField
      label={label}
      required={variable.required}
      type={variable.type === 'NUMBER' ? 'number' : 'text'}
      inputMode={variable.type === 'NUMBER' ? 'decimal' : undefined}
      placeholder={fallback}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
    />
  );
}

/** The template filled in as the server does it, with the first character and the AI model. */
function Preview({ choice, picks }: { choice: TemplateChoice; picks: LibraryPicks }) {
  const request = JSON.stringify({
    id: choice.template.id,
    variables: variablesInput(choice),
    characterId: picks.characters[0]?.id ?? null,
    aiModelId: effectiveAiModel(picks)?.model.id ?? null,
  });
  const key = useDebounced(request, PREVIEW_DELAY_MS);
  const variables = useMemo(
    () =>
      JSON.parse(key) as {
        id: string;
        variables: Record<string, string>;
        characterId: string | null;
        aiModelId: string | null;
      },
    [key],
  );
  const query = useQuery(GenerateRenderTemplateDocument, {
    variables,
    fetchPolicy: 'cache-and-network',
  });
  const rendered = (query.data ?? query.previousData)?.renderPromptTemplate;
  return (
    <div
      className="gen-template__preview"
      aria-busy={key !== request || query.loading || undefined}
    >
      <p className="field__label">
        Prompt from the template{' '}
        {(key !== request || query.loading) && <Spinner size="sm" label="Updating" />}
      </p>
      {rendered ? (
        <p className="gen-template__text" data-testid="template-preview">
          {rendered.prompt}
        </p>
      ) : query.error ? (
        <p className="field__hint">The preview is not available right now.</p>
      ) : (
        <p className="field__hint">Filling in the template…</p>
      )}
      <p className="field__hint">
        What the template does not say of the characters and AI model is added after it.
      </p>
    </div>
  );
}

export interface TemplatePickerProps {
  choice: TemplateChoice | null;
  onChange: (choice: TemplateChoice | null, field: FormField) => void;
  picks: LibraryPicks;
  errors: Partial<Record<FormField, string>>;
}

/**
 * A prompt template instead of writing the prompt: its variables as fields and the prompt it
 * makes, previewed. Shown only to people who have templates (or a generation that used one).
 */
export function TemplatePicker({ choice, onChange, picks, errors }: TemplatePickerProps) {
  const query = useQuery(GenerateTemplatesDocument, {
    variables: { first: TEMPLATE_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  const listed = query.data?.promptTemplates.edges.map((edge) => edge.node) ?? [];
  const templates: Template[] =
    choice && !listed.some((template) => template.id === choice.template.id)
      ? [choice.template, ...listed]
      : listed;
  if (templates.length === 0) return null;

  return (
    <div className="gen-template">
      <Select
        label="Prompt template"
        value={choice?.template.id ?? ''}
        hint={
          choice
            ? 'The template writes the prompt from the values below.'
            : 'Optional: one of your templates writes the prompt instead.'
        }
        options={[
          { value: '', label: 'None: write the prompt' },
          ...templates.map((template) => ({ value: template.id, label: template.name })),
        ]}
        onValueChange={(id) => {
          const template = templates.find((candidate) => candidate.id === id);
          onChange(template ? chooseTemplate(template, choice?.values) : null, 'templateId');
        }}
        error={errors.templateId}
      />
      {choice && (
        <>
          {choice.template.variables.length > 0 && (
            <div className="gen-template__variables">
              {choice.template.variables.map((variable) => (
                <VariableField
                  key={variable.name}
                  variable={variable}
                  value={choice.values[variable.name] ?? ''}
                  error={errors[`variables.${variable.name}`]}
                  onChange={(value) =>
                    onChange(
                      { ...choice, values: { ...choice.values, [variable.name]: value } },
                      `variables.${variable.name}`,
                    )
                  }
                />
              ))}
            </div>
          )}
          <Preview choice={choice} picks={picks} />
        </>
      )}
    </div>
  );
}
