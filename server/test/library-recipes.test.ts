import { verifyLedger } from '../src/modules/credits/ledger-verifier';
import { createLocalProvider } from '../src/modules/providers/local/local-provider';
import type { BrowserClient } from './support/browser-client';
import { FINAL, START, type Started } from './support/generations';
import {
  CREATE_AI_MODEL,
  CREATE_CHARACTER,
  CREATE_TEMPLATE,
  fieldsAtFault,
  fundedPerson,
  uploads,
  walletOf,
  type Persona,
} from './support/library';
import { startTestServer, type TestServer } from './support/test-server';

/** Every field of a version, as the recipe page reads it. */
const VERSION = `id version kind provider model note
  template { id name body variables { name type label defaultValue required choices } }
  settings { prompt negativePrompt count aspectRatio width height durationSeconds seed params }
  variables characters { id name } aiModel { id name } references { id }`;
const RECIPE_VIEW = `id name description latestVersionNumber
  latestVersion { ${VERSION} } versions { ${VERSION} } first: version(version: 1) { ${VERSION} }`;
const RECIPE = `query ($id: ID!) { recipe(id: $id) { ${RECIPE_VIEW} } }`;
const CREATE = `mutation ($input: CreateRecipeInput!) { createRecipe(input: $input) { ${RECIPE_VIEW} } }`;
const UPDATE = `mutation ($input: UpdateRecipeInput!) { updateRecipe(input: $input) { ${RECIPE_VIEW} } }`;
const RENAME = `mutation ($input: RenameRecipeInput!) { renameRecipe(input: $input) { ${RECIPE_VIEW} } }`;
const DUPLICATE = `mutation ($id: ID!, $name: String) { duplicateRecipe(id: $id, name: $name) { ${RECIPE_VIEW} } }`;
const DELETE = 'mutation ($id: ID!) { deleteRecipe(id: $id) }';
const LIST = `query ($first: Int!, $after: String, $search: String) {
  recipes(first: $first, after: $after, search: $search) {
    edges { cursor node { id name } } pageInfo { hasNextPage endCursor }
  }
}`;
const UPDATE_TEMPLATE = `mutation ($input: UpdatePromptTemplateInput!) { updatePromptTemplate(input: $input) { id body } }`;
const RUN_VIEW = `query ($id: ID!) { generation(id: $id) {
  id status prompt negativePrompt seed width height count params
  references { id } characters { id name } recipe { id name }
  provenance { recipe { id name version } template { body } variables basePrompt addedContext }
} }`;

type Version = {
  id: string;
  version: number;
  kind: string;
  provider: string;
  model: string;
  note: string | null;
  template: { id: string | null; name: string; body: string; variables: unknown[] } | null;
  settings: Record<string, unknown> & { params: Record<string, unknown> };
  variables: Record<string, string>;
  characters: Array<{ id: string; name: string }>;
  aiModel: { id: string; name: string } | null;
  references: Array<{ id: string }>;
};
type RecipeView = {
  id: string;
  name: string;
  description: string;
  latestVersionNumber: number;
  latestVersion: Version;
  versions: Version[];
  first: Version | null;
};
type Run = {
  id: string;
  status: string;
  prompt: string;
  negativePrompt: string | null;
  seed: number;
  width: number;
  height: number;
  count: number;
  params: Record<string, unknown>;
  references: Array<{ id: string }>;
  characters: Array<{ id: string; name: string }>;
  recipe: { id: string; name: string } | null;
  provenance: {
    recipe: { id: string; name: string; version: number } | null;
    template: { body: string } | null;
    variables: Record<string, string>;
    basePrompt: string;
    addedContext: string | null;
  };
};

/** A preset on the built-in image model; override what a test needs. */
const preset = (overrides: Record<string, unknown> = {}) => ({
  name: 'Harbour at dusk',
  kind: 'IMAGE',
  provider: 'local',
  model: 'local-image',
  settings: { prompt: 'a harbour at dusk', aspectRatio: '1:1', width: 64, height: 64 },
  ...overrides,
});

describe('recipes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      providers: [createLocalProvider({ stepMs: 0, steps: 1 })],
      env: { GENERATION_STARTS_PER_MINUTE: '1000', GENERATION_MAX_ACTIVE: '1000' },
    });
  });
  afterEach(async () => {
    expect(await verifyLedger(server.runtime.dataSource)).toEqual([]);
  });
  afterAll(() => server.stop());

  const person = async (credits = 100) => (await fundedPerson(server, credits)).browser;

  async function createRecipe(browser: BrowserClient, input: Record<string, unknown>) {
    return (await browser.ok<{ createRecipe: RecipeView }>(CREATE, { input })).createRecipe;
  }
  async function readRecipe(browser: BrowserClient, id: string) {
    return (await browser.ok<{ recipe: RecipeView }>(RECIPE, { id })).recipe;
  }
  async function template(browser: BrowserClient, input: Record<string, unknown>) {
    const { createPromptTemplate } = await browser.ok<{
      createPromptTemplate: { id: string; body: string };
    }>(CREATE_TEMPLATE, { input: { name: 'Template', ...input } });
    return createPromptTemplate;
  }
  async function character(browser: BrowserClient, input: Record<string, unknown>) {
    return (await browser.ok<{ createCharacter: Persona }>(CREATE_CHARACTER, { input }))
      .createCharacter;
  }
  async function aiModel(browser: BrowserClient, input: Record<string, unknown>) {
    return (await browser.ok<{ createAiModel: Persona }>(CREATE_AI_MODEL, { input })).createAiModel;
  }
  /** Refused createRecipe: its code and the fields at fault. */
  async function refusal(browser: BrowserClient, input: Record<string, unknown>) {
    const failure = await browser.fails(CREATE, { input });
    return { code: failure.code, fields: fieldsAtFault(failure) };
  }
  async function recipeNames(browser: BrowserClient, search?: string) {
    const { recipes } = await browser.ok<{
      recipes: { edges: Array<{ node: { name: string } }> };
    }>(LIST, { first: 100, search });
    return recipes.edges.map((edge) => edge.node.name);
  }
  /** Starts a generation and waits for it to end; the generation as the library shows it. */
  async function run(browser: BrowserClient, input: Record<string, unknown>): Promise<Run> {
    const { startGeneration } = await browser.ok<Started>(START, { input });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { generation } = await browser.ok<{ generation: Run }>(RUN_VIEW, {
        id: startGeneration.id,
      });
      if (FINAL.includes(generation.status)) {
        expect(generation.status).toBe('SUCCEEDED');
        return generation;
      }
      if (Date.now() > deadline) throw new Error(`generation still ${generation.status}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  async function generationCount(browser: BrowserClient) {
    const { generations } = await browser.ok<{ generations: { edges: unknown[] } }>(
      '{ generations(first: 100) { edges { node { id } } } }',
    );
    return generations.edges.length;
  }

  describe('saving', () => {
    it('saves version 1 with its settings, template text, variables, characters, AI model and images', async () => {
      const browser = await person();
      const [image, face] = await uploads(browser, 2);
      const mira = await character(browser, {
        name: 'Mira',
        description: 'a courier',
        referenceAssetIds: [face!.id],
      });
      const studio = await aiModel(browser, { name: 'Studio', description: 'soft film look' });
      const portrait = await template(browser, {
        name: 'Portrait',
        body: '{{character.name}} in {{place}}, {{mood}}',
        variables: [
          { name: 'place', type: 'TEXT', required: true },
          { name: 'mood', type: 'CHOICE', choices: ['calm', 'stormy'], defaultValue: 'calm' },
        ],
      });
      const recipe = await createRecipe(browser, {
        name: ' Mira portraits ',
        description: 'Mira around town',
        kind: 'IMAGE',
        provider: 'local',
        model: 'local-image',
        templateId: portrait.id,
        settings: {
          negativePrompt: 'blur',
          count: 2,
          aspectRatio: '1:1',
          width: 64,
          height: 64,
          seed: 7,
          params: { style: 'waves' },
          referenceAssetIds: [image!.id],
        },
        variables: { place: 'Porto' },
        characterIds: [mira.id],
        aiModelId: studio.id,
        note: 'first try',
      });

      expect(recipe).toMatchObject({
        name: 'Mira portraits',
        description: 'Mira around town',
        latestVersionNumber: 1,
      });
      expect(recipe.latestVersion).toEqual({
        id: expect.any(String),
        version: 1,
        kind: 'IMAGE',
        provider: 'local',
        model: 'local-image',
        note: 'first try',
        template: {
          id: portrait.id,
          name: 'Portrait',
          body: '{{character.name}} in {{place}}, {{mood}}',
          variables: [
            {
              name: 'place',
              type: 'TEXT',
              label: null,
              defaultValue: null,
              required: true,
              choices: [],
            },
            {
              name: 'mood',
              type: 'CHOICE',
              label: null,
              defaultValue: 'calm',
              required: false,
              choices: ['calm', 'stormy'],
            },
          ],
        },
        settings: {
          prompt: null,
          negativePrompt: 'blur',
          count: 2,
          aspectRatio: '1:1',
          width: 64,
          height: 64,
          durationSeconds: null,
          seed: 7,
          params: { style: 'waves' },
        },
        variables: { place: 'Porto' },
        characters: [{ id: mira.id, name: 'Mira' }],
        aiModel: { id: studio.id, name: 'Studio' },
        references: [{ id: image!.id }],
      });
      expect(recipe.versions).toEqual([recipe.latestVersion]);
      expect(recipe.first).toEqual(recipe.latestVersion);
      expect(await readRecipe(browser, recipe.id)).toEqual(recipe);
    });

    it('saves an update as version 2 and keeps version 1 exactly as it was', async () => {
      const browser = await person();
      const scene = await template(browser, {
        body: 'a {{thing}} at dusk',
        variables: [{ name: 'thing', type: 'TEXT', required: true }],
      });
      const created = await createRecipe(
        browser,
        preset({
          templateId: scene.id,
          variables: { thing: 'lighthouse' },
          settings: { aspectRatio: '1:1', seed: 1, params: { style: 'waves' } },
        }),
      );
      const before = (await readRecipe(browser, created.id)).first!;

      // The template changes after version 1 was saved; version 1 keeps the text it was saved with.
      await browser.ok(UPDATE_TEMPLATE, {
        input: { id: scene.id, body: 'a {{thing}} at dawn' },
      });
      const updated = (
        await browser.ok<{ updateRecipe: RecipeView }>(UPDATE, {
          input: {
            id: created.id,
            kind: 'IMAGE',
            provider: 'local',
            model: 'local-image',
            templateId: scene.id,
            variables: { thing: 'boat' },
            settings: { count: 3, aspectRatio: '4:3', params: { style: 'noise' } },
            note: 'boats now',
          },
        })
      ).updateRecipe;

      expect(updated.latestVersionNumber).toBe(2);
      expect(updated.latestVersion).toMatchObject({
        version: 2,
        note: 'boats now',
        template: { body: 'a {{thing}} at dawn' },
        variables: { thing: 'boat' },
        settings: { count: 3, aspectRatio: '4:3', seed: null, params: { style: 'noise' } },
      });
      const after = await readRecipe(browser, created.id);
      expect(after.versions.map((version) => version.version)).toEqual([2, 1]);
      expect(after.first).toEqual(before);
      expect(after.versions[1]).toEqual(before);
      expect(before).toMatchObject({
        template: { body: 'a {{thing}} at dusk' },
        variables: { thing: 'lighthouse' },
        settings: { seed: 1, aspectRatio: '1:1', params: { style: 'waves' } },
        references: [],
      });
    });

    it('numbers updates made at the same time one after the other', async () => {
      const browser = await person();
      const created = await createRecipe(browser, preset());
      const update = (prompt: string) =>
        browser.ok(UPDATE, {
          input: {
            id: created.id,
            kind: 'IMAGE',
            provider: 'local',
            model: 'local-image',
            settings: { prompt },
          },
        });
      await Promise.all([update('a harbour at noon'), update('a harbour at night')]);
      const recipe = await readRecipe(browser, created.id);
      expect(recipe.latestVersionNumber).toBe(3);
      expect(recipe.versions.map((version) => version.version)).toEqual([3, 2, 1]);
      expect(recipe.versions.map((version) => version.settings.prompt).sort()).toEqual([
        'a harbour at dusk',
        'a harbour at night',
        'a harbour at noon',
      ]);
    });

    it('renames a recipe without adding a version', async () => {
      const browser = await person();
      const created = await createRecipe(browser, preset({ description: 'old words' }));
      const { renameRecipe } = await browser.ok<{ renameRecipe: RecipeView }>(RENAME, {
        input: { id: created.id, name: 'Harbour at night', description: 'new words' },
      });
      expect(renameRecipe).toMatchObject({
        name: 'Harbour at night',
        description: 'new words',
        latestVersionNumber: 1,
      });
      expect(renameRecipe.versions).toEqual(created.versions);
      expect(renameRecipe.latestVersion).toEqual(created.latestVersion);
    });

    it('duplicates the latest version as version 1 of a new recipe', async () => {
      const browser = await person();
      const [image] = await uploads(browser, 1);
      const created = await createRecipe(browser, preset());
      const source = (
        await browser.ok<{ updateRecipe: RecipeView }>(UPDATE, {
          input: {
            id: created.id,
            kind: 'IMAGE',
            provider: 'local',
            model: 'local-image',
            settings: {
              prompt: 'a harbour at night',
              seed: 5,
              aspectRatio: '1:1',
              params: { style: 'noise' },
              referenceAssetIds: [image!.id],
            },
          },
        })
      ).updateRecipe;

      const { duplicateRecipe: copy } = await browser.ok<{ duplicateRecipe: RecipeView }>(
        DUPLICATE,
        { id: source.id },
      );
      expect(copy.id).not.toBe(source.id);
      expect(copy).toMatchObject({ name: 'Harbour at dusk (copy)', latestVersionNumber: 1 });
      expect(copy.versions).toHaveLength(1);
      const { id: _copyId, version: _copyNumber, note, ...copied } = copy.latestVersion;
      const { id: _id, version: _number, note: _note, ...latest } = source.latestVersion;
      expect(copied).toEqual(latest);
      expect(copy.latestVersion.version).toBe(1);
      expect(copy.latestVersion.id).not.toBe(source.latestVersion.id);
      expect(note).toBe('Copied from Harbour at dusk, version 2');

      const named = await browser.ok<{ duplicateRecipe: { name: string } }>(DUPLICATE, {
        id: source.id,
        name: 'Night harbour',
      });
      expect(named.duplicateRecipe.name).toBe('Night harbour');
      // The original is untouched.
      expect((await readRecipe(browser, source.id)).versions).toEqual(source.versions);
    });

    it('deletes a recipe with its versions', async () => {
      const browser = await person();
      const created = await createRecipe(browser, preset({ name: 'Short-lived' }));
      await browser.ok(DELETE, { id: created.id });
      expect((await browser.fails(RECIPE, { id: created.id })).code).toBe('NOT_FOUND');
      expect((await browser.fails(DELETE, { id: created.id })).code).toBe('NOT_FOUND');
      expect(await recipeNames(browser)).toEqual([]);
      const [{ left }] = (await server.runtime.dataSource.query(
        'SELECT count(*)::int AS left FROM recipe_versions WHERE recipe_id = $1',
        [created.id],
      )) as [{ left: number }];
      expect(left).toBe(0);
    });

    it('finds recipes by name', async () => {
      const browser = await person();
      await createRecipe(browser, preset({ name: 'Harbour nights' }));
      await createRecipe(browser, preset({ name: 'Forest mornings' }));
      await createRecipe(browser, preset({ name: 'Harbour mornings' }));
      expect(await recipeNames(browser, 'harbour')).toEqual(['Harbour mornings', 'Harbour nights']);
      expect(await recipeNames(browser, 'MORNINGS')).toEqual([
        'Harbour mornings',
        'Forest mornings',
      ]);
      expect(await recipeNames(browser, 'desert')).toEqual([]);
      // Wildcards are taken literally.
      expect(await recipeNames(browser, '%')).toEqual([]);
    });

    it('reads a page of recipes with their versions in a constant number of statements', async () => {
      const browser = await person();
      const mira = await character(browser, { name: 'Mira' });
      for (let i = 0; i < 12; i++) {
        const recipe = await createRecipe(
          browser,
          preset({ name: `Recipe ${i}`, characterIds: [mira.id] }),
        );
        await browser.ok(UPDATE, {
          input: { ...preset({ characterIds: [mira.id] }), name: undefined, id: recipe.id },
        });
      }
      const PAGE = `query ($first: Int!) { recipes(first: $first) { edges { node {
        name latestVersion { version characters { name } template { body } }
        versions { version } first: version(version: 1) { version note }
      } } } }`;
      const statements: string[] = [];
      const spy = jest
        .spyOn(server.runtime.dataSource.logger, 'logQuery')
        .mockImplementation((query: string) => {
          if (/recipe|characters/.test(query)) statements.push(query);
        });
      try {
        const counts: number[] = [];
        for (const first of [2, 12]) {
          statements.length = 0;
          const { recipes } = await browser.ok<{
            recipes: {
              edges: Array<{ node: { versions: unknown[]; first: { version: number } } }>;
            };
          }>(PAGE, { first });
          expect(recipes.edges).toHaveLength(first);
          expect(
            recipes.edges.every(
              ({ node }) => node.versions.length === 2 && node.first.version === 1,
            ),
          ).toBe(true);
          counts.push(statements.length);
        }
        expect(counts[0]).toBeGreaterThan(0);
        expect(counts[1]).toBe(counts[0]);
      } finally {
        spy.mockRestore();
      }
    });

    it('pages through recipes newest first with first/after', async () => {
      const browser = await person();
      for (let i = 1; i <= 5; i++) await createRecipe(browser, preset({ name: `Recipe ${i}` }));
      const names: string[][] = [];
      let after: string | null = null;
      let hasNextPage = true;
      while (hasNextPage) {
        const page: {
          recipes: {
            edges: Array<{ node: { name: string } }>;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        } = await browser.ok(LIST, { first: 2, after });
        names.push(page.recipes.edges.map((edge) => edge.node.name));
        ({ hasNextPage } = page.recipes.pageInfo);
        after = page.recipes.pageInfo.endCursor;
      }
      expect(names).toEqual([['Recipe 5', 'Recipe 4'], ['Recipe 3', 'Recipe 2'], ['Recipe 1']]);
      expect((await browser.fails(LIST, { first: 101 })).code).toBe('BAD_USER_INPUT');
    });
  });

  describe('validation', () => {
    it('refuses defaults the model cannot take, naming each field', async () => {
      const browser = await person();
      const images = await uploads(browser, 3);
      const tooMany = await refusal(browser, preset({ settings: { prompt: 'x', count: 5 } }));
      expect(tooMany).toEqual({ code: 'BAD_USER_INPUT', fields: ['settings.count'] });
      // The built-in clip model takes no negative prompt.
      const clip = await refusal(
        browser,
        preset({
          kind: 'VIDEO',
          model: 'local-video',
          settings: { prompt: 'x', negativePrompt: 'y' },
        }),
      );
      expect(clip).toEqual({ code: 'BAD_USER_INPUT', fields: ['settings.negativePrompt'] });
      // The built-in image model takes 2 reference images.
      const references = await refusal(
        browser,
        preset({ settings: { prompt: 'x', referenceAssetIds: images.map((image) => image.id) } }),
      );
      expect(references).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['settings.referenceAssetIds'],
      });
      const param = await refusal(browser, preset({ settings: { prompt: 'x', params: { x: 1 } } }));
      expect(param).toEqual({ code: 'BAD_USER_INPUT', fields: ['settings.params.x'] });
      expect(await recipeNames(browser)).toEqual([]);
    });

    it('refuses an unknown provider or model', async () => {
      const browser = await person();
      expect(await refusal(browser, preset({ provider: 'nowhere' }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['provider'],
      });
      expect(await refusal(browser, preset({ model: 'no-such-model' }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['model'],
      });
    });

    it('needs a prompt or a template', async () => {
      const browser = await person();
      expect(await refusal(browser, preset({ settings: { aspectRatio: '1:1' } }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['settings.prompt'],
      });
    });

    it("refuses another user's template", async () => {
      const owner = await person();
      const other = await person();
      const theirs = await template(owner, { body: 'a quiet street' });
      expect(await refusal(other, preset({ templateId: theirs.id, settings: null }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['templateId'],
      });
    });

    it('refuses variables the template does not declare, and variables without a template', async () => {
      const browser = await person();
      const scene = await template(browser, {
        body: 'a {{thing}}',
        variables: [{ name: 'thing', type: 'TEXT' }],
      });
      const undeclared = await refusal(
        browser,
        preset({ templateId: scene.id, settings: null, variables: { thing: 'boat', x: 'y' } }),
      );
      expect(undeclared).toEqual({ code: 'BAD_USER_INPUT', fields: ['variables.x'] });
      const withoutTemplate = await refusal(browser, preset({ variables: { thing: 'boat' } }));
      expect(withoutTemplate).toEqual({ code: 'BAD_USER_INPUT', fields: ['variables'] });
      expect(await recipeNames(browser)).toEqual([]);
    });
  });

  describe('ownership', () => {
    it("treats another user's recipe as unknown everywhere, and leaves it alone", async () => {
      const owner = await person();
      const other = await person();
      const recipe = await createRecipe(owner, preset());
      const id = recipe.id;
      const attempts: Array<[string, Record<string, unknown>]> = [
        [RECIPE, { id }],
        [
          UPDATE,
          {
            input: {
              id,
              kind: 'IMAGE',
              provider: 'local',
              model: 'local-image',
              settings: { prompt: 'mine now' },
            },
          },
        ],
        [RENAME, { input: { id, name: 'Mine now' } }],
        [DUPLICATE, { id }],
        [DELETE, { id }],
        [START, { input: { recipeId: id } }],
      ];
      for (const [query, variables] of attempts) {
        expect((await other.fails(query, variables)).code).toBe('NOT_FOUND');
      }
      expect(await readRecipe(owner, id)).toEqual(recipe);
      expect(await recipeNames(other)).toEqual([]);
      expect(await generationCount(other)).toBe(0);
      expect(await walletOf(other)).toEqual({ available: 100, held: 0 });
    });

    it("refuses another user's character or AI model in a recipe", async () => {
      const owner = await person();
      const other = await person();
      const theirs = await character(owner, { name: 'Theirs' });
      const theirModel = await aiModel(owner, { name: 'Their model' });
      expect(await refusal(other, preset({ characterIds: [theirs.id] }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['characterIds'],
      });
      expect(await refusal(other, preset({ aiModelId: theirModel.id }))).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['aiModelId'],
      });
    });
  });

  describe('running by id', () => {
    it("fills the template with the recipe's variables, overridden by the run's", async () => {
      const browser = await person();
      const scene = await template(browser, {
        name: 'Scene',
        body: '{{subject}} in {{place}} at {{time}}',
        variables: [
          { name: 'subject', type: 'TEXT', required: true },
          { name: 'place', type: 'TEXT' },
          { name: 'time', type: 'TEXT', defaultValue: 'dusk' },
        ],
      });
      const recipe = await createRecipe(
        browser,
        preset({
          name: 'Scenes',
          templateId: scene.id,
          settings: { aspectRatio: '1:1', width: 64, height: 64 },
          variables: { subject: 'a lighthouse', place: 'Porto' },
        }),
      );
      const generation = await run(browser, {
        recipeId: recipe.id,
        variables: { place: 'Lisbon' },
      });
      expect(generation.prompt).toBe('a lighthouse in Lisbon at dusk');
      expect(generation.recipe).toEqual({ id: recipe.id, name: 'Scenes' });
      expect(generation.provenance).toEqual({
        recipe: { id: recipe.id, name: 'Scenes', version: 1 },
        template: { body: '{{subject}} in {{place}} at {{time}}' },
        variables: { subject: 'a lighthouse', place: 'Lisbon', time: 'dusk' },
        basePrompt: 'a lighthouse in Lisbon at dusk',
        addedContext: null,
      });
      // The recipe itself is unchanged by the run.
      expect((await readRecipe(browser, recipe.id)).latestVersion.variables).toEqual({
        subject: 'a lighthouse',
        place: 'Porto',
      });
    });

    it("merges settings and parameters, the run's overrides beating the recipe's", async () => {
      const browser = await person();
      const recipe = await createRecipe(
        browser,
        preset({
          settings: {
            prompt: 'a harbour at dusk',
            negativePrompt: 'fog',
            aspectRatio: '1:1',
            width: 64,
            height: 64,
            seed: 7,
            params: { style: 'waves', steps: 2 },
          },
        }),
      );
      const plain = await run(browser, { recipeId: recipe.id });
      expect(plain).toMatchObject({
        prompt: 'a harbour at dusk',
        negativePrompt: 'fog',
        seed: 7,
        width: 64,
        height: 64,
        count: 1,
        params: { style: 'waves', steps: 2 },
      });
      const overridden = await run(browser, {
        recipeId: recipe.id,
        overrides: { seed: 9, count: 2, params: { style: 'noise' } },
      });
      expect(overridden).toMatchObject({
        prompt: 'a harbour at dusk',
        negativePrompt: 'fog',
        seed: 9,
        width: 64,
        height: 64,
        count: 2,
        params: { style: 'noise', steps: 2 },
      });
    });

    it("uses the recipe's characters unless the run names its own", async () => {
      const browser = await person();
      const mira = await character(browser, { name: 'Mira' });
      const theo = await character(browser, { name: 'Theo' });
      const scene = await template(browser, { body: '{{character.name}} at the harbour' });
      const recipe = await createRecipe(
        browser,
        preset({ templateId: scene.id, settings: { aspectRatio: '1:1' }, characterIds: [mira.id] }),
      );
      const theirs = await run(browser, { recipeId: recipe.id });
      expect(theirs.prompt).toBe('Mira at the harbour');
      expect(theirs.characters).toEqual([{ id: mira.id, name: 'Mira' }]);
      const given = await run(browser, { recipeId: recipe.id, characterIds: [theo.id] });
      expect(given.prompt).toBe('Theo at the harbour');
      expect(given.characters).toEqual([{ id: theo.id, name: 'Theo' }]);
    });

    it("keeps the recipe's value for a variable the run leaves empty", async () => {
      const browser = await person();
      const scene = await template(browser, {
        body: 'a {{thing}} at dusk',
        variables: [{ name: 'thing', type: 'TEXT', defaultValue: 'boat' }],
      });
      const recipe = await createRecipe(
        browser,
        preset({
          templateId: scene.id,
          settings: { aspectRatio: '1:1' },
          variables: { thing: 'lighthouse' },
        }),
      );
      const generation = await run(browser, { recipeId: recipe.id, variables: { thing: '' } });
      expect(generation.prompt).toBe('a lighthouse at dusk');
    });

    it("takes the first character's AI model unless the run says none", async () => {
      const browser = await person();
      const studio = await aiModel(browser, { name: 'Studio', description: 'soft window light' });
      const mira = await character(browser, { name: 'Mira', aiModelId: studio.id });
      const recipe = await createRecipe(browser, preset({ characterIds: [mira.id] }));
      const withModel = await run(browser, { recipeId: recipe.id });
      expect(withModel.provenance.addedContext).toBe('Mira\nStudio: soft window light');
      const without = await run(browser, { recipeId: recipe.id, aiModelId: null });
      expect(without.provenance.addedContext).toBe('Mira');
    });

    it('says when the added descriptions make the prompt too long, and refuses a flood of variables', async () => {
      const browser = await person();
      const long = await character(browser, {
        name: 'Verbose',
        description: 'x'.repeat(4000),
        traits: [{ name: 'outfit', value: 'y'.repeat(1000) }],
      });
      const recipe = await createRecipe(browser, preset({ characterIds: [long.id] }));
      const tooLong = await browser.fails(START, { input: { recipeId: recipe.id } });
      expect(tooLong.code).toBe('BAD_USER_INPUT');
      expect(fieldsAtFault(tooLong)).toEqual(['prompt']);
      expect(tooLong.message).toContain('Shorten a description');
      const flood = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`v${i}`, 'x']));
      const refused = await browser.fails(START, {
        input: { recipeId: recipe.id, characterIds: [], variables: flood },
      });
      expect(fieldsAtFault(refused)).toContain('variables');
      expect(await generationCount(browser)).toBe(0);
    });

    it('runs an older version by number after an update', async () => {
      const browser = await person();
      const recipe = await createRecipe(browser, preset({ settings: { prompt: 'first light' } }));
      await browser.ok(UPDATE, {
        input: {
          id: recipe.id,
          kind: 'IMAGE',
          provider: 'local',
          model: 'local-image',
          settings: { prompt: 'second light' },
        },
      });
      const latest = await run(browser, { recipeId: recipe.id });
      expect(latest.prompt).toBe('second light');
      expect(latest.provenance.recipe).toMatchObject({ version: 2 });
      const old = await run(browser, { recipeId: recipe.id, recipeVersion: 1 });
      expect(old.prompt).toBe('first light');
      expect(old.provenance.recipe).toMatchObject({ version: 1 });
      const missing = await browser.fails(START, {
        input: { recipeId: recipe.id, recipeVersion: 3 },
      });
      expect(missing.code).toBe('NOT_FOUND');
    });

    it('still runs with the text it saved after its template and character are deleted', async () => {
      const browser = await person();
      const mira = await character(browser, { name: 'Mira' });
      const scene = await template(browser, {
        body: 'a {{thing}} at dusk',
        variables: [{ name: 'thing', type: 'TEXT', required: true }],
      });
      const recipe = await createRecipe(
        browser,
        preset({
          templateId: scene.id,
          settings: { aspectRatio: '1:1' },
          variables: { thing: 'lighthouse' },
          characterIds: [mira.id],
        }),
      );
      await browser.ok('mutation ($id: ID!) { deletePromptTemplate(id: $id) }', { id: scene.id });
      await browser.ok('mutation ($id: ID!) { deleteCharacter(id: $id) }', { id: mira.id });
      const generation = await run(browser, { recipeId: recipe.id });
      expect(generation.prompt).toBe('a lighthouse at dusk');
      expect(generation.characters).toEqual([]);
      expect(generation.provenance.template).toEqual({ body: 'a {{thing}} at dusk' });
    });

    it('runs without its own reference images that were deleted since', async () => {
      const browser = await person();
      const [kept, removed] = await uploads(browser, 2);
      const recipe = await createRecipe(
        browser,
        preset({
          settings: {
            prompt: 'a harbour at dusk',
            aspectRatio: '1:1',
            referenceAssetIds: [kept!.id, removed!.id],
          },
        }),
      );
      await browser.ok('mutation ($id: ID!) { deleteAsset(id: $id) }', { id: removed!.id });
      expect((await readRecipe(browser, recipe.id)).latestVersion.references).toEqual([
        { id: kept!.id },
      ]);
      const generation = await run(browser, { recipeId: recipe.id });
      expect(generation.references).toEqual([{ id: kept!.id }]);
    });

    it('refuses a run missing a required variable before holding any credits', async () => {
      const browser = await person();
      const scene = await template(browser, {
        body: 'a {{thing}} at dusk',
        variables: [{ name: 'thing', type: 'TEXT', required: true }],
      });
      const recipe = await createRecipe(
        browser,
        preset({ templateId: scene.id, settings: { aspectRatio: '1:1' } }),
      );
      const failure = await browser.fails(START, { input: { recipeId: recipe.id } });
      expect(failure.code).toBe('BAD_USER_INPUT');
      expect(fieldsAtFault(failure)).toEqual(['variables.thing']);
      expect(await walletOf(browser)).toEqual({ available: 100, held: 0 });
      expect(await generationCount(browser)).toBe(0);
    });

    it("refuses an override the recipe's model cannot take, or another model", async () => {
      const browser = await person();
      const clip = await createRecipe(
        browser,
        preset({
          kind: 'VIDEO',
          model: 'local-video',
          settings: { prompt: 'waves rolling in', aspectRatio: '1:1', durationSeconds: 2 },
        }),
      );
      const refused = async (input: Record<string, unknown>) => {
        const failure = await browser.fails(START, { input: { recipeId: clip.id, ...input } });
        return { code: failure.code, fields: fieldsAtFault(failure) };
      };
      expect(await refused({ overrides: { negativePrompt: 'fog' } })).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['negativePrompt'],
      });
      expect(await refused({ overrides: { count: 3 } })).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['count'],
      });
      expect(await refused({ model: 'local-image' })).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['model'],
      });
      expect(await walletOf(browser)).toEqual({ available: 100, held: 0 });
      expect(await generationCount(browser)).toBe(0);
    });
  });
});
