import { TransferKind } from '../../src/modules/credits/ledger-transfer.entity';
import { signedUp } from './billing';
import type { BrowserClient } from './browser-client';
import { pngImage, uploadImage } from './storage';
import type { TestServer } from './test-server';

/** GraphQL documents and helpers the library tests share. */

export const PERSONA_FIELDS = `id name description references { id sha256 } cover { id url thumbnailUrl }`;

export const CREATE_CHARACTER = `mutation ($input: CreateCharacterInput!) {
  createCharacter(input: $input) { ${PERSONA_FIELDS} traits { name value } aiModel { id name } }
}`;
export const UPDATE_CHARACTER = `mutation ($input: UpdateCharacterInput!) {
  updateCharacter(input: $input) { ${PERSONA_FIELDS} traits { name value } aiModel { id name } }
}`;
export const CREATE_AI_MODEL = `mutation ($input: CreateAiModelInput!) {
  createAiModel(input: $input) { ${PERSONA_FIELDS} tags }
}`;
export const CREATE_TEMPLATE = `mutation ($input: CreatePromptTemplateInput!) {
  createPromptTemplate(input: $input) { id name body variables { name type label defaultValue required choices } }
}`;
export const RENDER = `query ($id: ID, $draft: PromptTemplateDraftInput, $variables: JSONObject, $characterId: ID, $aiModelId: ID) {
  renderPromptTemplate(id: $id, draft: $draft, variables: $variables, characterId: $characterId, aiModelId: $aiModelId) {
    prompt complete values fieldErrors { field message }
  }
}`;
export const RECIPE_FIELDS = `id name description latestVersionNumber
  latestVersion { id version kind provider model template { id name body } settings { prompt count aspectRatio width height seed params } variables note characters { id name } aiModel { id } references { id } }
  versions { version note }`;
export const CREATE_RECIPE = `mutation ($input: CreateRecipeInput!) { createRecipe(input: $input) { ${RECIPE_FIELDS} } }`;
export const UPDATE_RECIPE = `mutation ($input: UpdateRecipeInput!) { updateRecipe(input: $input) { ${RECIPE_FIELDS} } }`;
export const PROVENANCE = `provenance {
  recipe { id name version } template { id name body } variables basePrompt addedContext rerunOf
  characters { id name description traits { name value } referenceHashes }
  aiModel { id name description tags referenceHashes }
  references { assetId sha256 source sent }
}`;

export type Persona = {
  id: string;
  name: string;
  description: string;
  references: Array<{ id: string; sha256: string }>;
  cover: { id: string; url: string; thumbnailUrl: string | null } | null;
};

/** `count` distinct PNG uploads of the person's, as assets. */
export async function uploads(browser: BrowserClient, count: number, size = 48) {
  const assets = [];
  for (let i = 0; i < count; i++)
    assets.push(await uploadImage(browser, await pngImage(size + i, size)));
  return assets;
}

/* Helpers of the recipe and provenance tests. */

/** A signed-up person with `credits` to spend, and their user id. */
export async function fundedPerson(server: TestServer, credits = 100, name = 'Library Person') {
  const browser = await signedUp(server, name);
  const { me } = await browser.ok<{ me: { id: string } }>('{ me { id } }');
  await server.runtime.services.ledger.grant({
    userId: me.id,
    amount: credits,
    kind: TransferKind.ADMIN_GRANT,
    key: `library-grant:${me.id}`,
  });
  return { browser, userId: me.id };
}

/** The fields an error puts at fault (`extensions.fieldErrors`), in order. */
export function fieldsAtFault(failure: { extensions: Record<string, unknown> }): string[] {
  const errors = (failure.extensions.fieldErrors ?? []) as Array<{ field: string }>;
  return errors.map((error) => error.field);
}

/** What I can spend and what is held for generations in progress. */
export async function walletOf(browser: BrowserClient) {
  const { me } = await browser.ok<{ me: { credits: { available: number; held: number } } }>(
    '{ me { credits { available held } } }',
  );
  return me.credits;
}

/** The ledger's movements for one generation's hold, by kind. */
export async function generationLedger(server: TestServer, generationId: string) {
  return (await server.runtime.dataSource.query(
    `SELECT kind, sum(amount)::int AS amount, count(*)::int AS transfers FROM ledger_transfers
     WHERE reference_type = 'generation' AND reference_id = $1 GROUP BY kind ORDER BY kind::text`,
    [generationId],
  )) as Array<{ kind: string; amount: number; transfers: number }>;
}
