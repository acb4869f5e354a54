import { checkTemplate, renderTemplate, type TemplateVariable } from './template-render';

const variable = (overrides: Partial<TemplateVariable> & { name: string }): TemplateVariable => ({
  type: 'TEXT',
  label: null,
  defaultValue: null,
  required: false,
  choices: [],
  ...overrides,
});

const mira = {
  name: 'Mira',
  description: 'a courier with silver hair',
  traits: [{ name: 'outfit', value: 'a red raincoat' }],
};
const studio = { name: 'Studio North', description: 'soft window light', tags: ['film', 'warm'] };
const none = { character: null, model: null };

describe('checkTemplate', () => {
  it('accepts declared variables, character fields, traits and model fields', () => {
    const body = '{{ subject }} by {{character.name}} ({{character.outfit}}), {{model.tags}}';
    expect(checkTemplate({ body, variables: [variable({ name: 'subject' })] })).toEqual([]);
  });

  it.each([
    ['an unclosed placeholder', 'a {{subject', 'Line 1, column 3 opens "{{" without closing it'],
    ['a stray closing', 'a }} b', 'Line 1, column 3 has "}}" without a "{{"'],
    ['a nested opening', '{{a {{b}} }}', 'opens "{{" without closing it'],
    ['an expression', '{{ subject + 1 }}', 'is not a placeholder'],
    ['an unknown model field', '{{model.secret}}', 'is not a placeholder'],
    ['a deeper path', '{{character.name.first}}', 'is not a placeholder'],
    ['an undeclared variable', 'a {{mood}} sky', '{{mood}} is not a declared variable'],
  ])('reports %s on the body', (_case, body, message) => {
    const errors = checkTemplate({ body, variables: [] });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.field === 'body')).toBe(true);
    expect(errors[0]!.message).toContain(message);
  });

  it('gives the line and column of a problem on a later line', () => {
    const [error] = checkTemplate({ body: 'first line\nsecond {{oops', variables: [] });
    expect(error!.message).toMatch(/^Line 2, column 8 /);
  });

  it('checks declarations: names, reserved words, duplicates, choices and defaults', () => {
    const errors = checkTemplate({
      body: 'x',
      variables: [
        variable({ name: '1st' }),
        variable({ name: 'character' }),
        variable({ name: 'mood' }),
        variable({ name: 'mood' }),
        variable({ name: 'size', type: 'CHOICE' }),
        variable({ name: 'tone', choices: ['a'] }),
        variable({ name: 'steps', type: 'NUMBER', defaultValue: 'many' }),
        variable({
          name: 'light',
          type: 'CHOICE',
          choices: ['dawn', 'dusk'],
          defaultValue: 'noon',
        }),
      ],
    });
    expect(errors.map((e) => e.field)).toEqual([
      'variables.0.name',
      'variables.1.name',
      'variables.3.name',
      'variables.4.choices',
      'variables.5.choices',
      'variables.6.defaultValue',
      'variables.7.defaultValue',
    ]);
  });
});

describe('renderTemplate', () => {
  const template = {
    body: '{{subject}} at {{light}}, {{count}} birds',
    variables: [
      variable({ name: 'subject', required: true }),
      variable({ name: 'light', type: 'CHOICE', choices: ['dawn', 'dusk'], defaultValue: 'dusk' }),
      variable({ name: 'count', type: 'NUMBER', defaultValue: '3' }),
    ],
  };

  it('fills variables, taking defaults for those not given', () => {
    const result = renderTemplate(template, { subject: 'A harbour', count: 7 }, none);
    expect(result).toMatchObject({
      prompt: 'A harbour at dusk, 7 birds',
      errors: [],
      values: { subject: 'A harbour', light: 'dusk', count: '7' },
    });
  });

  it('reports missing, unknown and ill-typed values, and still renders a preview', () => {
    const result = renderTemplate(template, { light: 'noon', count: 'lots', colour: 'red' }, none);
    expect(result.errors).toEqual([
      { field: 'variables.light', message: 'Choose one of dawn, dusk (got "noon").' },
      { field: 'variables.count', message: 'Give a number (got "lots").' },
      expect.objectContaining({ field: 'variables.colour' }),
      { field: 'variables.subject', message: 'Fill in subject: this template needs it.' },
    ]);
    expect(result.prompt).toBe('at dusk, 3 birds');
  });

  it('treats an empty value as not given', () => {
    const result = renderTemplate(template, { subject: '' }, none);
    expect(result.errors.map((e) => e.field)).toEqual(['variables.subject']);
  });

  it('fills character and model fields and says which it used', () => {
    const result = renderTemplate(
      {
        body: '{{character.name}} in {{character.outfit}}, {{model.description}} ({{model.tags}})',
        variables: [],
      },
      {},
      { character: mira, model: studio },
    );
    expect(result.prompt).toBe('Mira in a red raincoat, soft window light (film, warm)');
    expect(result.characterFields.sort()).toEqual(['name', 'outfit']);
    expect(result.modelFields).toEqual(['description', 'tags']);
  });

  it('asks for a character or model when the template uses one, once per missing item', () => {
    const result = renderTemplate(
      { body: '{{character.name}}, {{character.description}}, {{model.name}}', variables: [] },
      {},
      none,
    );
    expect(result.errors).toEqual([
      {
        field: 'characterIds',
        message:
          'This template uses {{character.name}}, {{character.description}}: choose a character.',
      },
      { field: 'aiModelId', message: 'This template uses {{model.name}}: choose an AI model.' },
    ]);
    expect(result.prompt).toBe('{{character.name}}, {{character.description}}, {{model.name}}');
  });

  it('names the trait a character lacks', () => {
    const result = renderTemplate(
      { body: '{{character.hat}}', variables: [] },
      {},
      { ...none, character: mira },
    );
    expect(result.errors).toEqual([
      {
        field: 'characterIds',
        message:
          '{{character.hat}}: Mira has no "hat" trait. Add it to the character or choose another.',
      },
    ]);
  });

  it('keeps broken parts of a body as text in the preview, reporting each', () => {
    const result = renderTemplate(
      { body: 'a {{model.foo}} b }} c {{subject', variables: [] },
      {},
      none,
    );
    expect(result.prompt).toBe('a {{model.foo}} b }} c {{subject');
    expect(result.errors).toHaveLength(3);
  });

  it('leaves braces alone when they are not placeholders inside text values', () => {
    const result = renderTemplate(
      { body: 'say {{word}}', variables: [variable({ name: 'word' })] },
      { word: '{{character.name}}' },
      none,
    );
    expect(result.prompt).toBe('say {{character.name}}');
    expect(result.errors).toEqual([]);
  });
});
