import {
  describeProblem,
  givenValues,
  insertAt,
  newVariableRow,
  offsetOf,
  previewVariables,
  problemsByField,
  rowFromVariable,
  saveErrors,
  isTemplateField,
  undeclaredPlaceholders,
  variableInput,
} from './template-form';
import type { VariableRow } from './template-form';
import { CombinedGraphQLErrors } from '@apollo/client/errors';

function row(patch: Partial<VariableRow>): VariableRow {
  return { ...newVariableRow(), ...patch };
}

describe('template form', () => {
  it('turns rows into declarations: trimmed, empty label and default left out, choices per line', () => {
    expect(
      variableInput(
        row({ name: ' style ', type: 'CHOICE', label: ' ', choices: 'oil\n\n watercolour \n' }),
      ),
    ).toEqual({
      name: 'style',
      type: 'CHOICE',
      label: null,
      defaultValue: null,
      required: false,
      choices: ['oil', 'watercolour'],
    });
    // Choices typed for another type are not sent.
    expect(
      variableInput(row({ name: 'n', type: 'NUMBER', choices: 'a', defaultValue: '3' })),
    ).toMatchObject({ choices: [], defaultValue: '3' });
    const saved = {
      name: 'place',
      type: 'TEXT' as const,
      label: 'Place',
      defaultValue: null,
      required: true,
      choices: [],
    };
    expect(variableInput(rowFromVariable(saved))).toEqual(saved);
  });

  it('leaves rows without a name out of the preview, and maps its indexes back to the rows', () => {
    const rows = [row({ name: 'a' }), row({ name: '' }), row({ name: 'a' })];
    expect(previewVariables(rows).map((variable) => variable.name)).toEqual(['a', 'a']);
    const named = rows.filter((candidate) => candidate.name);
    expect(
      problemsByField(
        [
          { field: 'variables.1.name', message: '"a" is declared twice.' },
          { field: 'variables.a', message: 'Give a number.' },
          { field: 'draft.body', message: 'Too long.' },
        ],
        (index) => rows.indexOf(named[index]!),
      ),
    ).toEqual({
      'variables.2.name': '"a" is declared twice.',
      'variables.a': 'Give a number.',
      body: 'Too long.',
    });
  });

  it('sends values of declared variables only, and no empty ones', () => {
    expect(givenValues(['place', 'style'], { place: 'Lisbon', style: '', old: 'x' })).toEqual({
      place: 'Lisbon',
    });
  });

  it('finds placeholders the text uses that are not declared, once each, in order', () => {
    expect(
      undeclaredPlaceholders(
        'A {{ subject }} in {{place}} by {{character.name}} ({{model.tags}}), {{subject}} {{style}}',
        [row({ name: 'place' })],
      ),
    ).toEqual(['subject', 'style']);
  });

  it('names where each problem is and reads the position of syntax errors', () => {
    const rows = [row({ name: 'place', label: 'Place' })];
    expect(
      describeProblem({
        field: 'body',
        message: 'Line 2, column 5 opens "{{" without closing it with "}}".',
      }),
    ).toEqual({
      field: 'body',
      message: 'Line 2, column 5 opens "{{" without closing it with "}}".',
      where: 'Text',
      position: { line: 2, column: 5 },
    });
    expect(describeProblem({ field: 'variables.0.choices', message: 'x' }, rows).where).toBe(
      'Variable place',
    );
    expect(describeProblem({ field: 'variables.3.name', message: 'x' }, rows).where).toBe(
      'Variable 4',
    );
    expect(describeProblem({ field: 'variables.place', message: 'x' }, rows).where).toBe(
      'Value of Place',
    );
    expect(
      describeProblem({ field: 'variables.mood', message: 'x' }, [], { mood: 'Mood' }).where,
    ).toBe('Value of Mood');
    expect(describeProblem({ field: 'characterIds', message: 'x' }).where).toBe('Character');
    expect(describeProblem({ field: 'aiModelId', message: 'x' }).where).toBe('AI model');
  });

  it('finds a line and column in the text, and inserts at the caret', () => {
    const text = 'one\ntwo {{\nthree';
    expect(offsetOf(text, 2, 5)).toBe(8);
    expect(text.slice(offsetOf(text, 2, 5), offsetOf(text, 2, 5) + 2)).toBe('{{');
    expect(offsetOf(text, 9, 9)).toBe(text.length);
    expect(insertAt('A  portrait', '{{x}}', 2, 2)).toEqual({ text: 'A {{x}} portrait', caret: 7 });
    expect(insertAt('replace me', '{{y}}', 0, 7)).toEqual({ text: '{{y}} me', caret: 5 });
  });

  it('puts save messages under the fields the editor shows, the rest above it', () => {
    const error = new CombinedGraphQLErrors({
      errors: [
        {
          message: 'Some fields are not valid',
          extensions: {
            code: 'BAD_USER_INPUT',
            fieldErrors: [
              { field: 'input.variables.0.name', messages: ['"a" is declared twice.'] },
              { field: 'body', messages: ['Line 1, column 3 has }} without {{.'] },
              { field: 'somethingElse', messages: ['Odd.'] },
            ],
          },
        },
      ],
    });
    expect(saveErrors(error, isTemplateField)).toEqual({
      fields: {
        'variables.0.name': '"a" is declared twice.',
        body: 'Line 1, column 3 has }} without {{.',
      },
      form: 'Odd.',
    });
  });
});
