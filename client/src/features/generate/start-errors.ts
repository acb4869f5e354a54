import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { errorMessage, formatWait, readApiError } from '../account/api-errors';
import { creditsLabel } from '../credits/format';
import type { FormField } from './form-state';

/** A refusal to start, sorted for the form: messages under fields, and one for the whole form. */
export interface StartProblems {
  fields: Partial<Record<FormField, string>>;
  form: string | null;
  /** The form message is about credits: it comes with a link to the Credits page. */
  aboutCredits: boolean;
}

export const NO_START_PROBLEMS: StartProblems = { fields: {}, form: null, aboutCredits: false };

/** Server field names that the form calls differently. */
const FIELD_ALIASES: Record<string, FormField> = {
  provider: 'providerId',
  model: 'modelId',
  kind: 'modelId',
  references: 'referenceAssetIds',
};

const FORM_FIELDS = new Set<string>([
  'providerId',
  'modelId',
  'prompt',
  'negativePrompt',
  'count',
  'aspectRatio',
  'width',
  'height',
  'durationSeconds',
  'seed',
  'referenceAssetIds',
  'characterIds',
  'aiModelId',
  'templateId',
]);

/** A number in the first error's extensions (`shortfall`, `owed`, `maxBytes`). */
export function extensionNumber(error: unknown, name: string): number | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const entry of error.errors) {
    const value = entry.extensions?.[name];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}

/**
 * Sorts a failed `startGeneration` (or estimate): validation messages under their fields
 * (`count`, `params.steps`, `referenceAssetIds`, `characterIds`, `variables.subject`; `input.`
 * prefixes dropped), messages for fields
 * the form does not show (a parameter of another model) and every other code above the submit
 * button, in words that say what to do.
 */
export function startProblems(
  error: unknown,
  paramNames: readonly string[],
  variableNames: readonly string[] = [],
): StartProblems {
  const api = readApiError(error);
  const known = new Set([
    ...FORM_FIELDS,
    ...paramNames.map((name) => `params.${name}`),
    ...variableNames.map((name) => `variables.${name}`),
  ]);
  const fields: Partial<Record<FormField, string>> = {};
  const leftOver: string[] = [];
  for (const [name, messages] of Object.entries(api.fieldErrors)) {
    const field = FIELD_ALIASES[name] ?? name;
    const text = messages.join(' ');
    if (!text) continue;
    if (known.has(field)) {
      const key = field as FormField;
      fields[key] = fields[key] ? `${fields[key]} ${text}` : text;
    } else {
      leftOver.push(text);
    }
  }

  let form: string | null = null;
  let aboutCredits = false;
  switch (api.code) {
    case 'BAD_USER_INPUT':
      if (Object.keys(api.fieldErrors).length === 0) form = errorMessage(api);
      break;
    case 'INSUFFICIENT_CREDITS': {
      const shortfall = extensionNumber(error, 'shortfall');
      form =
        shortfall !== null
          ? `You need ${creditsLabel(shortfall)} more for this. Get more credits, or make fewer or smaller outputs.`
          : 'You do not have enough credits for this. Get more credits, or make fewer or smaller outputs.';
      aboutCredits = true;
      break;
    }
    case 'CREDITS_RESTRICTED': {
      const owed = extensionNumber(error, 'owed');
      form = `Your account owes ${owed !== null ? creditsLabel(owed) : 'credits'} after a refunded or disputed payment, so new generations are paused. Credits you buy or are granted settle it first.`;
      aboutCredits = true;
      break;
    }
    case 'TOO_MANY_ACTIVE':
      form =
        api.serverMessage ||
        'You have as many generations in progress as you can at once. Wait for one to finish, or cancel one.';
      break;
    case 'RATE_LIMITED':
      form = `You are starting generations quickly. Try again in ${formatWait(api.retryAfterSeconds)}.`;
      break;
    case 'NOT_FOUND':
      // The model went away, or a reference image was deleted (the server names no field).
      if (/asset/i.test(api.serverMessage)) {
        fields.referenceAssetIds =
          'One of these reference images is no longer available. Remove it and try again.';
      } else {
        form = api.serverMessage || 'This model is no longer offered. Reload the page.';
      }
      break;
    case 'PROVIDER_UNAVAILABLE':
      form = api.serverMessage || 'This provider is not set up on this server. Choose another one.';
      break;
    default:
      form = errorMessage(api);
  }
  if (leftOver.length > 0) form = [form, ...leftOver].filter(Boolean).join(' ');
  return { fields, form, aboutCredits };
}
