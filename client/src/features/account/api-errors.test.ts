import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { errorMessage, fieldName, formErrors, formatWait, readApiError } from './api-errors';

function graphQLError(
  code: string,
  extensions: Record<string, unknown> = {},
  message = 'Server says no.',
) {
  return new CombinedGraphQLErrors({ errors: [{ message, extensions: { code, ...extensions } }] });
}

describe('readApiError', () => {
  it('reads the code, the message, retryAfterSeconds and the field errors', () => {
    const error = readApiError(
      graphQLError('BAD_USER_INPUT', {
        fieldErrors: [
          { field: 'input.email', messages: ['email must be an email'] },
          { field: 'input.password', messages: ['too short', 'too common'] },
          { field: 'name', messages: ['name should not be empty'] },
          { field: 42, messages: 'not a list' },
        ],
      }),
    );
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.serverMessage).toBe('Server says no.');
    expect(error.fieldErrors).toEqual({
      email: ['email must be an email'],
      password: ['too short', 'too common'],
      name: ['name should not be empty'],
    });
    expect(readApiError(graphQLError('RATE_LIMITED', { retryAfterSeconds: 125 }))).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 125,
    });
  });

  it('tells a server that was not reached from other failures', () => {
    expect(readApiError(new TypeError('Failed to fetch')).code).toBe('NETWORK');
    expect(readApiError(new Error('boom')).code).toBe('UNKNOWN');
    expect(readApiError('odd').code).toBe('UNKNOWN');
  });

  it('strips the input. prefix of argument paths only', () => {
    expect(fieldName('input.email')).toBe('email');
    expect(fieldName('input.profile.name')).toBe('profile.name');
    expect(fieldName('token')).toBe('token');
    expect(fieldName('inputs.email')).toBe('inputs.email');
  });
});

describe('errorMessage', () => {
  it('words the account codes for people', () => {
    expect(errorMessage(readApiError(graphQLError('INVALID_CREDENTIALS')))).toBe(
      'Email or password is incorrect.',
    );
    expect(errorMessage(readApiError(graphQLError('UNAUTHENTICATED')))).toBe(
      'Your session ended; please sign in again.',
    );
    expect(errorMessage(readApiError(graphQLError('LAST_SIGN_IN_METHOD')))).toMatch(
      /only way left to sign in/,
    );
  });

  it('says how long to wait when rate limited', () => {
    expect(
      errorMessage(readApiError(graphQLError('RATE_LIMITED', { retryAfterSeconds: 240 }))),
    ).toBe('Too many attempts. Try again in 4 minutes.');
    expect(errorMessage(readApiError(graphQLError('RATE_LIMITED', { retryAfterSeconds: 5 })))).toBe(
      'Too many attempts. Try again in 1 minute.',
    );
    expect(errorMessage(readApiError(graphQLError('RATE_LIMITED')))).toBe(
      'Too many attempts. Try again in a few minutes.',
    );
  });

  it('prefers a wording given for the place, then falls back to the server’s message', () => {
    const invalid = readApiError(graphQLError('INVALID_MFA_CODE'));
    expect(errorMessage(invalid, { INVALID_MFA_CODE: 'Not that one.' })).toBe('Not that one.');
    expect(errorMessage(readApiError(graphQLError('SOMETHING_NEW')))).toBe('Server says no.');
    expect(errorMessage(readApiError(graphQLError('SOMETHING_NEW', {}, '')))).toMatch(
      /Something went wrong/,
    );
  });
});

describe('formatWait', () => {
  it('rounds up to minutes, then hours', () => {
    expect(formatWait(0)).toBe('1 minute');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(119 * 60)).toBe('119 minutes');
    expect(formatWait(3 * 3600)).toBe('3 hours');
    expect(formatWait(null)).toBe('a few minutes');
  });
});

describe('formErrors', () => {
  const fields = ['name', 'email', 'password'] as const;

  it('puts validation messages under their fields and the rest above the form', () => {
    const result = formErrors(
      graphQLError('BAD_USER_INPUT', {
        fieldErrors: [
          { field: 'input.email', messages: ['email must be an email'] },
          { field: 'input.avatarUrl', messages: ['Use an https:// image address.'] },
        ],
      }),
      { fields },
    );
    expect(result.fields).toEqual({ email: 'email must be an email' });
    expect(result.form).toBe('Use an https:// image address.');
  });

  it('shows no form message when every validation message has its field', () => {
    const result = formErrors(
      graphQLError('BAD_USER_INPUT', { fieldErrors: [{ field: 'input.name', messages: ['x'] }] }),
      { fields },
    );
    expect(result).toEqual({ fields: { name: 'x' }, form: null });
  });

  it('puts codes that belong to a field under it, in the server’s words when it has some', () => {
    const taken = formErrors(
      graphQLError('EMAIL_TAKEN', {
        fieldErrors: [{ field: 'email', messages: ['An account with this email already exists.'] }],
      }),
      { fields, codeFields: { EMAIL_TAKEN: 'email' } },
    );
    expect(taken).toEqual({
      fields: { email: 'An account with this email already exists.' },
      form: null,
    });

    const weak = formErrors(graphQLError('WEAK_PASSWORD'), {
      fields,
      codeFields: { WEAK_PASSWORD: 'password' },
    });
    expect(weak.fields.password).toMatch(/too easy to guess/);
    expect(weak.form).toBeNull();
  });

  it('moves a field message named differently by the server to the field the code is about', () => {
    const result = formErrors(
      graphQLError('WEAK_PASSWORD', {
        fieldErrors: [
          { field: 'password', messages: ['This password is one of the most common ones.'] },
        ],
      }),
      { fields: ['currentPassword', 'newPassword'], codeFields: { WEAK_PASSWORD: 'newPassword' } },
    );
    expect(result).toEqual({
      fields: { newPassword: 'This password is one of the most common ones.' },
      form: null,
    });
  });

  it('uses the form’s own wording of a code before the server’s', () => {
    const result = formErrors(
      graphQLError('INVALID_MFA_CODE', {
        fieldErrors: [{ field: 'code', messages: ['Invalid.'] }],
      }),
      {
        fields: ['code'],
        codeFields: { INVALID_MFA_CODE: 'code' },
        messages: { INVALID_MFA_CODE: 'That recovery code is not valid or was already used.' },
      },
    );
    expect(result.fields.code).toBe('That recovery code is not valid or was already used.');
  });

  it('shows other failures above the form', () => {
    expect(formErrors(graphQLError('INVALID_CREDENTIALS'), { fields })).toEqual({
      fields: {},
      form: 'Email or password is incorrect.',
    });
    expect(formErrors(new TypeError('Failed to fetch'), { fields }).form).toMatch(
      /Can’t reach the server/,
    );
  });
});
