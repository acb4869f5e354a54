/** A trait as the API gives and takes it. */
export interface Trait {
  name: string;
  value: string;
}

/** A trait row in the form; `key` keeps React's rows apart while they are edited and removed. */
export interface TraitRow extends Trait {
  key: string;
}

/** How a trait name must look (the server's rule): it is used in templates as {{character.<name>}}. */
export const TRAIT_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

/** Names that are the character's own fields, so not traits. */
const RESERVED = new Set(['name', 'description']);

/** The most traits a character has (the server's limit). */
export const TRAIT_LIMIT = 20;

let counter = 0;

/** A row for the form, with a fresh key. */
export function traitRow(trait: Trait = { name: '', value: '' }): TraitRow {
  counter += 1;
  return { key: `trait-${counter}`, name: trait.name, value: trait.value };
}

/** "outfit: a red raincoat · hair: short": a card's one-line summary of traits. */
export function traitSummary(traits: readonly Trait[]): string {
  return traits.map((trait) => `${trait.name}: ${trait.value}`).join(' · ');
}

/** Problems of one row found before sending, or null. Blank rows are left out, not errors. */
export function traitRowProblems(
  row: Trait,
  earlierNames: ReadonlySet<string>,
): { name?: string; value?: string } | null {
  const name = row.name.trim();
  const value = row.value.trim();
  if (!name && !value) return null;
  const problems: { name?: string; value?: string } = {};
  if (!name) problems.name = 'Name the trait, e.g. outfit.';
  else if (!TRAIT_NAME.test(name))
    problems.name =
      'Use letters, digits and _ (up to 40), starting with a letter: e.g. hair_color.';
  else if (RESERVED.has(name))
    problems.name = `"${name}" is the character's own field; name the trait otherwise.`;
  else if (earlierNames.has(name)) problems.name = `"${name}" is there twice.`;
  if (!value) problems.value = 'Describe the trait.';
  return problems.name || problems.value ? problems : null;
}

/** The rows to send: trimmed, blank rows left out. */
export function traitsToSend(rows: readonly Trait[]): Trait[] {
  return rows
    .map((row) => ({ name: row.name.trim(), value: row.value.trim() }))
    .filter((row) => row.name || row.value);
}
