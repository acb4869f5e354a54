import type {
  TemplateVariableFieldsFragment,
  TemplateVariableInput,
  TemplateVariableType,
} from '../../../gql/graphql';
import { errorMessage, readApiError } from '../../account/api-errors';

/** A declared variable as the editor's row holds it (text being typed; choices one per line). */
export interface VariableRow {
  /** Stable React key: names change as people type. */
  key: string;
  name: string;
  type: TemplateVariableType;
  label: string;
  defaultValue: string;
  required: boolean;
  /** For CHOICE: the values offered, one per line. */
  choices: string;
}

/** Everything the template editor shows. */
export interface TemplateFormValues {
  name: string;
  body: string;
  variables: VariableRow[];
}

export const VARIABLE_TYPES: ReadonlyArray<{ value: TemplateVariableType; label: string }> = [
  { value: 'TEXT', label: 'Text' },
  { value: 'NUMBER', label: 'Number' },
  { value: 'CHOICE', label: 'Choice' },
];

/** The longest body the server keeps. */
export const MAX_BODY_LENGTH = 8000;
/** The most variables a template declares. */
export const MAX_VARIABLES = 30;

let rowCounter = 0;
function rowKey(): string {
  rowCounter += 1;
  return `variable-${rowCounter}`;
}

/** An empty row, or one for a placeholder the body already uses. */
export function newVariableRow(name = ''): VariableRow {
  return {
    key: rowKey(),
    name,
    type: 'TEXT',
    label: '',
    defaultValue: '',
    required: false,
    choices: '',
  };
}

/** A saved declaration as the editor's row. */
export function rowFromVariable(variable: TemplateVariableFieldsFragment): VariableRow {
  return {
    key: rowKey(),
    name: variable.name,
    type: variable.type,
    label: variable.label ?? '',
    defaultValue: variable.defaultValue ?? '',
    required: variable.required,
    choices: variable.choices.join('\n'),
  };
}

/** The choices typed one per line: trimmed, without blank lines. */
export function choiceList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A row as the server takes it: text trimmed, empty label and default left out. */
export function variableInput(row: VariableRow): TemplateVariableInput {
  return {
    name: row.name.trim(),
    type: row.type,
    label: row.label.trim() || null,
    defaultValue: row.defaultValue === '' ? null : row.defaultValue,
    required: row.required,
    choices: row.type === 'CHOICE' ? choiceList(row.choices) : [],
  };
}

/** Saved declarations as a draft takes them (without the cache's typenames). */
export function declaredInputs(
  variables: readonly TemplateVariableFieldsFragment[],
): TemplateVariableInput[] {
  return variables.map((variable) => ({
    name: variable.name,
    type: variable.type,
    label: variable.label,
    defaultValue: variable.defaultValue,
    required: variable.required,
    choices: [...variable.choices],
  }));
}

/**
 * The declarations for the live preview: rows without a name are still being written and are
 * left out, so a fresh row does not turn the preview into a list of complaints.
 */
export function previewVariables(rows: readonly VariableRow[]): TemplateVariableInput[] {
  return namedRows(rows).map(variableInput);
}

/** The rows that have a name: the ones the preview declares, in order. */
export function namedRows(rows: readonly VariableRow[]): VariableRow[] {
  return rows.filter((row) => row.name.trim() !== '');
}

/** Values for the preview or a run: declared names only, empty ones left to the defaults. */
export function givenValues(
  names: readonly string[],
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const given: Record<string, string> = {};
  for (const name of names) {
    const value = values[name];
    if (value !== undefined && value !== '') given[name] = value;
  }
  return given;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,39})\s*\}\}/g;

/** `{{subject}}`-style placeholders the body uses that no row declares, in order of use. */
export function undeclaredPlaceholders(body: string, rows: readonly VariableRow[]): string[] {
  const declared = new Set(rows.map((row) => row.name.trim()));
  const found: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (name === 'character' || name === 'model') continue;
    if (!declared.has(name) && !found.includes(name)) found.push(name);
  }
  return found;
}

/** One problem of a rendered template, with where it belongs. */
export interface TemplateProblem {
  field: string;
  message: string;
  /** Words for where the problem is: "Body", "Variable 2", "Value of subject"… */
  where: string;
  /** For syntax errors: the 1-based line and column in the body. */
  position: { line: number; column: number } | null;
}

const POSITION = /^Line (\d+), column (\d+)\b/;

/**
 * Names the place of a server field (`body`, `variables.1.name`, `variables.subject`,
 * `characterIds`, `aiModelId`) in the editor's words, and reads the line and column of a syntax
 * error.
 */
export function describeProblem(
  problem: { field: string; message: string },
  rows: readonly VariableRow[] = [],
  labels: Readonly<Record<string, string>> = {},
): TemplateProblem {
  const { field, message } = problem;
  const match = POSITION.exec(message);
  const position = match ? { line: Number(match[1]), column: Number(match[2]) } : null;
  let where = 'Template';
  if (field === 'body' || field === 'draft.body') where = 'Text';
  else if (field === 'characterIds' || field === 'characterId') where = 'Character';
  else if (field === 'aiModelId') where = 'AI model';
  else if (field === 'name') where = 'Name';
  else {
    const parts = field.replace(/^draft\./, '').split('.');
    if (parts[0] === 'variables' && parts[1] !== undefined) {
      if (/^\d+$/.test(parts[1])) {
        const index = Number(parts[1]);
        const name = rows[index]?.name.trim();
        where = name ? `Variable ${name}` : `Variable ${index + 1}`;
      } else {
        const row = rows.find((candidate) => candidate.name.trim() === parts[1]);
        where = `Value of ${labels[parts[1]] || row?.label.trim() || parts[1]}`;
      }
    } else if (parts[0] === 'variables') {
      where = 'Variables';
    }
  }
  return { field, message, where, position };
}

/** The character offset of a 1-based line and column in `text` (clamped to its length). */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let index = 0; index < Math.min(line - 1, lines.length); index += 1) {
    offset += lines[index]!.length + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** `text` with `insert` put in place of the selection; returns where the caret goes after it. */
export function insertAt(
  text: string,
  insert: string,
  selectionStart: number,
  selectionEnd: number,
): { text: string; caret: number } {
  const start = Math.max(0, Math.min(selectionStart, text.length));
  const end = Math.max(start, Math.min(selectionEnd, text.length));
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

/**
 * The preview's field problems by field, as the editor names them. The preview leaves out rows
 * without a name, so a declaration's index there (`variables.1.name`) is turned back into the
 * row's index in the editor with `rowIndex`; values (`variables.<name>`) keep their names.
 */
export function problemsByField(
  problems: ReadonlyArray<{ field: string; message: string }>,
  rowIndex: (previewIndex: number) => number = (index) => index,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { field, message } of problems) {
    const key = field
      .replace(/^draft\./, '')
      .replace(
        /^variables\.(\d+)\./,
        (_, index: string) => `variables.${rowIndex(Number(index))}.`,
      );
    fields[key] = fields[key] ? `${fields[key]} ${message}` : message;
  }
  return fields;
}

/** A refused save, sorted: messages under the fields the form shows, everything else above it. */
export function saveErrors(
  error: unknown,
  shown: (field: string) => boolean,
): { fields: Record<string, string>; form: string | null } {
  const api = readApiError(error);
  const fields: Record<string, string> = {};
  const leftOver: string[] = [];
  for (const [name, messages] of Object.entries(api.fieldErrors)) {
    const text = messages.join(' ');
    if (!text) continue;
    if (shown(name)) fields[name] = fields[name] ? `${fields[name]} ${text}` : text;
    else leftOver.push(text);
  }
  let form: string | null = null;
  if (api.code !== 'BAD_USER_INPUT' || Object.keys(api.fieldErrors).length === 0) {
    form = errorMessage(api);
  }
  if (leftOver.length > 0) form = [form, ...leftOver].filter(Boolean).join(' ');
  return { fields, form };
}

/** The fields of the template editor a save message can sit under. */
export function isTemplateField(field: string): boolean {
  return (
    field === 'name' ||
    field === 'body' ||
    field === 'variables' ||
    /^variables\.\d+\.(name|type|label|defaultValue|required|choices)$/.test(field)
  );
}
