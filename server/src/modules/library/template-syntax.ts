import type { FieldError } from '../providers/params';

/**
 * The prompt template language: plain text with `{{ placeholder }}`s. A placeholder is a declared
 * variable (`{{subject}}`), a field of the chosen character (`{{character.name}}`,
 * `{{character.description}}`, `{{character.<trait>}}`) or of the chosen AI model
 * (`{{model.name}}`, `{{model.description}}`, `{{model.tags}}`). Nothing else is special: there
 * are no expressions, so a template can never run code or reach data it was not given.
 */

export type Segment = { text: string } | { placeholder: Placeholder };

export interface Placeholder {
  /** The whole placeholder as written, e.g. `{{ character.name }}`. */
  source: string;
  /** `variable` for `{{subject}}`; `character` or `model` for dotted ones. */
  scope: 'variable' | 'character' | 'model';
  /** The variable's name, or the character's / model's field. */
  name: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
export const MODEL_FIELDS = ['name', 'description', 'tags'] as const;
/** Character fields every character has; any other `character.x` is a trait named x. */
export const CHARACTER_FIELDS = ['name', 'description'] as const;

/** Splits a body into text and placeholders, or reports where its syntax is wrong. */
export function parseTemplate(body: string): { segments: Segment[]; errors: FieldError[] } {
  const segments: Segment[] = [];
  const errors: FieldError[] = [];
  // Broken parts are reported and kept as plain text, so a preview still shows everything.
  const text = (value: string) => {
    const last = segments[segments.length - 1];
    if (last && 'text' in last) last.text += value;
    else if (value) segments.push({ text: value });
  };
  let at = 0;
  while (at < body.length) {
    const open = body.indexOf('{{', at);
    const close = body.indexOf('}}', at);
    if (close !== -1 && (open === -1 || close < open)) {
      errors.push(bodyError(body, close, 'has "}}" without a "{{" before it'));
      text(body.slice(at, close + 2));
      at = close + 2;
      continue;
    }
    if (open === -1) {
      text(body.slice(at));
      break;
    }
    text(body.slice(at, open));
    const end = body.indexOf('}}', open + 2);
    const nextOpen = body.indexOf('{{', open + 2);
    if (end === -1 || (nextOpen !== -1 && nextOpen < end)) {
      errors.push(bodyError(body, open, 'opens "{{" without closing it with "}}"'));
      const resume = nextOpen === -1 ? body.length : nextOpen;
      text(body.slice(open, resume));
      at = resume;
      continue;
    }
    const source = body.slice(open, end + 2);
    const placeholder = parsePlaceholder(source);
    if (placeholder) segments.push({ placeholder });
    else {
      errors.push(
        bodyError(
          body,
          open,
          `has ${source}, which is not a placeholder: write a variable name such as {{subject}}, or {{character.name}} / {{model.description}}`,
        ),
      );
      text(source);
    }
    at = end + 2;
  }
  return { segments, errors };
}

function parsePlaceholder(source: string): Placeholder | null {
  const path = source.slice(2, -2).trim().split('.');
  if (!path.every((part) => IDENTIFIER.test(part))) return null;
  if (path.length === 1) return { source, scope: 'variable', name: path[0]! };
  if (path.length !== 2) return null;
  const [root, name] = path as [string, string];
  if (root === 'character') return { source, scope: 'character', name };
  if (root === 'model') {
    return (MODEL_FIELDS as readonly string[]).includes(name)
      ? { source, scope: 'model', name }
      : null;
  }
  return null;
}

/** "body: line 2 opens …" with a 1-based line and column, so a person can find it. */
function bodyError(body: string, index: number, problem: string): FieldError {
  const before = body.slice(0, index).split('\n');
  const line = before.length;
  const column = before[before.length - 1]!.length + 1;
  return { field: 'body', message: `Line ${line}, column ${column} ${problem}.` };
}

export const placeholdersOf = (segments: Segment[]): Placeholder[] =>
  segments.flatMap((segment) => ('placeholder' in segment ? [segment.placeholder] : []));
