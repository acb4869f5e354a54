import type {
  GenerateAiModelFieldsFragment,
  GenerateCharacterFieldsFragment,
  GenerationDetailFragment,
  ReferenceAssetFragment,
} from '../../gql/graphql';

export type PickedCharacter = GenerateCharacterFieldsFragment;
export type PickedAiModel = GenerateAiModelFieldsFragment;

/** How many characters one generation can have. */
export const MAX_CHARACTERS = 4;

/** The characters and AI model chosen from the library for a generation. */
export interface LibraryPicks {
  characters: PickedCharacter[];
  /** Chosen on purpose; null leaves it to the server, which takes the first character's. */
  aiModel: PickedAiModel | null;
}

export const NO_PICKS: LibraryPicks = { characters: [], aiModel: null };

/**
 * Adds a character, or takes it out when it is chosen already. A character beyond `max` is not
 * added (the list comes back unchanged).
 */
export function toggleCharacter(
  chosen: readonly PickedCharacter[],
  character: PickedCharacter,
  max = MAX_CHARACTERS,
): PickedCharacter[] {
  if (chosen.some((entry) => entry.id === character.id)) {
    return chosen.filter((entry) => entry.id !== character.id);
  }
  if (chosen.length >= max) return [...chosen];
  return [...chosen, character];
}

/**
 * The AI model the generation will use: the one chosen, else the one the first character
 * belongs to (as the server decides when none is given), with which of the two it is.
 */
export function effectiveAiModel(
  picks: LibraryPicks,
): { model: PickedAiModel; inherited: boolean } | null {
  if (picks.aiModel) return { model: picks.aiModel, inherited: false };
  const first = picks.characters[0]?.aiModel;
  return first ? { model: first, inherited: true } : null;
}

/** How the reference images of a generation will go: how many there are and how many are sent. */
export interface ReferencePlan {
  /** Distinct images: the form's own, then the characters', then the AI model's. */
  total: number;
  /** The form's own images (all of them are sent). */
  own: number;
  /** Images of the characters and AI model that are not among the form's own. */
  library: number;
  /** How many of all of them go to the model. */
  sent: number;
  /** How many the model takes. */
  capacity: number;
}

/**
 * The reference images, counted as the server sends them: the form's own first, then each
 * character's in order, then the AI model's, each image once, as far as the model takes them.
 */
export function referencePlan(
  ownIds: readonly string[],
  picks: LibraryPicks,
  capacity: number,
): ReferencePlan {
  const own = [...new Set(ownIds)];
  const model = effectiveAiModel(picks)?.model;
  const fromLibrary = [
    ...picks.characters.flatMap((character) => character.references.map((asset) => asset.id)),
    ...(model?.references.map((asset) => asset.id) ?? []),
  ];
  const library = [...new Set(fromLibrary)].filter((id) => !own.includes(id));
  const room = Math.max(0, capacity - own.length);
  return {
    total: own.length + library.length,
    own: own.length,
    library: library.length,
    sent: own.length + Math.min(library.length, room),
    capacity,
  };
}

function images(count: number): string {
  return `${count} reference image${count === 1 ? '' : 's'}`;
}

/**
 * What happens to the chosen characters' and AI model's images, in a sentence: "2 of 3
 * reference images will be sent; this model takes 2", or that the model takes none and only the
 * descriptions go into the prompt. Null when nothing is chosen from the library.
 */
export function referenceSummary(
  plan: ReferencePlan,
  picks: LibraryPicks,
  modelName: string,
): string | null {
  const chosen = picks.characters.length > 0 || effectiveAiModel(picks) !== null;
  if (!chosen) return null;
  if (plan.capacity === 0) {
    return `${modelName} takes no reference images: only the descriptions go into the prompt.`;
  }
  if (plan.library === 0) {
    return 'No reference images come with these: only their descriptions go into the prompt.';
  }
  const left = plan.total - plan.sent;
  const note = left > 0 ? ` The first ones go; ${left} ${left === 1 ? 'is' : 'are'} left out.` : '';
  return `${plan.sent} of ${images(plan.total)} will be sent; this model takes ${plan.capacity}.${note}`;
}

/**
 * The characters and AI model of an earlier generation, for "Use these settings again": those
 * that still exist, as they are now. An AI model that came from the first character is left to
 * come from it again. `gone` names what was used then and has been deleted since.
 */
export function picksFromGeneration(generation: GenerationDetailFragment): {
  picks: LibraryPicks;
  gone: string[];
} {
  const characters = generation.characters.slice(0, MAX_CHARACTERS);
  const model = generation.aiModel;
  const inherited = model !== null && characters[0]?.aiModel?.id === model.id;
  const snapshot = generation.provenance;
  const present = new Set(characters.map((character) => character.id));
  const gone = (snapshot?.characters ?? [])
    .filter((character) => !present.has(character.id))
    .map((character) => character.name);
  if (snapshot?.aiModel && !model) gone.push(snapshot.aiModel.name);
  return { picks: { characters, aiModel: inherited ? null : model }, gone };
}

/**
 * The images an earlier generation was given in the form itself (not through its characters or
 * AI model, which bring theirs again), that still exist.
 */
export function ownReferencesOf(generation: GenerationDetailFragment): ReferenceAssetFragment[] {
  const snapshot = generation.provenance;
  if (!snapshot) return generation.references;
  const own = new Set(
    snapshot.references
      .filter((reference) => reference.source === 'REQUEST')
      .map((reference) => reference.assetId),
  );
  return generation.references.filter((asset) => own.has(asset.id));
}
