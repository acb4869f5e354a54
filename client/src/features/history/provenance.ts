import type {
  GenerateAiModelFieldsFragment,
  GenerateCharacterFieldsFragment,
  GenerateTemplateFieldsFragment,
  GenerationDetailFragment,
  ReferenceSource,
} from '../../gql/graphql';

export type Provenance = NonNullable<GenerationDetailFragment['provenance']>;
export type LibrarySnapshot = Provenance['characters'][number];
export type TemplateSnapshot = NonNullable<Provenance['template']>;
export type ReferenceSnapshot = Provenance['references'][number];

/** How something a generation was made from compares with what it is now. */
export type SinceThen = 'same' | 'changed' | 'deleted';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

const traitText = (traits: ReadonlyArray<{ name: string; value: string }>) =>
  traits.map((trait) => `${trait.name}\u0000${trait.value}`);

/**
 * A character as the generation used it against the character now (undefined when it has been
 * deleted): changed when its name, description, traits or reference images are not the same.
 */
export function characterSinceThen(
  snapshot: LibrarySnapshot,
  current: GenerateCharacterFieldsFragment | undefined,
): SinceThen {
  if (!current) return 'deleted';
  const same =
    current.name === snapshot.name &&
    current.description === snapshot.description &&
    sameList(traitText(current.traits), traitText(snapshot.traits)) &&
    sameList(
      current.references.map((asset) => asset.sha256),
      snapshot.referenceHashes,
    );
  return same ? 'same' : 'changed';
}

/** An AI model as the generation used it against the model now (null when deleted). */
export function aiModelSinceThen(
  snapshot: LibrarySnapshot,
  current: GenerateAiModelFieldsFragment | null,
): SinceThen {
  if (!current || current.id !== snapshot.id) return 'deleted';
  const same =
    current.name === snapshot.name &&
    current.description === snapshot.description &&
    sameList(current.tags, snapshot.tags) &&
    sameList(
      current.references.map((asset) => asset.sha256),
      snapshot.referenceHashes,
    );
  return same ? 'same' : 'changed';
}

/** A template's text as used against the template now (null when deleted). */
export function templateSinceThen(
  snapshot: TemplateSnapshot,
  current: GenerateTemplateFieldsFragment | null,
): SinceThen {
  if (!snapshot.id || !current || current.id !== snapshot.id) return 'deleted';
  const variables = (list: TemplateSnapshot['variables']) =>
    JSON.stringify(
      list.map((variable) => [
        variable.name,
        variable.label,
        variable.type,
        variable.required,
        variable.defaultValue,
        variable.choices,
      ]),
    );
  const same =
    current.name === snapshot.name &&
    current.body === snapshot.body &&
    variables(current.variables) === variables(snapshot.variables);
  return same ? 'same' : 'changed';
}

/** "since deleted", "changed since", or nothing. */
export function sinceThenText(state: SinceThen): string | null {
  if (state === 'deleted') return 'since deleted';
  if (state === 'changed') return 'changed since';
  return null;
}

/** One image the generation used, with where to see it and whether it still exists. */
export interface ReferenceTile {
  assetId: string;
  sha256: string;
  source: ReferenceSource;
  sent: boolean;
  /** The character or AI model it came with, by its images' hashes then. */
  from: string | null;
  /** Where to show it, when known without asking the server. */
  picture: string | null;
  /**
   * `present`: it exists; `deleted`: it has been deleted since; `unknown`: not sent and no
   * longer with its character or model, so only the server can say.
   */
  state: 'present' | 'deleted' | 'unknown';
}

/**
 * The generation's images in the order sent, each found where it can be: among the images it
 * was given (every sent image is, unless deleted since), else among the images its characters
 * and AI model have now.
 */
export function referenceTiles(generation: GenerationDetailFragment): ReferenceTile[] {
  const snapshot = generation.provenance;
  if (!snapshot) return [];
  const pictures = new Map<string, string>();
  const library = [
    ...generation.characters.flatMap((character) => character.references),
    ...(generation.aiModel?.references ?? []),
  ];
  for (const asset of library) pictures.set(asset.id, asset.thumbnailUrl ?? asset.url);
  const given = new Map(
    generation.references.map((asset) => [asset.id, asset.thumbnailUrl ?? asset.url]),
  );
  const owners = [...snapshot.characters, ...(snapshot.aiModel ? [snapshot.aiModel] : [])];
  return snapshot.references.map((reference) => {
    const picture = given.get(reference.assetId) ?? pictures.get(reference.assetId) ?? null;
    let state: ReferenceTile['state'];
    if (picture) state = 'present';
    else state = reference.sent ? 'deleted' : 'unknown';
    const owner =
      reference.source === 'REQUEST'
        ? undefined
        : owners.find(
            (candidate) =>
              candidate.referenceHashes.includes(reference.sha256) &&
              (reference.source === 'AI_MODEL') === (candidate === snapshot.aiModel),
          );
    return {
      assetId: reference.assetId,
      sha256: reference.sha256,
      source: reference.source,
      sent: reference.sent,
      from: owner?.name ?? null,
      picture,
      state,
    };
  });
}

/** Whether an image the generation sent has been deleted: then it cannot be made again exactly. */
export function sentImageDeleted(tiles: readonly ReferenceTile[]): boolean {
  return tiles.some((tile) => tile.sent && tile.state === 'deleted');
}

/** The first 12 hex digits of a hash, enough to tell images apart by eye. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** Where an image came from, in words. */
export function sourceText(tile: Pick<ReferenceTile, 'source' | 'from'>): string {
  switch (tile.source) {
    case 'CHARACTER':
      return tile.from ? `Character: ${tile.from}` : 'A character';
    case 'AI_MODEL':
      return tile.from ? `AI model: ${tile.from}` : 'The AI model';
    default:
      return 'Given with the request';
  }
}
