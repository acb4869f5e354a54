import { signedUp } from './support/billing';
import {
  CREATE_AI_MODEL,
  CREATE_CHARACTER,
  CREATE_TEMPLATE,
  RENDER,
  type Persona,
} from './support/library';
import { startTestServer, type TestServer } from './support/test-server';

type Template = {
  id: string;
  name: string;
  body: string;
  variables: Array<{ name: string; type: string; defaultValue: string | null; required: boolean }>;
};
type Rendered = {
  renderPromptTemplate: {
    prompt: string;
    complete: boolean;
    values: Record<string, string>;
    fieldErrors: Array<{ field: string; message: string }>;
  };
};

const UPDATE = `mutation ($input: UpdatePromptTemplateInput!) {
  updatePromptTemplate(input: $input) { id name body variables { name type defaultValue required } }
}`;

const portrait = {
  name: 'Portrait',
  body: '{{character.name}} wearing {{character.outfit}} at {{place}}, {{model.description}}',
  variables: [
    { name: 'place', type: 'TEXT', required: true },
    { name: 'light', type: 'CHOICE', choices: ['dawn', 'dusk'], defaultValue: 'dusk' },
  ],
};

describe('library: prompt templates', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('saves a template and renders it with variables, a character and an AI model', async () => {
    const browser = await signedUp(server, 'Template Person');
    const { createPromptTemplate: template } = await browser.ok<{ createPromptTemplate: Template }>(
      CREATE_TEMPLATE,
      { input: portrait },
    );
    expect(template.variables.map((v) => [v.name, v.type, v.required])).toEqual([
      ['place', 'TEXT', true],
      ['light', 'CHOICE', false],
    ]);
    const { createCharacter: mira } = await browser.ok<{ createCharacter: Persona }>(
      CREATE_CHARACTER,
      { input: { name: 'Mira', traits: [{ name: 'outfit', value: 'a red raincoat' }] } },
    );
    const { createAiModel: model } = await browser.ok<{ createAiModel: Persona }>(CREATE_AI_MODEL, {
      input: { name: 'Studio', description: 'soft window light' },
    });
    const { renderPromptTemplate: rendered } = await browser.ok<Rendered>(RENDER, {
      id: template.id,
      variables: { place: 'the harbour' },
      characterId: mira.id,
      aiModelId: model.id,
    });
    expect(rendered).toEqual({
      prompt: 'Mira wearing a red raincoat at the harbour, soft window light',
      complete: true,
      values: { place: 'the harbour', light: 'dusk' },
      fieldErrors: [],
    });

    // What is missing is listed, and the preview still shows the rest.
    const { renderPromptTemplate: partial } = await browser.ok<Rendered>(RENDER, {
      id: template.id,
      variables: { light: 'noon', weather: 'rain' },
    });
    expect(partial.complete).toBe(false);
    expect(partial.fieldErrors.map((e) => e.field).sort()).toEqual([
      'aiModelId',
      'characterIds',
      'variables.light',
      'variables.place',
      'variables.weather',
    ]);
    expect(partial.prompt).toBe(
      '{{character.name}} wearing {{character.outfit}} at , {{model.description}}',
    );
  });

  it('renders a draft without saving it, syntax errors included', async () => {
    const browser = await signedUp(server, 'Draft Person');
    const { renderPromptTemplate: ok } = await browser.ok<Rendered>(RENDER, {
      draft: { body: 'a {{mood}} sea', variables: [{ name: 'mood', defaultValue: 'calm' }] },
    });
    expect(ok).toMatchObject({ prompt: 'a calm sea', complete: true });
    const { renderPromptTemplate: broken } = await browser.ok<Rendered>(RENDER, {
      draft: { body: 'line one\na {{mood sea', variables: [] },
    });
    expect(broken.fieldErrors).toEqual([
      { field: 'body', message: 'Line 2, column 3 opens "{{" without closing it with "}}".' },
    ]);
    const neither = await browser.fails(RENDER, {});
    expect(neither.code).toBe('BAD_USER_INPUT');
    const { promptTemplates } = await browser.ok<{ promptTemplates: { edges: unknown[] } }>(
      '{ promptTemplates(first: 5) { edges { cursor } } }',
    );
    expect(promptTemplates.edges).toEqual([]);
  });

  it('refuses malformed and oversized templates with field errors', async () => {
    const browser = await signedUp(server, 'Strict Person');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', body: 'a {{subject}}', variables: [] }, 'body'],
      [{ name: 'x', body: 'a {{subject', variables: [] }, 'body'],
      [{ name: 'x', body: 'a {{ 1 + 1 }}', variables: [] }, 'body'],
      [{ name: 'x', body: 'x'.repeat(8001), variables: [] }, 'body'],
      [{ name: 'x', body: 'ok', variables: [{ name: 'model' }] }, 'variables.0.name'],
      [{ name: 'x', body: 'ok', variables: [{ name: 'a' }, { name: 'a' }] }, 'variables.1.name'],
      [
        { name: 'x', body: 'ok', variables: [{ name: 'c', type: 'CHOICE' }] },
        'variables.0.choices',
      ],
      [
        { name: 'x', body: 'ok', variables: [{ name: 'n', type: 'NUMBER', defaultValue: 'ten' }] },
        'variables.0.defaultValue',
      ],
      [
        {
          name: 'x',
          body: 'ok',
          variables: Array.from({ length: 31 }, (_, i) => ({ name: `v${i}` })),
        },
        'variables',
      ],
      [{ name: '', body: 'ok', variables: [] }, 'name'],
    ];
    for (const [input, field] of cases) {
      const refused = await browser.fails(CREATE_TEMPLATE, { input });
      expect(refused.code).toBe('BAD_USER_INPUT');
      const fields = (refused.extensions.fieldErrors as Array<{ field: string }>).map(
        (e) => e.field,
      );
      expect({ body: String(input.body).slice(0, 20), fields }).toEqual({
        body: String(input.body).slice(0, 20),
        fields: expect.arrayContaining([field]),
      });
    }
  });

  it('updates, lists, searches and deletes; another user sees none of it', async () => {
    const alice = await signedUp(server, 'Alice Templates');
    const bob = await signedUp(server, 'Bob Templates');
    const { createPromptTemplate: template } = await alice.ok<{ createPromptTemplate: Template }>(
      CREATE_TEMPLATE,
      { input: portrait },
    );
    const { updatePromptTemplate: updated } = await alice.ok<{ updatePromptTemplate: Template }>(
      UPDATE,
      { input: { id: template.id, body: 'a {{place}} at {{light}}' } },
    );
    expect(updated).toMatchObject({ name: 'Portrait', body: 'a {{place}} at {{light}}' });
    // The body must still fit the declared variables.
    const refused = await alice.fails(UPDATE, {
      input: { id: template.id, variables: [{ name: 'place' }] },
    });
    expect(refused.code).toBe('BAD_USER_INPUT');

    const { promptTemplates } = await alice.ok<{
      promptTemplates: { edges: Array<{ node: { id: string } }> };
    }>('{ promptTemplates(first: 5, search: "at {{light") { edges { node { id } } } }');
    expect(promptTemplates.edges.map((e) => e.node.id)).toEqual([template.id]);

    for (const [query, variables] of [
      ['query ($id: ID!) { promptTemplate(id: $id) { body } }', { id: template.id }],
      [UPDATE, { input: { id: template.id, name: 'Stolen' } }],
      ['mutation ($id: ID!) { deletePromptTemplate(id: $id) }', { id: template.id }],
      [RENDER, { id: template.id }],
    ] as const) {
      expect((await bob.fails(query, variables)).code).toBe('NOT_FOUND');
    }

    await alice.ok('mutation ($id: ID!) { deletePromptTemplate(id: $id) }', { id: template.id });
    const gone = await alice.fails('query ($id: ID!) { promptTemplate(id: $id) { id } }', {
      id: template.id,
    });
    expect(gone.code).toBe('NOT_FOUND');
  });
});
