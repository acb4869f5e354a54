import { useRef } from 'react';
import { AlertIcon, Button, PlusIcon, TrashIcon } from '../../../ui';
import type { RowErrors } from '../persona/persona-errors';
import { TRAIT_LIMIT, traitRow } from './traits';
import type { TraitRow } from './traits';

/** Trait names offered with one click when the character has none of that name yet. */
const SUGGESTED = ['outfit', 'hair', 'eyes', 'age', 'build', 'style'];

export interface TraitsEditorProps {
  rows: TraitRow[];
  onChange: (rows: TraitRow[]) => void;
  /** Messages under a row's name or value, by the row's key. */
  errors?: Record<string, RowErrors>;
  /** A message about the list as a whole (too many traits). */
  error?: string;
}

/**
 * A character's traits: rows of a name (used in templates as `{{character.<name>}}`) and a
 * value, added, edited and removed in place, with common names one click away.
 */
export function TraitsEditor({ rows, onChange, errors = {}, error }: TraitsEditorProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const names = new Set(rows.map((row) => row.name.trim()));
  const suggestions = SUGGESTED.filter((name) => !names.has(name));
  const full = rows.length >= TRAIT_LIMIT;

  function add(name = '') {
    if (full) return;
    onChange([...rows, traitRow({ name, value: '' })]);
    // Focus the new row's first empty field once it is on screen.
    requestAnimationFrame(() => {
      const inputs = listRef.current?.querySelectorAll<HTMLInputElement>(
        '.trait-row:last-child input',
      );
      inputs?.[name ? 1 : 0]?.focus();
    });
  }

  function update(key: string, patch: Partial<TraitRow>) {
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  return (
    <fieldset className="traits">
      <legend className="field__label">Traits</legend>
      <p className="field__hint">
        Details that stay the same, like an outfit or hair. Templates use them as{' '}
        <code>{'{{character.outfit}}'}</code>.
      </p>
      {rows.length > 0 && (
        <ol className="traits__list" ref={listRef} aria-label="Traits">
          {rows.map((row, index) => {
            const rowErrors = errors[row.key] ?? {};
            const nameId = `${row.key}-name`;
            const valueId = `${row.key}-value`;
            return (
              <li key={row.key} className="trait-row" data-testid="trait-row">
                <div className="trait-row__field trait-row__name">
                  <label className="visually-hidden" htmlFor={nameId}>
                    Trait {index + 1} name
                  </label>
                  <input
                    id={nameId}
                    className="input"
                    placeholder="outfit"
                    value={row.name}
                    maxLength={40}
                    autoCapitalize="off"
                    spellCheck={false}
                    aria-invalid={rowErrors.name ? true : undefined}
                    aria-describedby={rowErrors.name ? `${nameId}-error` : undefined}
                    onChange={(event) => update(row.key, { name: event.currentTarget.value })}
                  />
                  {rowErrors.name && (
                    <p className="field__error" id={`${nameId}-error`}>
                      <AlertIcon size={16} />
                      <span>{rowErrors.name}</span>
                    </p>
                  )}
                </div>
                <div className="trait-row__field trait-row__value">
                  <label className="visually-hidden" htmlFor={valueId}>
                    Trait {index + 1} value
                  </label>
                  <input
                    id={valueId}
                    className="input"
                    placeholder="a red raincoat and yellow boots"
                    value={row.value}
                    maxLength={1000}
                    aria-invalid={rowErrors.value ? true : undefined}
                    aria-describedby={rowErrors.value ? `${valueId}-error` : undefined}
                    onChange={(event) => update(row.key, { value: event.currentTarget.value })}
                  />
                  {rowErrors.value && (
                    <p className="field__error" id={`${valueId}-error`}>
                      <AlertIcon size={16} />
                      <span>{rowErrors.value}</span>
                    </p>
                  )}
                </div>
                <Button
                  size="sm"
                  variant="ghost"
                  className="button--icon trait-row__remove"
                  aria-label={`Remove trait ${index + 1}${row.name.trim() ? ` (${row.name.trim()})` : ''}`}
                  title="Remove"
                  onClick={() => onChange(rows.filter((entry) => entry.key !== row.key))}
                >
                  <TrashIcon size={16} />
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      {error && (
        <p className="field__error">
          <AlertIcon size={16} />
          <span>{error}</span>
        </p>
      )}
      <div className="cluster traits__add">
        <Button size="sm" icon={<PlusIcon size={16} />} disabled={full} onClick={() => add()}>
          Add a trait
        </Button>
        {!full && suggestions.length > 0 && (
          <span className="traits__suggestions">
            <span className="muted">or</span>
            {suggestions.slice(0, 4).map((name) => (
              <Button key={name} size="sm" variant="ghost" onClick={() => add(name)}>
                + {name}
              </Button>
            ))}
          </span>
        )}
        {full && <span className="field__hint">Up to {TRAIT_LIMIT} traits.</span>}
      </div>
    </fieldset>
  );
}
