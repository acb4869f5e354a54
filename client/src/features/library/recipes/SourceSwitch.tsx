import { cx } from '../../../ui';
import type { PromptSource } from './recipe-form';

const OPTIONS: Array<{ value: PromptSource; label: string; hint: string }> = [
  { value: 'prompt', label: 'Write a prompt', hint: 'The same words every run.' },
  { value: 'template', label: 'Use a template', hint: 'Blanks filled for each run.' },
];

/** Where a recipe's prompt comes from: two radio buttons drawn as cards. */
export function SourceSwitch({
  value,
  onChange,
}: {
  value: PromptSource;
  onChange: (source: PromptSource) => void;
}) {
  return (
    <fieldset className="source-switch">
      <legend className="field__label">Prompt</legend>
      <div className="source-switch__options">
        {OPTIONS.map((option) => (
          <label
            key={option.value}
            className={cx('source-switch__option', value === option.value && 'is-checked')}
          >
            <input
              type="radio"
              name="prompt-source"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span className="source-switch__label">{option.label}</span>
            <span className="source-switch__hint">{option.hint}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
