import { Checkbox, Select, TextField } from '../../ui';
import { formatSeconds, paramLabel } from './generation-format';
import { sizeFor } from './form-state';
import type { FormField, FormValues, Model, ParamSpec, ParamValue } from './form-state';

/** The largest seed the server takes. */
const MAX_SEED = 2_147_483_647;

export interface ModelFieldsProps {
  model: Model;
  values: FormValues;
  errors: Partial<Record<FormField, string>>;
  /** Changes some values; `field` names the control, whose message then goes. */
  onChange: (patch: Partial<FormValues>, field: FormField) => void;
}

function range(min: number, max: number): number[] {
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, index) => min + index);
}

/**
 * The settings the chosen model offers, and only those: how many, the aspect ratio (or a custom
 * width and height where the model has a size range), the length of a clip, and the seed.
 */
export function ModelFields({ model, values, errors, onChange }: ModelFieldsProps) {
  const caps = model.capabilities;
  const noun = model.kind === 'VIDEO' ? 'clips' : 'images';
  const ratioSize = sizeFor(caps, values.aspectRatio);
  const durations = model.kind === 'VIDEO' ? (caps.durations ?? []) : [];
  const size = caps.size;

  return (
    <div className="model-fields">
      <div className="model-fields__row">
        {caps.count.max > caps.count.min && (
          <Select
            label={`Number of ${noun}`}
            value={String(values.count)}
            options={range(caps.count.min, caps.count.max).map((count) => ({
              value: String(count),
              label: String(count),
            }))}
            onValueChange={(value) => onChange({ count: Number(value) }, 'count')}
            error={errors.count}
          />
        )}
        <Select
          label="Aspect ratio"
          value={values.aspectRatio}
          options={caps.aspectRatios.map((ratio) => ({ value: ratio, label: ratio }))}
          disabled={Boolean(size && values.customSize)}
          hint={
            size && values.customSize
              ? 'Set by the custom size.'
              : ratioSize
                ? `${ratioSize.width} × ${ratioSize.height} pixels`
                : undefined
          }
          onValueChange={(aspectRatio) => {
            const next = sizeFor(caps, aspectRatio);
            onChange(
              next
                ? { aspectRatio, width: String(next.width), height: String(next.height) }
                : { aspectRatio },
              'aspectRatio',
            );
          }}
          error={errors.aspectRatio}
        />
        {durations.length > 0 && (
          <Select
            label="Length"
            value={values.durationSeconds === null ? '' : String(values.durationSeconds)}
            options={durations.map((seconds) => ({
              value: String(seconds),
              label: formatSeconds(seconds),
            }))}
            onValueChange={(value) =>
              onChange({ durationSeconds: Number(value) }, 'durationSeconds')
            }
            error={errors.durationSeconds}
          />
        )}
      </div>
      {size && (
        <Checkbox
          label="Custom size"
          hint={`Width and height from ${size.min} to ${size.max} pixels, in steps of ${size.step}.`}
          checked={values.customSize}
          onChange={(event) => onChange({ customSize: event.currentTarget.checked }, 'width')}
        />
      )}
      {size && values.customSize && (
        <div className="model-fields__row">
          <TextField
            label="Width"
            type="number"
            inputMode="numeric"
            min={size.min}
            max={size.max}
            step={size.step}
            value={values.width}
            onChange={(event) => onChange({ width: event.currentTarget.value }, 'width')}
            error={errors.width}
          />
          <TextField
            label="Height"
            type="number"
            inputMode="numeric"
            min={size.min}
            max={size.max}
            step={size.step}
            value={values.height}
            onChange={(event) => onChange({ height: event.currentTarget.value }, 'height')}
            error={errors.height}
          />
        </div>
      )}
      {caps.seed && (
        <TextField
          label="Seed"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_SEED}
          step={1}
          placeholder="Random"
          value={values.seed}
          hint="Leave empty for a random one. The same seed and settings make the same result."
          onChange={(event) => onChange({ seed: event.currentTarget.value }, 'seed')}
          error={errors.seed}
        />
      )}
    </div>
  );
}

/** "From 1 to 20.", "At least 0.", "Up to 2.": a parameter's range for its hint. */
function rangeText(spec: ParamSpec): string | null {
  if (spec.min !== null && spec.max !== null) return `From ${spec.min} to ${spec.max}.`;
  if (spec.min !== null) return `At least ${spec.min}.`;
  if (spec.max !== null) return `Up to ${spec.max}.`;
  return null;
}

function ParamField({
  spec,
  value,
  error,
  onChange,
}: {
  spec: ParamSpec;
  value: ParamValue | undefined;
  error?: string;
  onChange: (value: ParamValue) => void;
}) {
  const label = paramLabel(spec.name);
  switch (spec.type) {
    case 'boolean':
      return (
        <Checkbox
          label={label}
          hint={spec.description}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
          error={error}
        />
      );
    case 'choice': {
      const choices = spec.choices ?? [];
      const options = choices.map((choice) => ({ value: choice, label: paramLabel(choice) }));
      return (
        <Select
          label={label}
          hint={spec.description}
          value={typeof value === 'string' ? value : ''}
          // Without a default the model decides; that is a choice too.
          options={
            typeof spec.default === 'string'
              ? options
              : [{ value: '', label: 'Model’s default' }, ...options]
          }
          onValueChange={onChange}
          error={error}
        />
      );
    }
    case 'number':
    case 'integer': {
      const limits = rangeText(spec);
      return (
        <TextField
          label={label}
          type="number"
          inputMode={spec.type === 'integer' ? 'numeric' : 'decimal'}
          min={spec.min ?? undefined}
          max={spec.max ?? undefined}
          step={spec.type === 'integer' ? 1 : 'any'}
          hint={limits ? `${spec.description} ${limits}` : spec.description}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
        />
      );
    }
    default:
      return (
        <TextField
          label={label}
          hint={spec.description}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
          error={error}
        />
      );
  }
}

/** The model's extra parameters, each drawn from its spec (number, integer, boolean, choice, text). */
export function ParamFields({ model, values, errors, onChange }: ModelFieldsProps) {
  const specs = model.capabilities.params;
  if (specs.length === 0) return null;
  return (
    <fieldset className="param-fields">
      <legend className="field__label">Model settings</legend>
      <div className="param-fields__grid">
        {specs.map((spec) => (
          <ParamField
            key={spec.name}
            spec={spec}
            value={values.params[spec.name]}
            error={errors[`params.${spec.name}`]}
            onChange={(value) =>
              onChange({ params: { ...values.params, [spec.name]: value } }, `params.${spec.name}`)
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
