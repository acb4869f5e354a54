import { Button } from '../../../ui';

export interface PlaceholderHintProps {
  /** Names of the declared variables. */
  variables: readonly string[];
  /** Trait names to offer as `{{character.<trait>}}` (the preview character's, or my characters'). */
  traits: readonly string[];
  onInsert: (placeholder: string) => void;
}

function Chip({ text, onInsert }: { text: string; onInsert: (text: string) => void }) {
  return (
    <li>
      <Button
        size="sm"
        variant="ghost"
        className="placeholder-chip"
        aria-label={`Insert ${text}`}
        onClick={() => onInsert(text)}
      >
        <code>{text}</code>
      </Button>
    </li>
  );
}

/**
 * What a template can say, each a button that puts it at the caret: the declared variables, the
 * character's name, description and traits, and the AI model's name, description and tags.
 */
export function PlaceholderHint({ variables, traits, onInsert }: PlaceholderHintProps) {
  const named = variables.filter(Boolean);
  return (
    <div className="placeholder-hint" data-testid="placeholder-hint">
      <p className="field__hint">Press a placeholder to put it into the text at the caret.</p>
      <div className="placeholder-hint__group">
        <span className="placeholder-hint__title">Your variables</span>
        {named.length > 0 ? (
          <ul className="placeholder-hint__list" aria-label="Your variables">
            {named.map((name) => (
              <Chip key={name} text={`{{${name}}}`} onInsert={onInsert} />
            ))}
          </ul>
        ) : (
          <span className="field__hint">None yet: add one below.</span>
        )}
      </div>
      <div className="placeholder-hint__group">
        <span className="placeholder-hint__title">Character</span>
        <ul className="placeholder-hint__list" aria-label="Character">
          <Chip text="{{character.name}}" onInsert={onInsert} />
          <Chip text="{{character.description}}" onInsert={onInsert} />
          {traits.map((trait) => (
            <Chip key={trait} text={`{{character.${trait}}}`} onInsert={onInsert} />
          ))}
        </ul>
        <span className="field__hint">
          Any trait of the character works as <code>{'{{character.<trait>}}'}</code>.
        </span>
      </div>
      <div className="placeholder-hint__group">
        <span className="placeholder-hint__title">AI model</span>
        <ul className="placeholder-hint__list" aria-label="AI model">
          <Chip text="{{model.name}}" onInsert={onInsert} />
          <Chip text="{{model.description}}" onInsert={onInsert} />
          <Chip text="{{model.tags}}" onInsert={onInsert} />
        </ul>
      </div>
    </div>
  );
}
