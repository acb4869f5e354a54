import { signedUp } from './support/billing';
import type { BrowserClient } from './support/browser-client';
import {
  CREATE_AI_MODEL,
  CREATE_CHARACTER,
  UPDATE_CHARACTER,
  uploads,
  type Persona,
} from './support/library';
import { startStorageTestServer } from './support/storage';
import type { TestServer } from './support/test-server';

type Character = Persona & {
  traits: Array<{ name: string; value: string }>;
  aiModel: { id: string; name: string } | null;
};

const fieldsOf = (extensions: Record<string, unknown>) =>
  (extensions.fieldErrors as Array<{ field: string }>).map((error) => error.field);

describe('library: AI models and characters', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startStorageTestServer();
  });
  afterAll(() => server.stop());

  const person = (name = 'Library Person') => signedUp(server, name);

  async function createCharacter(browser: BrowserClient, input: Record<string, unknown>) {
    return (await browser.ok<{ createCharacter: Character }>(CREATE_CHARACTER, { input }))
      .createCharacter;
  }

  it('creates a character with ordered references, a default cover and traits', async () => {
    const browser = await person();
    const [a, b, c] = await uploads(browser, 3);
    const mira = await createCharacter(browser, {
      name: '  Mira ',
      description: 'a courier with silver hair',
      traits: [{ name: 'outfit', value: 'a red raincoat' }],
      referenceAssetIds: [b!.id, a!.id, c!.id],
    });
    expect(mira).toMatchObject({
      name: 'Mira',
      traits: [{ name: 'outfit', value: 'a red raincoat' }],
      aiModel: null,
    });
    expect(mira.references.map((r) => r.id)).toEqual([b!.id, a!.id, c!.id]);
    expect(mira.cover!.id).toBe(b!.id);
    expect((await fetch(mira.cover!.thumbnailUrl!)).status).toBe(200);

    const updated = (
      await browser.ok<{ updateCharacter: Character }>(UPDATE_CHARACTER, {
        input: { id: mira.id, referenceAssetIds: [c!.id, a!.id], coverAssetId: a!.id },
      })
    ).updateCharacter;
    expect(updated.references.map((r) => r.id)).toEqual([c!.id, a!.id]);
    expect(updated.cover!.id).toBe(a!.id);
    // Fields left out keep their values.
    expect(updated).toMatchObject({ name: 'Mira', description: 'a courier with silver hair' });

    // A cover that leaves the references falls back to the first one.
    const reordered = (
      await browser.ok<{ updateCharacter: Character }>(UPDATE_CHARACTER, {
        input: { id: mira.id, referenceAssetIds: [c!.id] },
      })
    ).updateCharacter;
    expect(reordered.cover!.id).toBe(c!.id);
  });

  it('links a character to an AI model, and both list their relations', async () => {
    const browser = await person();
    const [image] = await uploads(browser, 1);
    const { createAiModel: model } = await browser.ok<{
      createAiModel: Persona & { tags: string[] };
    }>(CREATE_AI_MODEL, {
      input: {
        name: 'Studio North',
        description: 'soft window light',
        tags: ['film', 'warm', 'film'],
        referenceAssetIds: [image!.id],
      },
    });
    expect(model.tags).toEqual(['film', 'warm']);
    const ren = await createCharacter(browser, { name: 'Ren', aiModelId: model.id });
    expect(ren.aiModel).toEqual({ id: model.id, name: 'Studio North' });
    const { aiModel } = await browser.ok<{ aiModel: { characters: Array<{ id: string }> } }>(
      'query ($id: ID!) { aiModel(id: $id) { characters { id } } }',
      { id: model.id },
    );
    expect(aiModel.characters).toEqual([{ id: ren.id }]);

    const detached = (
      await browser.ok<{ updateCharacter: Character }>(UPDATE_CHARACTER, {
        input: { id: ren.id, aiModelId: null },
      })
    ).updateCharacter;
    expect(detached.aiModel).toBeNull();

    // Deleting the model keeps its characters (and the link is gone).
    await createCharacter(browser, { name: 'Kai', aiModelId: model.id });
    await browser.ok('mutation ($id: ID!) { deleteAiModel(id: $id) }', { id: model.id });
    const { characters } = await browser.ok<{
      characters: { edges: Array<{ node: { name: string; aiModel: null } }> };
    }>('{ characters(first: 10) { edges { node { name aiModel { id } } } } }');
    expect(characters.edges.map((e) => e.node)).toEqual([
      { name: 'Kai', aiModel: null },
      { name: 'Ren', aiModel: null },
    ]);
  });

  it('says which characters and AI models use an image', async () => {
    const browser = await person();
    const [shared, other] = await uploads(browser, 2);
    await createCharacter(browser, { name: 'Bo', referenceAssetIds: [shared!.id] });
    await createCharacter(browser, { name: 'Al', referenceAssetIds: [shared!.id, other!.id] });
    await browser.ok(CREATE_AI_MODEL, { input: { name: 'Mo', referenceAssetIds: [other!.id] } });
    const USAGE = `query ($a: ID!, $b: ID!) {
      a: asset(id: $a) { usedByCharacters { name } usedByAiModels { name } }
      b: asset(id: $b) { usedByCharacters { name } usedByAiModels { name } }
    }`;
    expect(await browser.ok(USAGE, { a: shared!.id, b: other!.id })).toEqual({
      a: { usedByCharacters: [{ name: 'Al' }, { name: 'Bo' }], usedByAiModels: [] },
      b: { usedByCharacters: [{ name: 'Al' }], usedByAiModels: [{ name: 'Mo' }] },
    });
  });

  it('refuses bad input with field errors and saves nothing', async () => {
    const browser = await person();
    const stranger = await person('Someone Else');
    const [mine] = await uploads(browser, 1);
    const [theirs] = await uploads(stranger, 1);
    const tooMany = await uploads(browser, 11, 24);

    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ name: '' }, ['name']],
      [{ name: 'x'.repeat(101) }, ['name']],
      [{ name: 'Ok', description: 'x'.repeat(4001) }, ['description']],
      [{ name: 'Ok', referenceAssetIds: tooMany.map((a) => a.id) }, ['referenceAssetIds']],
      [{ name: 'Ok', referenceAssetIds: [theirs!.id] }, ['referenceAssetIds']],
      [{ name: 'Ok', referenceAssetIds: [mine!.id, mine!.id] }, ['referenceAssetIds']],
      [{ name: 'Ok', referenceAssetIds: [mine!.id], coverAssetId: theirs!.id }, ['coverAssetId']],
      [{ name: 'Ok', traits: [{ name: 'name', value: 'x' }] }, ['traits.0.name']],
      [
        {
          name: 'Ok',
          traits: [
            { name: 'hat', value: 'x' },
            { name: 'hat', value: 'y' },
          ],
        },
        ['traits.1.name'],
      ],
      [{ name: 'Ok', traits: [{ name: 'has space', value: 'x' }] }, ['traits.0.name']],
    ];
    for (const [input, fields] of cases) {
      const refused = await browser.fails(CREATE_CHARACTER, { input });
      expect({ input, code: refused.code }).toEqual({ input, code: 'BAD_USER_INPUT' });
      for (const field of fields) expect(refused.message).toContain(field);
    }
    const { createAiModel: theirModel } = await stranger.ok<{ createAiModel: Persona }>(
      CREATE_AI_MODEL,
      { input: { name: 'Theirs' } },
    );
    const refused = await browser.fails(CREATE_CHARACTER, {
      input: { name: 'Ok', aiModelId: theirModel.id },
    });
    expect(fieldsOf(refused.extensions)).toEqual(['aiModelId']);

    const { characters } = await browser.ok<{ characters: { edges: unknown[] } }>(
      '{ characters(first: 10) { edges { cursor } } }',
    );
    expect(characters.edges).toEqual([]);
  });

  it("treats another user's items as not found, by every operation", async () => {
    const alice = await person('Alice');
    const bob = await person('Bob');
    const secret = await createCharacter(alice, { name: 'Secret', description: 'hidden' });
    const { createAiModel: model } = await alice.ok<{ createAiModel: Persona }>(CREATE_AI_MODEL, {
      input: { name: 'Private model' },
    });
    const attempts = [
      ['query ($id: ID!) { character(id: $id) { name } }', secret.id],
      ['mutation ($id: ID!) { deleteCharacter(id: $id) }', secret.id],
      ['query ($id: ID!) { aiModel(id: $id) { name } }', model.id],
      ['mutation ($id: ID!) { deleteAiModel(id: $id) }', model.id],
    ] as const;
    for (const [query, id] of attempts) {
      expect((await bob.fails(query, { id })).code).toBe('NOT_FOUND');
    }
    // Ids that cannot name anything are as unknown as another user's.
    for (const query of [
      'query ($id: ID!) { character(id: $id) { name } }',
      'query ($id: ID!) { aiModel(id: $id) { name } }',
      'query ($id: ID!) { recipe(id: $id) { name } }',
      'query ($id: ID!) { promptTemplate(id: $id) { name } }',
      'query ($id: ID!) { generation(id: $id) { id } }',
      'mutation ($id: ID!) { deleteRecipe(id: $id) }',
      'mutation ($id: ID!) { duplicateRecipe(id: $id) { id } }',
      'mutation ($id: ID!) { runGenerationAgain(id: $id) { id } }',
      'mutation ($id: ID!) { cancelGeneration(id: $id) { id } }',
    ]) {
      expect({ query, code: (await bob.fails(query, { id: 'nope' })).code }).toEqual({
        query,
        code: 'NOT_FOUND',
      });
    }
    const update = await bob.fails(UPDATE_CHARACTER, { input: { id: secret.id, name: 'Mine' } });
    expect(update.code).toBe('NOT_FOUND');
    const { characters } = await bob.ok<{ characters: { edges: unknown[] } }>(
      '{ characters(first: 10, search: "Secret") { edges { cursor } } }',
    );
    expect(characters.edges).toEqual([]);
    const { character } = await alice.ok<{ character: { name: string } }>(
      'query ($id: ID!) { character(id: $id) { name } }',
      { id: secret.id },
    );
    expect(character.name).toBe('Secret');
  });

  it('searches names, descriptions, traits and tags, and pages with first/after', async () => {
    const browser = await person();
    for (const [name, description, outfit] of [
      ['Ada', 'a mathematician', 'velvet coat'],
      ['Grace', 'an admiral', 'navy uniform'],
      ['Linus', 'a penguin fan', 'hoodie'],
      ['100%_real', 'odd name', 'none'],
    ]) {
      await createCharacter(browser, {
        name,
        description,
        traits: [{ name: 'outfit', value: outfit }],
      });
    }
    const search = async (text: string) =>
      (
        await browser.ok<{ characters: { edges: Array<{ node: { name: string } }> } }>(
          'query ($q: String) { characters(first: 10, search: $q) { edges { node { name } } } }',
          { q: text },
        )
      ).characters.edges.map((e) => e.node.name);
    expect(await search('ADMIRAL')).toEqual(['Grace']);
    expect(await search('velvet')).toEqual(['Ada']);
    expect(await search('%_')).toEqual(['100%_real']);
    expect(await search('')).toHaveLength(4);

    const PAGE = `query ($after: String) { characters(first: 3, after: $after) {
      edges { node { name } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      characters: {
        edges: Array<{ node: { name: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = (await browser.ok<Page>(PAGE)).characters;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await browser.ok<Page>(PAGE, { after: first.pageInfo.endCursor })).characters;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges].map((e) => e.node.name)).toEqual([
      '100%_real',
      'Linus',
      'Grace',
      'Ada',
    ]);
    expect((await browser.fails(PAGE, { after: 'nonsense' })).code).toBe('BAD_USER_INPUT');
  });

  it('reads a page of 50 characters with references and covers in a constant number of statements', async () => {
    const browser = await person();
    const images = await uploads(browser, 2);
    const { createAiModel: model } = await browser.ok<{ createAiModel: Persona }>(CREATE_AI_MODEL, {
      input: { name: 'Shared model', referenceAssetIds: [images[0]!.id] },
    });
    for (let i = 0; i < 50; i++) {
      await createCharacter(browser, {
        name: `Character ${i}`,
        aiModelId: model.id,
        referenceAssetIds: images.map((image) => image.id),
      });
    }
    const PAGE = `query ($first: Int!) { characters(first: $first) { edges { node {
      id name references { id url thumbnailUrl } cover { url thumbnailUrl }
      aiModel { name cover { thumbnailUrl } }
    } } } }`;
    const statements: string[] = [];
    const spy = jest
      .spyOn(server.runtime.dataSource.logger, 'logQuery')
      .mockImplementation((query: string) => {
        if (!/heartbeat|graphile|rate_limit|sessions|users/.test(query)) statements.push(query);
      });
    try {
      const counts: number[] = [];
      for (const first of [2, 50]) {
        statements.length = 0;
        const page = await browser.ok<{
          characters: { edges: Array<{ node: { references: unknown[]; cover: unknown } }> };
        }>(PAGE, { first });
        expect(page.characters.edges).toHaveLength(first);
        expect(page.characters.edges.every(({ node }) => node.references.length === 2)).toBe(true);
        counts.push(statements.length);
      }
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[1]).toBe(counts[0]);
    } finally {
      spy.mockRestore();
    }
  });
});
