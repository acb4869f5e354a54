import { useState } from 'react';
import { Button, Checkbox, Select, TextArea, TextField } from '../../../ui';
import { MAX_VARIABLES, VARIABLE_TYPES, choiceList, newVariableRow } from './template-form';
import type { VariableRow } from './template-form';

export interface VariablesEditorProps {
  rows: readonly VariableRow[];
  onChange: (rows: VariableRow[]) => void;
  /** Messages by server field: `variables.<index>.<part>`, and `variables` for the list. */
  errors: Readonly<Record<string, string | undefined>>;
  /** Placeholders the text uses that no row declares yet, offered as one-press additions. */
  undeclared: readonly string[];
}

function VariableRowFields({
  row,
  index,
  errors,
  onChange,
  onRemove,
  onMove,
  count,
  autoFocus,
}: {
  autoFocus: boolean;
  row: VariableRow;
  index: number;
  errors: VariablesEditorProps['errors'];
  onChange: (patch: Partial<VariableRow>) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
  count: number;
}) {
  const field = (part: string) => errors[`variables.${index}.${part}`];
  const title = row.name.trim() ? row.name.trim() : `Variable ${index + 1}`;
  const choices = choiceList(row.choices);
  return (
    <li className="variable-row" data-testid="variable-row">
      <fieldset className="variable-row__fields">
        <legend className="variable-row__legend">
          <code>{`{{${row.name.trim() || '…'}}}`}</code>
        </legend>
        <div className="variable-row__grid">
          <TextField
            label="Name"
            required
            value={row.name}
            maxLength={40}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            placeholder="subject"
            autoFocus={autoFocus}
            onChange={(event) => onChange({ name: event.currentTarget.value })}
            error={field('name')}
          />
          <Select
            label="Type"
            value={row.type}
            options={VARIABLE_TYPES}
            onValueChange={(type) => onChange({ type })}
            error={field('type')}
          />
          <TextField
            label="Label"
            value={row.label}
            maxLength={100}
            placeholder={row.name.trim() || 'Shown in forms'}
            onChange={(event) => onChange({ label: event.currentTarget.value })}
            error={field('label')}
          />
          {row.type === 'CHOICE' ? (
            <Select
              label="Default"
              value={choices.includes(row.defaultValue) ? row.defaultValue : ''}
              options={[
                { value: '', label: 'No default' },
                ...choices.map((choice) => ({ value: choice, label: choice })),
              ]}
              onValueChange={(defaultValue) => onChange({ defaultValue })}
              error={field('defaultValue')}
            />
          ) : (
            <TextField
              label="Default"
              type={row.type === 'NUMBER' ? 'number' : 'text'}
              inputMode={row.type === 'NUMBER' ? 'decimal' : undefined}
              step={row.type === 'NUMBER' ? 'any' : undefined}
              maxLength={row.type === 'NUMBER' ? undefined : 1000}
              value={row.defaultValue}
              onChange={(event) => onChange({ defaultValue: event.currentTarget.value })}
              error={field('defaultValue')}
            />
          )}
        </div>
        {row.type === 'CHOICE' && (
          <TextArea
            label="Choices"
            required
            rows={3}
            hint="One per line."
            value={row.choices}
            onChange={(event) => onChange({ choices: event.currentTarget.value })}
            error={field('choices')}
          />
        )}
        <div className="variable-row__footer">
          <Checkbox
            label="Required"
            hint={
              !row.required
                ? 'Without a value, the default is used, or nothing.'
                : row.defaultValue === ''
                  ? 'A run without a value for it is refused.'
                  : 'The default fills it when no value is given.'
            }
            checked={row.required}
            onChange={(event) => onChange({ required: event.currentTarget.checked })}
            error={field('required')}
          />
          <div className="cluster variable-row__actions">
            <Button
              size="sm"
              variant="ghost"
              disabled={index === 0}
              aria-label={`Move ${title} up`}
              onClick={() => onMove(-1)}
            >
              Up
            </Button>
            <Button
              size="sm"
              variant="ghost"
              disabled={index === count - 1}
              aria-label={`Move ${title} down`}
              onClick={() => onMove(1)}
            >
              Down
            </Button>
            <Button size="sm" variant="ghost" aria-label={`Remove ${title}`} onClick={onRemove}>
              Remove
            </Button>
          </div>
        </div>
      </fieldset>
    </li>
  );
}

/**
 * The variables a template declares, one row each: name, type, label, default, whether it is
 * required, and the choices of a choice. Placeholders the text uses without a declaration can be
 * declared with one press.
 */
export function VariablesEditor({ rows, onChange, errors, undeclared }: VariablesEditorProps) {
  const full = rows.length >= MAX_VARIABLES;
  // The name of a row added with "Add variable" gets the focus; declared ones have theirs.
  const [added, setAdded] = useState<string | null>(null);

  function update(key: string, patch: Partial<VariableRow>) {
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  function move(index: number, by: -1 | 1) {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    onChange(next);
  }

  return (
    <fieldset className="variables-editor">
      <legend className="field__label">Variables</legend>
      <p className="field__hint">
        The parts that change each time, used in the text as <code>{'{{name}}'}</code>. Forms for
        recipes and runs are built from them, in this order.
      </p>
      {errors.variables && (
        <p className="field__error" role="alert">
          {errors.variables}
        </p>
      )}
      {rows.length > 0 && (
        <ol className="variables-editor__list">
          {rows.map((row, index) => (
            <VariableRowFields
              key={row.key}
              row={row}
              index={index}
              count={rows.length}
              errors={errors}
              onChange={(patch) => update(row.key, patch)}
              onRemove={() => onChange(rows.filter((candidate) => candidate.key !== row.key))}
              onMove={(by) => move(index, by)}
              autoFocus={row.key === added}
            />
          ))}
        </ol>
      )}
      {undeclared.length > 0 && (
        <div className="variables-editor__undeclared" role="group" aria-label="Undeclared">
          <span className="field__hint">Used in the text but not declared:</span>
          {undeclared.map((name) => (
            <Button
              key={name}
              size="sm"
              disabled={full}
              onClick={() => onChange([...rows, newVariableRow(name)])}
            >
              Declare <code>{name}</code>
            </Button>
          ))}
        </div>
      )}
      <div>
        <Button
          size="sm"
          disabled={full}
          onClick={() => {
            const row = newVariableRow();
            setAdded(row.key);
            onChange([...rows, row]);
          }}
        >
          Add variable
        </Button>
        {full && (
          <span className="field__hint"> A template declares up to {MAX_VARIABLES} variables.</span>
        )}
      </div>
    </fieldset>
  );
}
