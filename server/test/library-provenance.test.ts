import { createHash } from 'node:crypto';
import { verifyLedger } from '../src/modules/credits/ledger-verifier';
import { createFalProvider } from '../src/modules/providers/fal/fal-provider';
import { createLocalProvider } from '../src/modules/providers/local/local-provider';
import { createOpenAIProvider } from '../src/modules/providers/openai/openai-provider';
import type { BrowserClient } from './support/browser-client';
import { startFalFake, type FalFake } from './support/fakes/fal-fake';
import { startOpenAIFake, type OpenAIFake } from './support/fakes/openai-fake';
import { FINAL, START, type Started } from './support/generations';
import {
  CREATE_AI_MODEL,
  CREATE_CHARACTER,
  CREATE_RECIPE,
  CREATE_TEMPLATE,
  fundedPerson,
  generationLedger,
  PROVENANCE,
  UPDATE_CHARACTER,
  uploads,
  walletOf,
  type Persona,
} from './support/library';
import type { AssetFields } from './support/storage';
import { startTestServer, type TestServer } from './support/test-server';

const OPENAI_KEY = 'sk-test-provenance-key-0123456789';

const VIEW = `query ($id: ID!) { generation(id: $id) {
  id status prompt negativePrompt seed width height aspectRatio count params costCredits
  references { id } outputs { id sha256 url }
  recipe { id name } recipeVersion { version } template { id body }
  characters { id name description } aiModel { id name }
  ${PROVENANCE}
} }`;
const RUN_AGAIN = `mutation ($id: ID!, $key: String) { runGenerationAgain(id: $id, idempotencyKey: $key) { id } }`;
const DELETE_ASSET = 'mutation ($id: ID!) { deleteAsset(id: $id) }';
const USING = `query ($assetId: ID!, $first: Int!, $after: String) {
  generationsUsingAsset(assetId: $assetId, first: $first, after: $after) {
    edges { node { id } } pageInfo { hasNextPage endCursor }
  }
}`;
const PERSONA_REFERENCES = `references { id } cover { id }`;
const CHARACTER = `query ($id: ID!) { character(id: $id) { ${PERSONA_REFERENCES} } }`;
const AI_MODEL = `query ($id: ID!) { aiModel(id: $id) { ${PERSONA_REFERENCES} } }`;
const UPDATE_TEMPLATE = `mutation ($input: UpdatePromptTemplateInput!) { updatePromptTemplate(input: $input) { id } }`;

type Snapshot = {
  recipe: { id: string; name: string; version: number } | null;
  template: { id: string | null; name: string; body: string } | null;
  variables: Record<string, string>;
  basePrompt: string;
  addedContext: string | null;
  rerunOf: string | null;
  characters: Array<{
    id: string;
    name: string;
    description: string;
    traits: Array<{ name: string; value: string }>;
    referenceHashes: string[];
  }>;
  aiModel: {
    id: string;
    name: string;
    description: string;
    tags: string[];
    referenceHashes: string[];
  } | null;
  references: Array<{ assetId: string; sha256: string; source: string; sent: boolean }>;
};
type View = {
  id: string;
  status: string;
  prompt: string;
  negativePrompt: string | null;
  seed: number;
  width: number;
  height: number;
  aspectRatio: string;
  count: number;
  params: Record<string, unknown>;
  costCredits: number;
  references: Array<{ id: string }>;
  outputs: Array<{ id: string; sha256: string; url: string }>;
  recipe: { id: string; name: string } | null;
  recipeVersion: { version: number } | null;
  template: { id: string; body: string } | null;
  characters: Array<{ id: string; name: string; description: string }>;
  aiModel: { id: string; name: string } | null;
  provenance: Snapshot;
};

/** Statements about these tables are the ones a page of generations could multiply. */
const LIBRARY_TABLES = /generation|recipe|character|ai_model|prompt_template|assets/;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('provenance, running again and deleting images', () => {
  let openai: OpenAIFake;
  let fal: FalFake;
  let server: TestServer;

  beforeAll(async () => {
    openai = await startOpenAIFake({ key: OPENAI_KEY });
    fal = await startFalFake();
    server = await startTestServer({
      providers: [
        createLocalProvider({ stepMs: 0, steps: 1 }),
        createOpenAIProvider({ apiKey: OPENAI_KEY, baseUrl: openai.baseUrl }),
        createFalProvider({ apiKey: fal.key, baseUrl: fal.baseUrl, pollIntervalMs: 20 }),
      ],
      env: { GENERATION_STARTS_PER_MINUTE: '1000', GENERATION_MAX_ACTIVE: '1000' },
    });
  });
  afterEach(async () => {
    expect(await verifyLedger(server.runtime.dataSource)).toEqual([]);
  });
  afterAll(async () => {
    await server.stop();
    await openai.stop();
    await fal.stop();
  });

  const person = async (credits = 100) => (await fundedPerson(server, credits)).browser;

  async function character(browser: BrowserClient, input: Record<string, unknown>) {
    return (await browser.ok<{ createCharacter: Persona }>(CREATE_CHARACTER, { input }))
      .createCharacter;
  }
  async function aiModel(browser: BrowserClient, input: Record<string, unknown>) {
    return (await browser.ok<{ createAiModel: Persona }>(CREATE_AI_MODEL, { input })).createAiModel;
  }
  async function start(browser: BrowserClient, input: Record<string, unknown>) {
    return (await browser.ok<Started>(START, { input })).startGeneration.id;
  }
  async function view(browser: BrowserClient, id: string) {
    return (await browser.ok<{ generation: View }>(VIEW, { id })).generation;
  }
  /** Waits for the generation to succeed; it as the library shows it. */
  async function finished(browser: BrowserClient, id: string): Promise<View> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const generation = await view(browser, id);
      if (FINAL.includes(generation.status)) {
        expect(generation.status).toBe('SUCCEEDED');
        return generation;
      }
      if (Date.now() > deadline) throw new Error(`generation ${id} still ${generation.status}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  const image = (extra: Record<string, unknown> = {}) => ({
    kind: 'IMAGE',
    provider: 'local',
    model: 'local-image',
    prompt: 'a quiet street',
    aspectRatio: '1:1',
    width: 64,
    height: 64,
    ...extra,
  });
  async function usingAsset(browser: BrowserClient, assetId: string) {
    const { generationsUsingAsset } = await browser.ok<{
      generationsUsingAsset: { edges: Array<{ node: { id: string } }> };
    }>(USING, { assetId, first: 20 });
    return generationsUsingAsset.edges.map((edge) => edge.node.id);
  }
  async function fileStatus(url: string) {
    return (await fetch(url)).status;
  }

  /**
   * Mira (two reference images, a trait) of the Studio AI model (one image), a portrait template
   * and a recipe that runs them with one image of its own on the built-in generator (which takes
   * two images).
   */
  async function library(browser: BrowserClient) {
    const [own, face, profile, look] = (await uploads(browser, 4)) as [
      AssetFields,
      AssetFields,
      AssetFields,
      AssetFields,
    ];
    const studio = await aiModel(browser, {
      name: 'Studio',
      description: 'soft film look',
      tags: ['film'],
      referenceAssetIds: [look.id],
    });
    const mira = await character(browser, {
      name: 'Mira',
      description: 'a courier with silver hair',
      traits: [{ name: 'outfit', value: 'a red raincoat' }],
      referenceAssetIds: [face.id, profile.id],
      aiModelId: studio.id,
    });
    const { createPromptTemplate: template } = await browser.ok<{
      createPromptTemplate: { id: string; name: string; body: string };
    }>(CREATE_TEMPLATE, {
      input: {
        name: 'Portrait',
        body: '{{character.name}} wearing {{character.outfit}} in {{place}}',
        variables: [{ name: 'place', type: 'TEXT', required: true }],
      },
    });
    const { createRecipe: recipe } = await browser.ok<{ createRecipe: { id: string } }>(
      CREATE_RECIPE,
      {
        input: {
          name: 'Mira portraits',
          kind: 'IMAGE',
          provider: 'local',
          model: 'local-image',
          templateId: template.id,
          settings: {
            aspectRatio: '1:1',
            width: 64,
            height: 64,
            params: { style: 'waves' },
            referenceAssetIds: [own.id],
          },
          variables: { place: 'Porto' },
          characterIds: [mira.id],
          aiModelId: studio.id,
        },
      },
    );
    const runRecipe = async () =>
      finished(
        browser,
        await start(browser, { recipeId: recipe.id, variables: { place: 'Lisbon' } }),
      );
    return { images: { own, face, profile, look }, studio, mira, template, recipe, runRecipe };
  }

  describe('the snapshot', () => {
    it('records the recipe, template, variables, character, AI model and every image with its hash', async () => {
      const browser = await person();
      const { images, studio, mira, template, recipe, runRecipe } = await library(browser);
      const generation = await runRecipe();
      const { own, face, profile, look } = images;

      expect(generation.provenance).toEqual({
        recipe: { id: recipe.id, name: 'Mira portraits', version: 1 },
        template: { id: template.id, name: 'Portrait', body: template.body },
        variables: { place: 'Lisbon' },
        basePrompt: 'Mira wearing a red raincoat in Lisbon',
        addedContext: 'Mira: a courier with silver hair\nStudio: soft film look',
        rerunOf: null,
        characters: [
          {
            id: mira.id,
            name: 'Mira',
            description: 'a courier with silver hair',
            traits: [{ name: 'outfit', value: 'a red raincoat' }],
            referenceHashes: [face.sha256, profile.sha256],
          },
        ],
        aiModel: {
          id: studio.id,
          name: 'Studio',
          description: 'soft film look',
          tags: ['film'],
          referenceHashes: [look.sha256],
        },
        // The built-in generator takes two images: the recipe's own, then Mira's first.
        references: [
          { assetId: own.id, sha256: own.sha256, source: 'REQUEST', sent: true },
          { assetId: face.id, sha256: face.sha256, source: 'CHARACTER', sent: true },
          { assetId: profile.id, sha256: profile.sha256, source: 'CHARACTER', sent: false },
          { assetId: look.id, sha256: look.sha256, source: 'AI_MODEL', sent: false },
        ],
      });
      expect(generation.prompt).toBe(
        'Mira wearing a red raincoat in Lisbon\n\nMira: a courier with silver hair\nStudio: soft film look',
      );
      expect(generation.references).toEqual([{ id: own.id }, { id: face.id }]);
      // The hashes are those of the stored bytes.
      for (const asset of [own, face, profile, look]) {
        const bytes = Buffer.from(await (await fetch(asset.url)).arrayBuffer());
        expect(sha256(bytes)).toBe(asset.sha256);
      }
      expect(generation).toMatchObject({
        recipe: { id: recipe.id, name: 'Mira portraits' },
        recipeVersion: { version: 1 },
        template: { id: template.id },
        characters: [{ id: mira.id, name: 'Mira' }],
        aiModel: { id: studio.id, name: 'Studio' },
      });
    });

    it('stays as it was when the character and template are edited afterwards', async () => {
      const browser = await person();
      const { mira, template, runRecipe } = await library(browser);
      const before = await runRecipe();
      await browser.ok(UPDATE_CHARACTER, {
        input: {
          id: mira.id,
          description: 'a retired courier',
          traits: [{ name: 'outfit', value: 'a green coat' }],
          referenceAssetIds: [],
        },
      });
      await browser.ok(UPDATE_TEMPLATE, {
        input: { id: template.id, body: '{{character.name}} asleep in {{place}}' },
      });

      const after = await view(browser, before.id);
      expect(after.provenance).toEqual(before.provenance);
      expect(after.prompt).toBe(before.prompt);
      expect(after.characters).toEqual([
        { id: mira.id, name: 'Mira', description: 'a retired courier' },
      ]);
      expect(after.template).toEqual({
        id: template.id,
        body: '{{character.name}} asleep in {{place}}',
      });
    });

    it('stays as it was when the character, template, AI model and recipe are deleted', async () => {
      const browser = await person();
      const { mira, studio, template, recipe, runRecipe } = await library(browser);
      const before = await runRecipe();
      await browser.ok('mutation ($id: ID!) { deleteCharacter(id: $id) }', { id: mira.id });
      await browser.ok('mutation ($id: ID!) { deletePromptTemplate(id: $id) }', {
        id: template.id,
      });
      await browser.ok('mutation ($id: ID!) { deleteAiModel(id: $id) }', { id: studio.id });
      await browser.ok('mutation ($id: ID!) { deleteRecipe(id: $id) }', { id: recipe.id });

      const after = await view(browser, before.id);
      expect(after.provenance).toEqual(before.provenance);
      expect(after).toMatchObject({
        status: 'SUCCEEDED',
        prompt: before.prompt,
        outputs: before.outputs.map(({ id, sha256: hash }) => ({ id, sha256: hash })),
        recipe: null,
        recipeVersion: null,
        template: null,
        characters: [],
        aiModel: null,
      });
      const { generations } = await browser.ok<{
        generations: { edges: Array<{ node: { id: string } }> };
      }>('{ generations(first: 10) { edges { node { id } } } }');
      expect(generations.edges.map((edge) => edge.node.id)).toEqual([before.id]);
    });
  });

  describe('running again', () => {
    it('reproduces a generation exactly, down to the bytes of its output', async () => {
      const browser = await person();
      const { runRecipe } = await library(browser);
      const original = await runRecipe();
      const { runGenerationAgain } = await browser.ok<{ runGenerationAgain: { id: string } }>(
        RUN_AGAIN,
        { id: original.id },
      );
      expect(runGenerationAgain.id).not.toBe(original.id);
      const again = await finished(browser, runGenerationAgain.id);

      const same = ({
        prompt,
        negativePrompt,
        seed,
        width,
        height,
        aspectRatio,
        count,
        params,
        references,
      }: View) => ({
        prompt,
        negativePrompt,
        seed,
        width,
        height,
        aspectRatio,
        count,
        params,
        references,
      });
      expect(same(again)).toEqual(same(original));
      expect(original.params).toEqual({ style: 'waves', steps: 1 });
      expect(again.outputs.map((output) => output.sha256)).toEqual(
        original.outputs.map((output) => output.sha256),
      );
      expect(again.outputs[0]!.id).not.toBe(original.outputs[0]!.id);
      expect(again.provenance).toEqual({ ...original.provenance, rerunOf: original.id });
    });

    it('reproduces a generation whose recipe, template, character and AI model are gone', async () => {
      const browser = await person();
      const { mira, studio, template, recipe, runRecipe } = await library(browser);
      const original = await runRecipe();
      await browser.ok('mutation ($id: ID!) { deleteRecipe(id: $id) }', { id: recipe.id });
      await browser.ok('mutation ($id: ID!) { deletePromptTemplate(id: $id) }', {
        id: template.id,
      });
      await browser.ok('mutation ($id: ID!) { deleteCharacter(id: $id) }', { id: mira.id });
      await browser.ok('mutation ($id: ID!) { deleteAiModel(id: $id) }', { id: studio.id });
      const { runGenerationAgain } = await browser.ok<{ runGenerationAgain: { id: string } }>(
        RUN_AGAIN,
        { id: original.id },
      );
      const again = await finished(browser, runGenerationAgain.id);
      expect(again.prompt).toBe(original.prompt);
      expect(again.outputs[0]!.sha256).toBe(original.outputs[0]!.sha256);
      expect(again.provenance).toEqual({ ...original.provenance, rerunOf: original.id });
      expect(again).toMatchObject({ recipe: null, template: null, characters: [], aiModel: null });
    });

    it('keeps the aspect ratio of a generation sized by it, as well as its pixels', async () => {
      const browser = await person();
      // 16:9 on the clip model's 320-pixel side rounds to 320×184, which is not exactly 16:9.
      const original = await finished(
        browser,
        await start(browser, {
          kind: 'VIDEO',
          provider: 'local',
          model: 'local-video',
          prompt: 'waves rolling in',
          aspectRatio: '16:9',
          durationSeconds: 2,
        }),
      );
      expect(original).toMatchObject({ aspectRatio: '16:9', width: 320, height: 184 });
      const { runGenerationAgain } = await browser.ok<{ runGenerationAgain: { id: string } }>(
        RUN_AGAIN,
        { id: original.id },
      );
      const again = await finished(browser, runGenerationAgain.id);
      expect(again).toMatchObject({ aspectRatio: '16:9', width: 320, height: 184 });
      expect(again.outputs[0]!.sha256).toBe(original.outputs[0]!.sha256);
    });

    it('starts one generation for one idempotency key', async () => {
      const browser = await person();
      const original = await finished(browser, await start(browser, image()));
      const again = () =>
        browser.ok<{ runGenerationAgain: { id: string } }>(RUN_AGAIN, {
          id: original.id,
          key: 'run-again-key-0001',
        });
      const [first, second] = await Promise.all([again(), again()]);
      const third = await again();
      expect(second.runGenerationAgain.id).toBe(first.runGenerationAgain.id);
      expect(third.runGenerationAgain.id).toBe(first.runGenerationAgain.id);
      await finished(browser, first.runGenerationAgain.id);
      expect(await walletOf(browser)).toEqual({ available: 98, held: 0 });
      const tooLong = await browser.fails(RUN_AGAIN, { id: original.id, key: 'k'.repeat(201) });
      expect(tooLong).toMatchObject({
        code: 'BAD_USER_INPUT',
        extensions: { fieldErrors: [expect.objectContaining({ field: 'idempotencyKey' })] },
      });
      expect(await generationLedger(server, first.runGenerationAgain.id)).toEqual([
        { kind: 'CAPTURE', amount: 1, transfers: 1 },
        { kind: 'HOLD', amount: 1, transfers: 1 },
      ]);
    });

    it('is refused once an image the generation used is deleted, holding nothing', async () => {
      const browser = await person();
      const [reference] = await uploads(browser, 1);
      const original = await finished(
        browser,
        await start(browser, image({ referenceAssetIds: [reference!.id] })),
      );
      await browser.ok(DELETE_ASSET, { id: reference!.id });
      const refused = await browser.fails(RUN_AGAIN, { id: original.id });
      expect(refused.code).toBe('NOT_FOUND');
      expect(await walletOf(browser)).toEqual({ available: 99, held: 0 });
      const { generations } = await browser.ok<{ generations: { edges: unknown[] } }>(
        '{ generations(first: 10) { edges { node { id } } } }',
      );
      expect(generations.edges).toHaveLength(1);
    });

    it('answers a retried key with its generation even after an image was deleted', async () => {
      const browser = await person();
      const [reference] = await uploads(browser, 1);
      const original = await finished(
        browser,
        await start(browser, image({ referenceAssetIds: [reference!.id] })),
      );
      const again = () =>
        browser.ok<{ runGenerationAgain: { id: string } }>(RUN_AGAIN, {
          id: original.id,
          key: 'run-again-key-0002',
        });
      const first = (await again()).runGenerationAgain.id;
      await finished(browser, first);
      await browser.ok(DELETE_ASSET, { id: reference!.id });
      expect((await again()).runGenerationAgain.id).toBe(first);
      expect(await walletOf(browser)).toEqual({ available: 98, held: 0 });
    });

    it("is refused for another user's generation", async () => {
      const owner = await person();
      const other = await person();
      const original = await finished(owner, await start(owner, image()));
      expect((await other.fails(RUN_AGAIN, { id: original.id })).code).toBe('NOT_FOUND');
      expect(await walletOf(other)).toEqual({ available: 100, held: 0 });
    });
  });

  describe('deleting images', () => {
    it('takes a reference image out of characters and AI models, and its file, but not out of provenance', async () => {
      const browser = await person();
      const [first, second] = (await uploads(browser, 2)) as [AssetFields, AssetFields];
      const both = [first.id, second.id];
      const studio = await aiModel(browser, {
        name: 'Studio',
        referenceAssetIds: both,
        coverAssetId: first.id,
      });
      const mira = await character(browser, {
        name: 'Mira',
        referenceAssetIds: both,
        coverAssetId: first.id,
      });
      expect(mira.cover!.id).toBe(first.id);
      const generation = await finished(
        browser,
        await start(browser, image({ characterIds: [mira.id], aiModelId: studio.id })),
      );
      expect((await fetch(first.url)).status).toBe(200);

      const { deleteAsset } = await browser.ok<{ deleteAsset: string }>(DELETE_ASSET, {
        id: first.id,
      });
      expect(deleteAsset).toBe(first.id);

      const remaining = { references: [{ id: second.id }], cover: { id: second.id } };
      expect(
        (await browser.ok<{ character: unknown }>(CHARACTER, { id: mira.id })).character,
      ).toEqual(remaining);
      expect((await browser.ok<{ aiModel: unknown }>(AI_MODEL, { id: studio.id })).aiModel).toEqual(
        remaining,
      );
      expect([403, 404]).toContain(await fileStatus(first.url));
      if (first.thumbnailUrl) expect([403, 404]).toContain(await fileStatus(first.thumbnailUrl));
      expect(await fileStatus(second.url)).toBe(200);

      const after = await view(browser, generation.id);
      expect(after.provenance).toEqual(generation.provenance);
      expect(after.provenance.characters[0]!.referenceHashes).toEqual([
        first.sha256,
        second.sha256,
      ]);
      expect(after.provenance.references).toContainEqual(
        expect.objectContaining({ assetId: first.id, sha256: first.sha256 }),
      );
      expect(after.references).toEqual([{ id: second.id }]);
      expect((await browser.fails(DELETE_ASSET, { id: first.id })).code).toBe('NOT_FOUND');
    });

    it("refuses to delete a generation's output, or another user's image", async () => {
      const owner = await person();
      const other = await person();
      const generation = await finished(owner, await start(owner, image()));
      const output = generation.outputs[0]!;
      expect((await owner.fails(DELETE_ASSET, { id: output.id })).code).toBe('ASSET_NOT_DELETABLE');
      expect(await fileStatus(output.url)).toBe(200);

      const [theirs] = await uploads(owner, 1);
      expect((await other.fails(DELETE_ASSET, { id: theirs!.id })).code).toBe('NOT_FOUND');
      expect((await other.fails(DELETE_ASSET, { id: output.id })).code).toBe('NOT_FOUND');
      expect(await fileStatus(theirs!.url)).toBe(200);
    });
  });

  describe('generationsUsingAsset', () => {
    it('lists the generations that used an image directly or through a character, newest first', async () => {
      const browser = await person();
      const [direct, face] = (await uploads(browser, 2)) as [AssetFields, AssetFields];
      const mira = await character(browser, { name: 'Mira', referenceAssetIds: [face.id] });
      const ids: Record<string, string> = {};
      const inputs: Record<string, Record<string, unknown>> = {
        directly: image({ referenceAssetIds: [direct.id] }),
        viaCharacter: image({ characterIds: [mira.id] }),
        neither: image(),
        both: image({ referenceAssetIds: [direct.id], characterIds: [mira.id] }),
      };
      for (const [name, input] of Object.entries(inputs)) {
        ids[name] = (await finished(browser, await start(browser, input))).id;
      }
      expect(await usingAsset(browser, direct.id)).toEqual([ids.both, ids.directly]);
      expect(await usingAsset(browser, face.id)).toEqual([ids.both, ids.viaCharacter]);

      const { generationsUsingAsset: page } = await browser.ok<{
        generationsUsingAsset: {
          edges: Array<{ node: { id: string } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }>(USING, { assetId: face.id, first: 1 });
      expect(page.edges.map((edge) => edge.node.id)).toEqual([ids.both]);
      expect(page.pageInfo.hasNextPage).toBe(true);
      const rest = await browser.ok<{
        generationsUsingAsset: { edges: Array<{ node: { id: string } }> };
      }>(USING, { assetId: face.id, first: 1, after: page.pageInfo.endCursor });
      expect(rest.generationsUsingAsset.edges.map((edge) => edge.node.id)).toEqual([
        ids.viaCharacter,
      ]);
    });

    it("treats another user's image as unknown", async () => {
      const owner = await person();
      const other = await person();
      const [theirs] = await uploads(owner, 1);
      await finished(owner, await start(owner, image({ referenceAssetIds: [theirs!.id] })));
      const failure = await other.fails(USING, { assetId: theirs!.id, first: 20 });
      expect(failure.code).toBe('NOT_FOUND');
    });
  });

  describe('real provider adapters', () => {
    async function characterWithTwoImages(browser: BrowserClient) {
      const [front, side] = (await uploads(browser, 2)) as [AssetFields, AssetFields];
      const mira = await character(browser, {
        name: 'Mira',
        description: 'a courier with silver hair',
        referenceAssetIds: [front.id, side.id],
      });
      return { front, side, mira };
    }

    it("OpenAI: sends both of a character's images as image[] parts of an edit, with its description", async () => {
      const browser = await person();
      const { front, side, mira } = await characterWithTwoImages(browser);
      const seen = openai.requests.length;
      const generation = await finished(
        browser,
        await start(browser, {
          kind: 'IMAGE',
          provider: 'openai',
          model: 'gpt-image-1-low',
          prompt: 'a portrait on a rooftop',
          characterIds: [mira.id],
        }),
      );
      const requests = openai.requests.slice(seen);
      expect(requests.map((request) => request.path)).toEqual(['/v1/images/edits']);
      const [edit] = requests;
      expect(edit!.files.map((file) => file.field)).toEqual(['image[]', 'image[]']);
      expect(edit!.files.map((file) => sha256(file.bytes))).toEqual([front.sha256, side.sha256]);
      expect(String(edit!.body.prompt)).toContain('a portrait on a rooftop');
      expect(String(edit!.body.prompt)).toContain('a courier with silver hair');
      expect(generation.provenance.references).toEqual([
        { assetId: front.id, sha256: front.sha256, source: 'CHARACTER', sent: true },
        { assetId: side.id, sha256: side.sha256, source: 'CHARACTER', sent: true },
      ]);
      expect(await walletOf(browser)).toEqual({ available: 100 - generation.costCredits, held: 0 });
      expect(await generationLedger(server, generation.id)).toEqual([
        { kind: 'CAPTURE', amount: generation.costCredits, transfers: 1 },
        { kind: 'HOLD', amount: generation.costCredits, transfers: 1 },
      ]);
    });

    it('fal Kontext: sends only the first image to a model that takes one, and says so', async () => {
      const browser = await person();
      const { front, side, mira } = await characterWithTwoImages(browser);
      const seen = fal.requests.length;
      const generation = await finished(
        browser,
        await start(browser, {
          kind: 'IMAGE',
          provider: 'fal',
          model: 'fal-ai/flux-pro/kontext',
          prompt: 'make it night',
          characterIds: [mira.id],
        }),
      );
      const submitted = fal.requests
        .slice(seen)
        .filter(
          (request) => request.method === 'POST' && request.path === '/fal-ai/flux-pro/kontext',
        );
      expect(submitted).toHaveLength(1);
      const dataUri = String(submitted[0]!.body.image_url);
      const [, base64] = /^data:image\/png;base64,(.+)$/.exec(dataUri) ?? [];
      expect(sha256(Buffer.from(base64 ?? '', 'base64'))).toBe(front.sha256);
      expect(String(submitted[0]!.body.prompt)).toContain('a courier with silver hair');
      expect(generation.references).toEqual([{ id: front.id }]);
      expect(generation.provenance.references).toEqual([
        { assetId: front.id, sha256: front.sha256, source: 'CHARACTER', sent: true },
        { assetId: side.id, sha256: side.sha256, source: 'CHARACTER', sent: false },
      ]);
      expect(await walletOf(browser)).toEqual({ available: 100 - generation.costCredits, held: 0 });
      expect(await generationLedger(server, generation.id)).toEqual([
        { kind: 'CAPTURE', amount: generation.costCredits, transfers: 1 },
        { kind: 'HOLD', amount: generation.costCredits, transfers: 1 },
      ]);
    });
  });

  it('reads a page of generations with their library links in a constant number of statements', async () => {
    const browser = await person(200);
    const { recipe } = await library(browser);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(await start(browser, { recipeId: recipe.id, variables: { place: `Town ${i}` } }));
    }
    for (const id of ids) await finished(browser, id);

    const PAGE = `query ($first: Int!) { generations(first: $first) { edges { node {
      recipe { name } characters { name } provenance { recipe { name } }
    } } } }`;
    type Page = {
      generations: {
        edges: Array<{
          node: {
            recipe: { name: string } | null;
            characters: Array<{ name: string }>;
            provenance: { recipe: { name: string } | null };
          };
        }>;
      };
    };
    const statements: string[] = [];
    const spy = jest
      .spyOn(server.runtime.dataSource.logger, 'logQuery')
      .mockImplementation((query: string) => {
        // The library's and generations' statements, leaving out the queue's and the workers' sweeps.
        const background = /graphile_worker|heartbeat_at\s*(<|=\s*now)/.test(query);
        if (LIBRARY_TABLES.test(query) && !background) statements.push(query);
      });
    try {
      const counts: number[] = [];
      for (const first of [2, 50]) {
        statements.length = 0;
        const page = await browser.ok<Page>(PAGE, { first });
        expect(page.generations.edges).toHaveLength(first);
        for (const { node } of page.generations.edges) {
          expect(node).toEqual({
            recipe: { name: 'Mira portraits' },
            characters: [{ name: 'Mira' }],
            provenance: { recipe: { name: 'Mira portraits' } },
          });
        }
        counts.push(statements.length);
      }
      expect(counts[0]).toBeGreaterThanOrEqual(5);
      expect(counts[1]).toBe(counts[0]);
    } finally {
      spy.mockRestore();
    }
  });
});
