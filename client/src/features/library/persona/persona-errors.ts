import { errorMessage, readApiError } from '../../account/api-errors';

/** Messages for one trait row, by its position when the form was sent. */
export interface RowErrors {
  name?: string;
  value?: string;
}

/** A refused save, sorted for the form: under fields, under trait rows, and for the whole form. */
export interface PersonaErrors<Field extends string> {
  fields: Partial<Record<Field, string>>;
  rows: Record<number, RowErrors>;
  form: string | null;
}

/** Server fields shown under another field of the form: the cover sits with the images. */
const ALIASES: Record<string, string> = { coverAssetId: 'referenceAssetIds' };

const ROW_FIELD = /^traits\.(\d+)\.(name|value)$/;

/**
 * Sorts a failed create or update of an AI model or character: each `fieldErrors` entry goes
 * under its field (`traits.2.name` under the third trait row's name, `coverAssetId` under the
 * images), messages for fields the form does not show and every other code above the Save
 * button. `what` names the thing for NOT_FOUND ("character").
 */
export function personaErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  what: string,
): PersonaErrors<Field> {
  const api = readApiError(error);
  const known = new Set<string>(fields);
  const result: PersonaErrors<Field> = { fields: {}, rows: {}, form: null };
  const leftOver: string[] = [];

  for (const [name, messages] of Object.entries(api.fieldErrors)) {
    const text = messages.join(' ');
    if (!text) continue;
    const row = ROW_FIELD.exec(name);
    if (row && known.has('traits')) {
      const index = Number(row[1]);
      const part = row[2] as keyof RowErrors;
      const entry = (result.rows[index] ??= {});
      entry[part] = entry[part] ? `${entry[part]} ${text}` : text;
      continue;
    }
    const field = ALIASES[name] ?? name;
    if (known.has(field)) {
      const key = field as Field;
      result.fields[key] = result.fields[key] ? `${result.fields[key]} ${text}` : text;
    } else {
      leftOver.push(text);
    }
  }

  if (api.code === 'NOT_FOUND') {
    result.form = `This ${what} no longer exists: it was deleted, perhaps in another tab.`;
  } else if (api.code !== 'BAD_USER_INPUT' || Object.keys(api.fieldErrors).length === 0) {
    result.form = errorMessage(api);
  }
  if (leftOver.length > 0) result.form = [result.form, ...leftOver].filter(Boolean).join(' ');
  return result;
}
