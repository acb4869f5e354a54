import type { GenerationDetailFragment } from '../../gql/graphql';
import {
  generation,
  libraryAsset,
  libraryCharacter,
  libraryModel,
  provenance,
  snapshot,
} from '../../testing/generation-fixtures';
import {
  MAX_CHARACTERS,
  effectiveAiModel,
  ownReferencesOf,
  picksFromGeneration,
  referencePlan,
  referenceSummary,
  toggleCharacter,
} from './library-picks';
import type { LibraryPicks, PickedAiModel, PickedCharacter } from './library-picks';

const nova = libraryModel('model-nova', 'Nova', {
  references: [libraryAsset('nova-1')],
}) as unknown as PickedAiModel;
const mira = libraryCharacter('char-mira', 'Mira', {
  references: [libraryAsset('mira-1'), libraryAsset('mira-2')],
  aiModel: nova,
}) as unknown as PickedCharacter;
const juno = libraryCharacter('char-juno', 'Juno', {
  references: [libraryAsset('juno-1'), libraryAsset('mira-2')],
}) as unknown as PickedCharacter;
const bare = (id: string) => libraryCharacter(id, id) as unknown as PickedCharacter;

describe('toggleCharacter', () => {
  it('adds a character, takes a chosen one out, and stops at the most a generation takes', () => {
    let chosen = toggleCharacter([], mira);
    chosen = toggleCharacter(chosen, juno);
    expect(chosen.map((character) => character.name)).toEqual(['Mira', 'Juno']);
    expect(toggleCharacter(chosen, mira).map((character) => character.name)).toEqual(['Juno']);

    const full = ['a', 'b', 'c', 'd'].map(bare);
    expect(full).toHaveLength(MAX_CHARACTERS);
    expect(toggleCharacter(full, mira).map((character) => character.id)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    // A full list still lets one go.
    expect(toggleCharacter(full, full[1]!)).toHaveLength(3);
  });
});

describe('effectiveAiModel', () => {
  it('is the chosen model, else the one the first character belongs to', () => {
    expect(effectiveAiModel({ characters: [], aiModel: null })).toBeNull();
    expect(effectiveAiModel({ characters: [juno, mira], aiModel: null })).toBeNull();
    expect(effectiveAiModel({ characters: [mira, juno], aiModel: null })).toEqual({
      model: nova,
      inherited: true,
    });
    const other = libraryModel('model-other', 'Other') as unknown as PickedAiModel;
    expect(effectiveAiModel({ characters: [mira], aiModel: other })).toEqual({
      model: other,
      inherited: false,
    });
  });
});

describe('referencePlan and referenceSummary', () => {
  const picks: LibraryPicks = { characters: [mira, juno], aiModel: null };

  it('counts each image once, the form’s own first, then characters’, then the model’s', () => {
    // mira-1, mira-2, juno-1 (mira-2 again is the same image), nova-1 from Mira's model.
    expect(referencePlan([], picks, 2)).toEqual({
      total: 4,
      own: 0,
      library: 4,
      sent: 2,
      capacity: 2,
    });
    // The form's own images always go and take room first; one of them is also Mira's.
    expect(referencePlan(['upload-1', 'mira-1'], picks, 3)).toEqual({
      total: 5,
      own: 2,
      library: 3,
      sent: 3,
      capacity: 3,
    });
    expect(referencePlan([], { characters: [juno], aiModel: null }, 8).sent).toBe(2);
  });

  it('says how many images will be sent, and that only descriptions go without any', () => {
    const plan = referencePlan([], { characters: [juno], aiModel: null }, 8);
    expect(referenceSummary(plan, { characters: [juno], aiModel: null }, 'Built-in image')).toBe(
      '2 of 2 reference images will be sent; this model takes 8.',
    );
    const three = { characters: [mira], aiModel: null };
    expect(referenceSummary(referencePlan([], three, 2), three, 'Built-in image')).toBe(
      '2 of 3 reference images will be sent; this model takes 2. The first ones go; 1 is left out.',
    );
    expect(referenceSummary(referencePlan([], picks, 0), picks, 'Acme XL')).toBe(
      'Acme XL takes no reference images: only the descriptions go into the prompt.',
    );
    const imageless = { characters: [bare('x')], aiModel: null };
    expect(referenceSummary(referencePlan([], imageless, 2), imageless, 'Built-in image')).toBe(
      'No reference images come with these: only their descriptions go into the prompt.',
    );
    expect(
      referenceSummary(
        referencePlan(['u'], { characters: [], aiModel: null }, 2),
        { characters: [], aiModel: null },
        'x',
      ),
    ).toBeNull();
  });
});

describe('picksFromGeneration and ownReferencesOf', () => {
  it('restores the characters and model that still exist, and names the ones deleted since', () => {
    const earlier = generation({
      characters: [mira],
      aiModel: nova,
      provenance: provenance({
        characters: [snapshot('char-mira', 'Mira'), snapshot('char-gone', 'Gone girl')],
        aiModel: snapshot('model-nova', 'Nova'),
      }),
    }) as unknown as GenerationDetailFragment;
    const restored = picksFromGeneration(earlier);
    // Nova came from Mira, so it is left to come from her again.
    expect(restored.picks).toEqual({ characters: [mira], aiModel: null });
    expect(restored.gone).toEqual(['Gone girl']);

    const chosenModel = generation({
      characters: [juno],
      aiModel: nova,
      provenance: provenance({ aiModel: snapshot('model-nova', 'Nova') }),
    }) as unknown as GenerationDetailFragment;
    expect(picksFromGeneration(chosenModel).picks.aiModel).toBe(nova);

    const modelGone = generation({
      provenance: provenance({ aiModel: snapshot('model-x', 'Old model') }),
    }) as unknown as GenerationDetailFragment;
    expect(picksFromGeneration(modelGone).gone).toEqual(['Old model']);
  });

  it('keeps only the images given in the form itself', () => {
    const reference = (id: string) => ({
      __typename: 'Asset',
      id,
      url: `/files/${id}`,
      thumbnailUrl: null,
      width: 1,
      height: 1,
    });
    const snap = (assetId: string, source: string) => ({
      __typename: 'ReferenceSnapshot',
      assetId,
      sha256: assetId.padEnd(64, '0'),
      source,
      sent: true,
    });
    const earlier = generation({
      references: [reference('upload-1'), reference('mira-1')],
      provenance: provenance({
        references: [snap('upload-1', 'REQUEST'), snap('mira-1', 'CHARACTER')],
      }),
    }) as unknown as GenerationDetailFragment;
    expect(ownReferencesOf(earlier).map((asset) => asset.id)).toEqual(['upload-1']);
    // Before the library, every image was the form's own.
    const old = generation({
      references: [reference('upload-1')],
      provenance: null,
    }) as unknown as GenerationDetailFragment;
    expect(ownReferencesOf(old).map((asset) => asset.id)).toEqual(['upload-1']);
  });
});
