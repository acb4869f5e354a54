import { Link } from 'react-router';
import type { PersonaOptionsQuery } from '../../../gql/graphql';
import { AlertIcon, Checkbox, Select } from '../../../ui';
import { MAX_RECIPE_CHARACTERS } from './recipe-form';

export type CharacterOption = PersonaOptionsQuery['characters']['edges'][number]['node'];
export type AiModelOption = PersonaOptionsQuery['aiModels']['edges'][number]['node'];

export interface PersonaPickersProps {
  characters: readonly CharacterOption[];
  aiModels: readonly AiModelOption[];
  /** The options have arrived (an empty list then means the person has none). */
  loaded: boolean;
  characterIds: readonly string[];
  aiModelId: string;
  onCharactersChange: (ids: string[]) => void;
  onAiModelChange: (id: string) => void;
  errors?: { characters?: string; aiModel?: string };
  /**
   * The label of the empty AI model choice; null leaves it out (a run cannot take away the
   * recipe's AI model, only choose another).
   */
  noModelLabel?: string | null;
  aiModelHint?: string;
  /** Whether a template fills the prompt (the first character then fills its placeholders). */
  withTemplate?: boolean;
}

/**
 * Who is in it: up to four of my characters, in the order chosen (the first fills the
 * template's `{{character.…}}`), and one of my AI models.
 */
export function PersonaPickers({
  characters,
  aiModels,
  loaded,
  characterIds,
  aiModelId,
  onCharactersChange,
  onAiModelChange,
  errors = {},
  noModelLabel = 'None',
  aiModelHint,
  withTemplate = true,
}: PersonaPickersProps) {
  const full = characterIds.length >= MAX_RECIPE_CHARACTERS;
  const first = characters.find((character) => character.id === characterIds[0]);
  const firstModel = first?.aiModel
    ? aiModels.find((model) => model.id === first.aiModel?.id)
    : undefined;

  function toggle(id: string, on: boolean) {
    onCharactersChange(
      on ? [...characterIds, id] : characterIds.filter((candidate) => candidate !== id),
    );
  }

  const modelOptions = [
    ...(noModelLabel === null
      ? []
      : [
          {
            value: '',
            label: firstModel ? `${firstModel.name} (from ${first?.name})` : noModelLabel,
          },
        ]),
    ...aiModels.map((model) => ({ value: model.id, label: model.name })),
  ];

  return (
    <div className="persona-pickers">
      <fieldset className="persona-pickers__characters">
        <legend className="field__label">Characters</legend>
        <p className="field__hint">
          {withTemplate ? (
            <>
              Up to {MAX_RECIPE_CHARACTERS}. The first one chosen fills{' '}
              <code>{'{{character.…}}'}</code> in the template; what the text does not say of them
              is added after it.
            </>
          ) : (
            <>
              Up to {MAX_RECIPE_CHARACTERS}. Their descriptions and reference images go with the
              prompt.
            </>
          )}
        </p>
        {loaded && characters.length === 0 ? (
          <p className="field__hint">
            You have no characters yet. <Link to="/library/characters/new">Create one</Link>.
          </p>
        ) : (
          <ul className="persona-pickers__list">
            {characters.map((character) => {
              const position = characterIds.indexOf(character.id);
              const chosen = position !== -1;
              return (
                <li key={character.id}>
                  <Checkbox
                    label={
                      <>
                        {character.name}
                        {withTemplate && position === 0 && (
                          <span className="persona-pickers__first"> · fills the template</span>
                        )}
                      </>
                    }
                    checked={chosen}
                    disabled={!chosen && full}
                    onChange={(event) => toggle(character.id, event.currentTarget.checked)}
                  />
                </li>
              );
            })}
          </ul>
        )}
        {errors.characters && (
          <p className="field__error">
            <AlertIcon size={16} />
            <span>{errors.characters}</span>
          </p>
        )}
      </fieldset>
      <Select
        label="AI model"
        value={aiModelId}
        options={modelOptions}
        hint={loaded && aiModels.length === 0 ? 'You have no AI models yet.' : aiModelHint}
        onValueChange={onAiModelChange}
        error={errors.aiModel}
      />
    </div>
  );
}
