import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { CreateAiModelDocument, UpdateAiModelDocument } from '../../../gql/graphql';
import type { AiModelDetailFragment } from '../../../gql/graphql';
import { PersonaForm } from '../persona/PersonaForm';
import { usePersonaForm } from '../persona/use-persona-form';
import { TagsEditor } from './TagsEditor';

export interface AiModelFormProps {
  /** The AI model to edit; without one the form creates an AI model. */
  model?: AiModelDetailFragment;
}

/**
 * Creates or edits an AI model (a persona): name, description, tags and its ordered reference
 * images with a cover. The server's messages appear beside their fields.
 */
export function AiModelForm({ model }: AiModelFormProps) {
  const [tags, setTags] = useState<string[]>(() => [...(model?.tags ?? [])]);
  const [createAiModel] = useMutation(CreateAiModelDocument);
  const [updateAiModel] = useMutation(UpdateAiModelDocument);
  const form = usePersonaForm({
    persona: model,
    what: 'AI model',
    listPath: '/library/models',
    ownFields: ['tags'],
    ownValues: tags,
    send: () => ({ tags }),
    create: async (input) => (await createAiModel({ variables: { input } })).data?.createAiModel,
    update: (input) => updateAiModel({ variables: { input } }),
  });

  return (
    <PersonaForm
      form={form}
      descriptionHint="Its look and style. Generations with it, and with its characters, include it in the prompt."
    >
      <TagsEditor
        tags={tags}
        error={form.errors.tags}
        onChange={(next) => {
          setTags(next);
          form.clear('tags');
        }}
      />
    </PersonaForm>
  );
}
