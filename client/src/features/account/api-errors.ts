import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

/** Code for a request that never got a GraphQL answer (offline, server down, proxy error). */
export const NETWORK_ERROR = 'NETWORK';

/** An operation's failure, reduced to what forms and pages need to explain it. */
export interface ApiError {
  /** `extensions.code` of the error, NETWORK when the server was not reached, or UNKNOWN. */
  code: string;
  /** The server's own message, for codes the client has no wording of its own for. */
  serverMessage: string;
  /** Validation messages by input field, without the `input.` prefix (`email`, `password`). */
  fieldErrors: Record<string, string[]>;
  /** RATE_LIMITED: seconds until another attempt is accepted. */
  retryAfterSeconds: number | null;
}

interface FieldErrorEntry {
  field: string;
  messages: string[];
}

function isFieldErrorEntry(value: unknown): value is FieldErrorEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.field === 'string' &&
    Array.isArray(entry.messages) &&
    entry.messages.every((message) => typeof message === 'string')
  );
}

/** `input.email` → `email`: the form field an argument path belongs to. */
export function fieldName(path: string): string {
  return path.startsWith('input.') ? path.slice('input.'.length) : path;
}

/** Reads an error thrown by an Apollo operation. */
export function readApiError(error: unknown): ApiError {
  if (CombinedGraphQLErrors.is(error)) {
    const fieldErrors: Record<string, string[]> = {};
    let code: string | undefined;
    let retryAfterSeconds: number | null = null;
    for (const entry of error.errors) {
      const extensions = entry.extensions ?? {};
      if (code === undefined && typeof extensions.code === 'string') code = extensions.code;
      if (
        retryAfterSeconds === null &&
        typeof extensions.retryAfterSeconds === 'number' &&
        Number.isFinite(extensions.retryAfterSeconds)
      ) {
        retryAfterSeconds = Math.max(0, extensions.retryAfterSeconds);
      }
      if (Array.isArray(extensions.fieldErrors)) {
        for (const item of extensions.fieldErrors) {
          if (!isFieldErrorEntry(item)) continue;
          const name = fieldName(item.field);
          fieldErrors[name] = [...(fieldErrors[name] ?? []), ...item.messages];
        }
      }
    }
    return {
      code: code ?? 'UNKNOWN',
      serverMessage: error.errors[0]?.message ?? '',
      fieldErrors,
      retryAfterSeconds,
    };
  }
  const unreachable =
    ServerError.is(error) ||
    ServerParseError.is(error) ||
    error instanceof TypeError ||
    (error instanceof Error && error.name === 'AbortError');
  return {
    code: unreachable ? NETWORK_ERROR : 'UNKNOWN',
    serverMessage: error instanceof Error ? error.message : '',
    fieldErrors: {},
    retryAfterSeconds: null,
  };
}

/** Whether an operation failed with the given `extensions.code`. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return readApiError(error).code === code;
}

/** "5 minutes", "1 minute", "2 hours": how long to wait, rounded up, for "try again in …". */
export function formatWait(seconds: number | null): string {
  if (seconds === null) return 'a few minutes';
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hours`;
}

/** What the client says for each error code; RATE_LIMITED and BAD_USER_INPUT are worded below. */
const MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: 'Email or password is incorrect.',
  INVALID_MFA_CODE: 'That code is not valid. Enter the current code from your authenticator app.',
  INVALID_TOKEN: 'This link has expired, was already used, or is not valid.',
  EMAIL_TAKEN: 'An account with this email already exists.',
  WEAK_PASSWORD:
    'This password is too easy to guess. Use at least 10 characters and avoid common passwords.',
  LAST_SIGN_IN_METHOD:
    'This is the only way left to sign in to your account, so it can’t be unlinked. Link another provider first.',
  UNAUTHENTICATED: 'Your session ended; please sign in again.',
  FORBIDDEN: 'Your account is not allowed to do this.',
  AGE_CONFIRMATION_REQUIRED: 'Confirm that you are 18 or older to continue.',
  NOT_FOUND: 'This no longer exists. Reload the page to see the current state.',
  MFA_REQUIRED: 'Enter the code from your authenticator app to continue.',
  [NETWORK_ERROR]: 'Can’t reach the server. Check your connection and try again.',
};

const FALLBACK_MESSAGE = 'Something went wrong. Try again in a moment.';

/**
 * The sentence to show for an error. `overrides` words a code for one place (a recovery code
 * that does not match, a session that is already gone).
 */
export function errorMessage(
  error: ApiError,
  overrides: Partial<Record<string, string>> = {},
): string {
  const override = overrides[error.code];
  if (override) return override;
  if (error.code === 'RATE_LIMITED') {
    return `Too many attempts. Try again in ${formatWait(error.retryAfterSeconds)}.`;
  }
  const known = MESSAGES[error.code];
  if (known) return known;
  if (error.code === 'BAD_USER_INPUT') {
    return error.serverMessage || 'Some fields are not valid. Check them and try again.';
  }
  return error.serverMessage || FALLBACK_MESSAGE;
}

/** Errors of a form: one message per field shown under it, and one for the whole form. */
export interface FormErrors<Field extends string = string> {
  fields: Partial<Record<Field, string>>;
  form: string | null;
}

export const NO_FORM_ERRORS: FormErrors<never> = { fields: {}, form: null };

export interface FormErrorOptions<Field extends string> {
  /** The fields the form shows; messages for any other field go to the form-level error. */
  fields: readonly Field[];
  /** Codes that are about one field (EMAIL_TAKEN → email), shown under that field. */
  codeFields?: Partial<Record<string, Field>>;
  /** Wording of codes for this form. */
  messages?: Partial<Record<string, string>>;
}

/**
 * Sorts an operation's error into field and form messages: validation messages go under their
 * fields (`input.email` → email), codes tied to a field go under it, everything else above the
 * form.
 *
 * For a code tied to a field, the words shown are, in order: this form's own wording of the code,
 * the server's message for that field, the server's message for a field this form names
 * differently (a weak `password` when the form calls it `newPassword`), the usual wording.
 */
export function formErrors<Field extends string>(
  error: unknown,
  options: FormErrorOptions<Field>,
): FormErrors<Field> {
  const api = readApiError(error);
  const known = new Set<string>(options.fields);
  const fields: Partial<Record<Field, string>> = {};
  const leftOver: string[] = [];

  for (const [name, messages] of Object.entries(api.fieldErrors)) {
    const text = messages.join(' ');
    if (!text) continue;
    if (known.has(name)) fields[name as Field] = text;
    else leftOver.push(text);
  }

  const codeField = options.codeFields?.[api.code];
  let form: string | null = null;
  if (codeField && known.has(codeField)) {
    fields[codeField] =
      options.messages?.[api.code] ??
      fields[codeField] ??
      leftOver.shift() ??
      errorMessage(api, options.messages);
  } else if (api.code !== 'BAD_USER_INPUT' || Object.keys(api.fieldErrors).length === 0) {
    form = errorMessage(api, options.messages);
  }
  if (leftOver.length > 0) form = [form, ...leftOver].filter(Boolean).join(' ');
  return { fields, form };
}

/** The errors without the one under `field`: a field's message goes once the person edits it. */
export function clearFieldError<Field extends string>(
  errors: FormErrors<Field>,
  field: Field,
): FormErrors<Field> {
  if (errors.fields[field] === undefined) return errors;
  const fields = { ...errors.fields };
  delete fields[field];
  return { ...errors, fields };
}
