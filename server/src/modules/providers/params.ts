import type { ParamSpec, ProviderModel } from './provider';

/** A problem with one field of a generation request; `field` is e.g. `width` or `params.steps`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Checks a request's provider-specific `params` against the model's declared ParamSpecs: unknown
 * names, types, ranges (for strings, min/max bound the length) and choices. `value` holds the
 * known params in declaration order with defaults filled in; null or undefined count as absent.
 * Pure: it never throws, so the pipeline can report every error at once before charging.
 */
export function validateParams(
  model: Pick<ProviderModel, 'capabilities'>,
  params: unknown,
): { value: Record<string, unknown>; errors: FieldError[] } {
  const specs = model.capabilities.params ?? [];
  const value: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  if (params !== null && params !== undefined && !isPlainObject(params)) {
    return { value, errors: [{ field: 'params', message: 'params must be an object' }] };
  }
  const given = (params ?? {}) as Record<string, unknown>;
  const known = new Set(specs.map((spec) => spec.name));
  for (const name of Object.keys(given)) {
    if (known.has(name)) continue;
    const offered = specs.length
      ? `it takes ${specs.map((s) => s.name).join(', ')}`
      : 'it takes none';
    errors.push({
      field: `params.${name}`,
      message: `This model has no parameter "${name}" (${offered})`,
    });
  }
  for (const spec of specs) {
    const raw = Object.hasOwn(given, spec.name) ? given[spec.name] : undefined;
    if (raw === undefined || raw === null) {
      if (spec.default !== undefined) value[spec.name] = spec.default;
      continue;
    }
    const message = checkValue(spec, raw);
    if (message) errors.push({ field: `params.${spec.name}`, message });
    else value[spec.name] = raw;
  }
  return { value, errors };
}

/** Why a value does not fit its spec, or null when it does. */
function checkValue(spec: ParamSpec, raw: unknown): string | null {
  const got = `(got ${JSON.stringify(raw) ?? String(raw)})`;
  const { name, min, max } = spec;
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const whole = spec.type === 'integer';
      const ok =
        typeof raw === 'number' &&
        Number.isFinite(raw) &&
        (!whole || Number.isInteger(raw)) &&
        (min === undefined || raw >= min) &&
        (max === undefined || raw <= max);
      return ok
        ? null
        : `${name} must be ${whole ? 'a whole number' : 'a number'}${range(spec)} ${got}`;
    }
    case 'boolean':
      return typeof raw === 'boolean' ? null : `${name} must be true or false ${got}`;
    case 'string': {
      const ok =
        typeof raw === 'string' &&
        (min === undefined || raw.length >= min) &&
        (max === undefined || raw.length <= max);
      return ok ? null : `${name} must be text${lengthRange(spec)} ${got}`;
    }
    case 'choice': {
      const choices = spec.choices ?? [];
      return typeof raw === 'string' && choices.includes(raw)
        ? null
        : `${name} must be one of ${choices.join(', ')} ${got}`;
    }
  }
}

function range({ min, max }: ParamSpec): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

function lengthRange({ min, max }: ParamSpec): string {
  if (min !== undefined && max !== undefined) return ` of ${min} to ${max} characters`;
  if (min !== undefined) return ` of at least ${min} characters`;
  if (max !== undefined) return ` of at most ${max} characters`;
  return '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
