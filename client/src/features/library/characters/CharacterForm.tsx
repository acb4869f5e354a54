import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import {
  AiModelChoicesDocument,
  CreateCharacterDocument,
  UpdateCharacterDocument,
} from '../../../gql/graphql';
import type { CharacterDetailFragment } from '../../../gql/graphql';
import { Select } from '../../../ui';
import { PersonaForm } from '../persona/PersonaForm';
import type { RowErrors } from '../persona/persona-errors';
import { usePersonaForm } from '../persona/use-persona-form';
import { TraitsEditor } from './TraitsEditor';
import { traitRow, traitRowProblems, traitsToSend } from './traits';
import type { TraitRow } from './traits';

/** AI models offered in the select; people with more pick among the newest. */
const AI_MODEL_CHOICES = 100;

export interface CharacterFormProps {
  /** The character to edit; without one the form creates a character. */
  character?: CharacterDetailFragment;
  /** The AI model a new character starts in (from an AI model's "Add a character"). */
  initialAiModelId?: string | null;
}

/**
 * Creates or edits a character: name, description, traits, the AI model it belongs to and its
 * ordered reference images with a cover. The server's messages appear beside their fields.
 */
export function CharacterForm({ character, initialAiModelId = null }: CharacterFormProps) {
  const [rows, setRows] = useState<TraitRow[]>(() =>
    (character?.traits ?? []).map((trait) => traitRow(trait)),
  );
  // Trait rows' messages by row key rather than position.
  const [rowErrors, setRowErrors] = useState<Record<string, RowErrors>>({});
  const [aiModelId, setAiModelId] = useState(character?.aiModel?.id ?? initialAiModelId ?? '');

  const choices = useQuery(AiModelChoicesDocument, {
    variables: { first: AI_MODEL_CHOICES },
    fetchPolicy: 'cache-and-network',
  });
  const [createCharacter] = useMutation(CreateCharacterDocument);
  const [updateCharacter] = useMutation(UpdateCharacterDocument);

  /** Marks trait rows that can't be right before sending. */
  function invalidRows(): boolean {
    const found: Record<string, RowErrors> = {};
    const seen = new Set<string>();
    for (const row of rows) {
      const problems = traitRowProblems(row, seen);
      if (problems) found[row.key] = problems;
      if (row.name.trim()) seen.add(row.name.trim());
    }
    setRowErrors(found);
    return Object.keys(found).length > 0;
  }

  // Rows left empty are not sent; the server's row messages are by position among these.
  const sentRows = rows.filter((row) => row.name.trim() || row.value.trim());
  const form = usePersonaForm({
    persona: character,
    what: 'character',
    listPath: '/library/characters',
    ownFields: ['traits', 'aiModelId'],
    ownValues: [traitsToSend(rows), aiModelId],
    send: () => ({ traits: traitsToSend(sentRows), aiModelId: aiModelId || null }),
    invalid: invalidRows,
    invalidNote: 'Check the highlighted fields.',
    create: async (input) =>
      (await createCharacter({ variables: { input } })).data?.createCharacter,
    update: (input) => updateCharacter({ variables: { input } }),
    refused: (sorted) => {
      const byKey: Record<string, RowErrors> = {};
      for (const [index, messages] of Object.entries(sorted.rows)) {
        const row = sentRows[Number(index)];
        if (row) byKey[row.key] = messages;
      }
      setRowErrors(byKey);
    },
  });

  const models = choices.data?.aiModels.edges.map((edge) => edge.node) ?? [];
  const own = character?.aiModel;
  if (own && !models.some((model) => model.id === own.id)) models.push(own);
  const preselected = !character && initialAiModelId;
  const modelOptions = [
    { value: '', label: 'None' },
    ...models.map((model) => ({ value: model.id, label: model.name })),
    // A model asked for in the address that has not arrived yet (or is not mine).
    ...(preselected && !models.some((model) => model.id === initialAiModelId) && choices.loading
      ? [{ value: initialAiModelId, label: 'Loading…' }]
      : []),
  ];

  function changeRows(next: TraitRow[]) {
    setRows(next);
    // A row's message goes once that row is edited; messages of removed rows go with them.
    setRowErrors((before) => {
      const kept: Record<string, RowErrors> = {};
      for (const row of next) {
        const old = rows.find((entry) => entry.key === row.key);
        const edited = old && (old.name !== row.name || old.value !== row.value);
        if (before[row.key] && !edited) kept[row.key] = before[row.key]!;
      }
      return kept;
    });
    form.clear('traits');
  }

  return (
    <PersonaForm
      form={form}
      descriptionHint="How they look and who they are. Generations with this character include it in the prompt."
    >
      <TraitsEditor
        rows={rows}
        onChange={changeRows}
        errors={rowErrors}
        error={form.errors.traits}
      />
      <Select
        label="AI model"
        hint={
          models.length === 0 && !choices.loading ? (
            <>
              It belongs to no AI model yet.{' '}
              <Link to="/library/models/new">Create an AI model</Link> to give several characters
              one look and style.
            </>
          ) : (
            'The persona whose look and style it starts from. Optional.'
          )
        }
        options={modelOptions}
        value={aiModelId}
        error={form.errors.aiModelId}
        onValueChange={(value) => {
          setAiModelId(value);
          form.clear('aiModelId');
        }}
      />
    </PersonaForm>
  );
}
