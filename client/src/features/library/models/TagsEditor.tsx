import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { AlertIcon, CloseIcon, cx } from '../../../ui';

/** The most tags an AI model has, and the longest tag (the server's limits). */
export const TAG_LIMIT = 20;
export const TAG_LENGTH = 40;

/** The tags typed in `text` (split at commas), trimmed, without blanks or ones already there. */
export function newTags(text: string, existing: readonly string[]): string[] {
  const seen = new Set(existing.map((tag) => tag.toLowerCase()));
  const added: string[] = [];
  for (const part of text.split(',')) {
    const tag = part.trim().slice(0, TAG_LENGTH);
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    added.push(tag);
  }
  return added;
}

export interface TagsEditorProps {
  tags: string[];
  onChange: (tags: string[]) => void;
  error?: string;
}

/**
 * An AI model's tags as removable chips and a box to add more: Enter or a comma adds what is
 * typed, Backspace in the empty box takes the last one back for editing.
 */
export function TagsEditor({ tags, onChange, error }: TagsEditorProps) {
  const [text, setText] = useState('');
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const full = tags.length >= TAG_LIMIT;

  function commit(value = text) {
    const added = newTags(value, tags).slice(0, TAG_LIMIT - tags.length);
    if (added.length > 0) onChange([...tags, ...added]);
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      event.preventDefault();
      setText(tags[tags.length - 1]!);
      onChange(tags.slice(0, -1));
    }
  }

  return (
    <div className="field tags-editor">
      <label className="field__label" htmlFor={inputId}>
        Tags
      </label>
      <div className={cx('tags-editor__box', error && 'tags-editor__box--invalid')}>
        {tags.length > 0 && (
          <ul className="library-chips" aria-label="Chosen tags">
            {tags.map((tag) => (
              <li key={tag} className="library-chip tags-editor__chip">
                {tag}
                <button
                  type="button"
                  className="tags-editor__remove"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => onChange(tags.filter((entry) => entry !== tag))}
                >
                  <CloseIcon size={12} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={inputId}
          className="tags-editor__input"
          value={text}
          disabled={full}
          maxLength={TAG_LENGTH * 4}
          placeholder={
            full ? `${TAG_LIMIT} tags` : tags.length ? 'Add another' : 'portrait, film, warm light'
          }
          aria-describedby={cx(hintId, error && errorId)}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            const value = event.currentTarget.value;
            // Pasting "a, b, c" adds all three; the text after the last comma stays to be typed on.
            if (value.includes(',')) {
              const cut = value.lastIndexOf(',');
              commit(value.slice(0, cut));
              setText(value.slice(cut + 1).trimStart());
            } else {
              setText(value);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => commit()}
        />
      </div>
      <p className="field__hint" id={hintId}>
        Words to find and group it by, up to {TAG_LIMIT}. Press Enter or type a comma after each.
      </p>
      {error && (
        <p className="field__error" id={errorId}>
          <AlertIcon size={16} />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
