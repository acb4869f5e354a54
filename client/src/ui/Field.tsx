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

/** The ids that tie a control to its hint and error, and the attributes that use them. */
function useFieldIds(id: string | undefined, hint: ReactNode, error: ReactNode) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  return {
    controlId,
    hintId,
    errorId,
    control: {
      id: controlId,
      'aria-invalid': error ? (true as const) : undefined,
      'aria-describedby': describedBy(hint !== undefined && hintId, error !== undefined && errorId),
    },
  };
}

/** A label above a control, with the hint and error below it: the frame of every stacked field. */
function StackedField({
  label,
  hideLabel,
  hint,
  error,
  required,
  className,
  ids,
  children,
}: FieldTextProps & {
  required?: boolean;
  className?: string;
  ids: ReturnType<typeof useFieldIds>;
  children: ReactNode;
}) {
  return (
    <div className={cx('field', className)}>
      <label htmlFor={ids.controlId} className={cx('field__label', hideLabel && 'visually-hidden')}>
        {label}
        {required && <RequiredMark />}
      </label>
      {children}
      {hint !== undefined && <FieldHint id={ids.hintId}>{hint}</FieldHint>}
      {error !== undefined && <FieldError id={ids.errorId}>{error}</FieldError>}
    </div>
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
  const ids = useFieldIds(id, hint, error);
  return (
    <StackedField {...{ label, hideLabel, hint, error, required, className, ids }}>
      <input className="input" required={required} {...ids.control} {...inputProps} />
    </StackedField>
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
  const ids = useFieldIds(id, hint, error);
  return (
    <StackedField {...{ label, hideLabel, hint, error, required, className, ids }}>
      <textarea
        className="input textarea"
        rows={rows}
        required={required}
        {...ids.control}
        {...textareaProps}
      />
    </StackedField>
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
  const ids = useFieldIds(id, hint, error);
  return (
    <StackedField
      {...{ label, hideLabel, hint, error, required, ids }}
      className={cx(inline && 'field--inline', className)}
    >
      <select
        className={cx('select', size === 'sm' && 'select--sm')}
        required={required}
        {...ids.control}
        onChange={(event) => onValueChange?.(event.currentTarget.value as V)}
        {...selectProps}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </StackedField>
  );
}

export interface CheckboxProps
  extends Omit<FieldTextProps, 'hideLabel'>, Omit<ComponentPropsWithRef<'input'>, 'id' | 'type'> {
  id?: string;
}

/** A native checkbox with its label beside it, plus optional hint and error text. */
export function Checkbox({ label, hint, error, id, className, ...inputProps }: CheckboxProps) {
  const ids = useFieldIds(id, hint, error);
  return (
    <div className={cx('checkbox', className)}>
      <input type="checkbox" className="checkbox__input" {...ids.control} {...inputProps} />
      <label htmlFor={ids.controlId} className="checkbox__label">
        {label}
      </label>
      {hint !== undefined && <FieldHint id={ids.hintId}>{hint}</FieldHint>}
      {error !== undefined && <FieldError id={ids.errorId}>{error}</FieldError>}
    </div>
  );
}
