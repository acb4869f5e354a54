import { TransferKind } from '../src/modules/credits/ledger-transfer.entity';
import { createLocalProvider } from '../src/modules/providers/local/local-provider';
import { signedUp } from './support/billing';
import type { BrowserClient } from './support/browser-client';
import { START, waitForEnd, type Started } from './support/generations';
import {
  CREATE_CHARACTER,
  CREATE_RECIPE,
  CREATE_TEMPLATE,
  PROVENANCE,
  RENDER,
  uploads,
  type Persona,
} from './support/library';
import { startTestServer, type TestServer } from './support/test-server';

describe('library smoke', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ providers: [createLocalProvider({ stepMs: 5, steps: 2 })] });
  });
  afterAll(() => server.stop());

  async function person(): Promise<BrowserClient> {
    const browser = await signedUp(server, 'Library Person');
    const { me } = await browser.ok<{ me: { id: string } }>('{ me { id } }');
    await server.runtime.services.ledger.grant({
      userId: me.id,
      amount: 100,
      kind: TransferKind.ADMIN_GRANT,
      key: `test-grant:${me.id}`,
    });
    return browser;
  }

  it('runs a recipe with a character', async () => {
    const browser = await person();
    const images = await uploads(browser, 2);
    const { createCharacter: mira } = await browser.ok<{ createCharacter: Persona }>(
      CREATE_CHARACTER,
      {
        input: {
          name: 'Mira',
          description: 'a courier with silver hair',
          traits: [{ name: 'outfit', value: 'a red raincoat' }],
          referenceAssetIds: images.map((i) => i.id),
        },
      },
    );
    expect(mira.references.map((r) => r.id)).toEqual(images.map((i) => i.id));
    const { createPromptTemplate: template } = await browser.ok<{
      createPromptTemplate: { id: string };
    }>(CREATE_TEMPLATE, {
      input: {
        name: 'Portrait',
        body: '{{character.name}} wearing {{character.outfit}} in {{place}}',
        variables: [{ name: 'place', type: 'TEXT', required: true }],
      },
    });
    const rendered = await browser.ok(RENDER, {
      id: template.id,
      characterId: mira.id,
      variables: { place: 'Lisbon' },
    });
    console.log(JSON.stringify(rendered));
    const recipe = await browser.ok<{ createRecipe: { id: string } }>(CREATE_RECIPE, {
      input: {
        name: 'Mira portraits',
        kind: 'IMAGE',
        provider: 'local',
        model: 'local-image',
        templateId: template.id,
        settings: { aspectRatio: '1:1', width: 64, height: 64 },
        variables: { place: 'Porto' },
        characterIds: [mira.id],
      },
    });
    console.log(JSON.stringify(recipe));
    const started = await browser.ok<Started>(START, {
      input: { recipeId: recipe.createRecipe.id, variables: { place: 'Lisbon' } },
    });
    await waitForEnd(browser, started.startGeneration.id);
    const view = await browser.ok(
      `query ($id: ID!) { generation(id: $id) { id status prompt references { id } recipe { name } characters { name } ${PROVENANCE} } }`,
      { id: started.startGeneration.id },
    );
    console.log(JSON.stringify(view, null, 1));
  });
});
