import { useId } from 'react';
import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cx } from './cx';
import { AlertIcon } from './icons';

interface FieldTextProps {
  /** The visible label. Every control has one; `hideLabel` keeps it for screen readers only. */
  label: ReactNode;
  hideLabel?: boolean;
  /** Guidance shown under the control and linked to it with aria-describedby. */
  hint?: ReactNode;
  /** The validation message; marks the control invalid and is announced with it. */
  error?: ReactNode;
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field__hint">
      {children}
    </p>
  );
}

function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field__error">
      <AlertIcon size={16} />
      <span>{children}</span>
    </p>
  );
}

function RequiredMark() {
  return (
    <span className="field__required" aria-hidden="true">
      {' *'}
    </span>
  );
}

export interface TextFieldProps extends FieldTextProps, Omit<ComponentPropsWithRef<'input'>, 'id'> {
  id?: string;
}

/** A labelled text input with optional hint and error text. */
export function TextField({
  label,
  hideLabel,
  hint,
  error,
  id,
  className,
  required,
  ...inputProps
}: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  return (
    <div className={cx('field', className)}>
      <label htmlFor={inputId} className={cx('field__label', hideLabel && 'visually-hidden')}>
        {label}
        {required && <RequiredMark />}
      </label>
      <input
        id={inputId}
        className="input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
        {...inputProps}
      />
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      {error !== undefined && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
}

export interface TextAreaProps
  extends FieldTextProps, Omit<ComponentPropsWithRef<'textarea'>, 'id'> {
  id?: string;
}

/** A labelled multi-line text input (prompts, descriptions) with optional hint and error text. */
export function TextArea({
  label,
  hideLabel,
  hint,
  error,
  id,
  className,
  required,
  rows = 3,
  ...textareaProps
}: TextAreaProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  return (
    <div className={cx('field', className)}>
      <label htmlFor={inputId} className={cx('field__label', hideLabel && 'visually-hidden')}>
        {label}
        {required && <RequiredMark />}
      </label>
      <textarea
        id={inputId}
        className="input textarea"
        rows={rows}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
        {...textareaProps}
      />
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      {error !== undefined && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
}

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
  disabled?: boolean;
}

export interface SelectProps<V extends string = string>
  extends
    FieldTextProps,
    Omit<ComponentPropsWithRef<'select'>, 'id' | 'value' | 'defaultValue' | 'onChange' | 'size'> {
  id?: string;
  options: ReadonlyArray<SelectOption<V>>;
  value?: V;
  defaultValue?: V;
  onValueChange?: (value: V) => void;
  /** Label beside the control instead of above it (toolbars, headers). */
  inline?: boolean;
  size?: 'md' | 'sm';
}

/** A labelled native `<select>`. */
export function Select<V extends string = string>({
  label,
  hideLabel,
  hint,
  error,
  id,
  className,
  options,
  onValueChange,
  inline = false,
  size = 'md',
  required,
  ...selectProps
}: SelectProps<V>) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  const hintId = `${selectId}-hint`;
  const errorId = `${selectId}-error`;
  return (
    <div className={cx('field', inline && 'field--inline', className)}>
      <label htmlFor={selectId} className={cx('field__label', hideLabel && 'visually-hidden')}>
        {label}
        {required && <RequiredMark />}
      </label>
      <select
        id={selectId}
        className={cx('select', size === 'sm' && 'select--sm')}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
        onChange={(event) => onValueChange?.(event.currentTarget.value as V)}
        {...selectProps}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      {error !== undefined && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
}

export interface CheckboxProps
  extends Omit<FieldTextProps, 'hideLabel'>, Omit<ComponentPropsWithRef<'input'>, 'id' | 'type'> {
  id?: string;
}

/** A native checkbox with its label beside it, plus optional hint and error text. */
export function Checkbox({ label, hint, error, id, className, ...inputProps }: CheckboxProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  return (
    <div className={cx('checkbox', className)}>
      <input
        id={inputId}
        type="checkbox"
        className="checkbox__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
        {...inputProps}
      />
      <label htmlFor={inputId} className="checkbox__label">
        {label}
      </label>
      {hint !== undefined && <FieldHint id={hintId}>{hint}</FieldHint>}
      {error !== undefined && <FieldError id={errorId}>{error}</FieldError>}
    </div>
  );
}
