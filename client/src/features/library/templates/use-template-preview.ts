import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { RenderTemplateDraftDocument } from '../../../gql/graphql';
import type {
  RenderTemplateDraftQuery,
  RenderTemplateDraftQueryVariables,
  TemplateVariableInput,
} from '../../../gql/graphql';
import { readApiError } from '../../account/api-errors';
import { useDebounced } from '../../generate/use-debounced';

/** How long the text has to stay unchanged before the preview is asked again. */
export const PREVIEW_DELAY_MS = 300;

export interface TemplatePreviewRequest {
  body: string;
  variables: TemplateVariableInput[];
  /** Values of the declared variables; empty ones are left to the defaults. */
  values: Record<string, string>;
  characterId?: string | null;
  aiModelId?: string | null;
}

export type RenderedPreview = RenderTemplateDraftQuery['renderPromptTemplate'];

export interface TemplatePreviewState {
  /** The latest answer (kept while a newer one is on its way). */
  rendered: RenderedPreview | null;
  /** The text changed and the answer shown is for an earlier one. */
  updating: boolean;
  /** Problems the server refused the draft for (a body too long…), as field problems. */
  refused: Array<{ field: string; message: string }>;
  /** Any other failure: the preview can't be shown. */
  error: unknown;
  retry: () => void;
  /** Nothing to render yet (an empty body). */
  empty: boolean;
}

/**
 * Renders a template as written, without saving it, a short pause after it last changed.
 * Problems come back as field problems of the answer; a draft the server refuses outright
 * (its argument checks) has them read from the error.
 */
export function useTemplatePreview(request: TemplatePreviewRequest): TemplatePreviewState {
  const empty = request.body.trim() === '';
  const wanted = JSON.stringify({
    draft: { body: request.body, variables: request.variables },
    variables: request.values,
    characterId: request.characterId || null,
    aiModelId: request.aiModelId || null,
  });
  const settled = useDebounced(wanted, PREVIEW_DELAY_MS);
  const variables = useMemo(
    () => JSON.parse(settled) as RenderTemplateDraftQueryVariables,
    [settled],
  );
  const query = useQuery(RenderTemplateDraftDocument, {
    variables,
    skip: empty || variables.draft.body.trim() === '',
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const api = query.error ? readApiError(query.error) : null;
  const refused =
    api?.code === 'BAD_USER_INPUT'
      ? Object.entries(api.fieldErrors).flatMap(([field, messages]) =>
          messages.map((message) => ({ field, message })),
        )
      : [];
  return {
    rendered:
      empty || query.error
        ? null
        : ((query.data ?? query.previousData)?.renderPromptTemplate ?? null),
    updating: !empty && (settled !== wanted || query.loading),
    refused,
    error: query.error && refused.length === 0 ? query.error : null,
    retry: () => void query.refetch(),
    empty,
  };
}
