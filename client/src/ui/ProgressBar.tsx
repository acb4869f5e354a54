import { useId } from 'react';
import type { CSSProperties } from 'react';
import { cx } from './cx';

export interface ProgressBarProps {
  /** Visible label, also the accessible name of the bar. */
  label: string;
  /** Fraction done, 0..1; null or undefined when the amount of work is unknown (indeterminate). */
  value?: number | null;
  /** Shows the percentage beside the label. */
  showValue?: boolean;
  /** Overrides the announced value text, e.g. "Step 2 of 4". */
  valueText?: string;
  className?: string;
}

/** Clamps a fraction into 0..1 and converts it to a whole percentage. */
export function toPercent(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Math.min(1, Math.max(0, value)) * 100);
}

/**
 * Shows how far long work has come. Determinate bars expose aria-valuenow (0–100); indeterminate
 * ones leave it out, which is how assistive technology knows the amount is unknown.
 */
export function ProgressBar({
  label,
  value,
  showValue = true,
  valueText,
  className,
}: ProgressBarProps) {
  const labelId = useId();
  const determinate = typeof value === 'number';
  const percent = determinate ? toPercent(value) : undefined;
  const text = valueText ?? (percent === undefined ? undefined : `${percent}%`);
  // Custom properties set through React's style prop go through the CSSOM, which CSP allows.
  const fillStyle = determinate
    ? ({ '--progress': String((percent ?? 0) / 100) } as CSSProperties)
    : undefined;

  return (
    <div className={cx('progress', !determinate && 'progress--indeterminate', className)}>
      <div className="progress__labels">
        <span id={labelId}>{label}</span>
        {showValue && text && (
          <span className="progress__value" aria-hidden="true">
            {text}
          </span>
        )}
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={determinate ? text : (valueText ?? 'In progress')}
      >
        <div className="progress__fill" style={fillStyle} />
      </div>
    </div>
  );
}
