import type { ReactNode } from 'react';
import { Alert, Button, CheckCircleIcon, Spinner, WarningIcon } from '../../../ui';
import { errorMessage, readApiError } from '../../account/api-errors';
import { describeProblem } from './template-form';
import type { TemplateProblem, VariableRow } from './template-form';
import type { TemplatePreviewState } from './use-template-preview';

const UNFILLED = /(\{\{[^{}]*\}\})/g;

/** The final prompt, with placeholders that could not be filled marked where they stand. */
export function RenderedPrompt({ prompt }: { prompt: string }) {
  const parts = prompt.split(UNFILLED);
  return (
    <p className="rendered-prompt" data-testid="rendered-prompt">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <mark key={index} className="rendered-prompt__unfilled">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </p>
  );
}

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export interface PreviewOutputProps {
  preview: TemplatePreviewState;
  /** The editor's rows, to name a declaration by its variable. */
  rows?: readonly VariableRow[];
  /** Labels of the variables by name, to name a value's problem by its label. */
  labels?: Readonly<Record<string, string>>;
  /** Moves the caret to a syntax error in the text; without it no "Show" button. */
  onShowPosition?: (line: number, column: number) => void;
  /** What the empty state says (no text yet). */
  emptyText?: ReactNode;
  /** Heading level of "Problems", to fit the page outline. */
  headingLevel?: 2 | 3 | 4;
}

/**
 * The live result of a template: the final prompt as it would be sent, and beside it every
 * problem (syntax errors with their line and column, unknown and missing variables, character or
 * AI model fields without one chosen) or a note that it is ready.
 */
export function PreviewOutput({
  preview,
  rows = [],
  labels = {},
  onShowPosition,
  emptyText = 'Write the template’s text to see the prompt it makes.',
  headingLevel = 3,
}: PreviewOutputProps) {
  const Heading = `h${headingLevel}` as const;
  if (preview.empty) {
    return <p className="template-preview__empty muted">{emptyText}</p>;
  }
  if (preview.error) {
    return (
      <Alert
        tone="warning"
        title="Can’t show the preview"
        actions={
          <Button size="sm" onClick={preview.retry}>
            Try again
          </Button>
        }
      >
        {errorMessage(readApiError(preview.error))}
      </Alert>
    );
  }
  const rendered = preview.rendered;
  const problems: TemplateProblem[] = (rendered ? rendered.fieldErrors : preview.refused).map(
    (problem) => describeProblem(problem, rows, labels),
  );
  const complete = rendered?.complete === true && problems.length === 0;

  return (
    <div className="template-preview__output" aria-busy={preview.updating || undefined}>
      <div className="template-preview__prompt">
        <div className="template-preview__status" role="status">
          {!rendered && preview.refused.length === 0 ? (
            <>
              <Spinner size="sm" /> Rendering the prompt…
            </>
          ) : complete ? (
            <>
              <CheckCircleIcon size={16} /> Ready: nothing is missing
            </>
          ) : (
            <>
              <WarningIcon size={16} /> {plural(problems.length, 'problem')}
            </>
          )}
          {preview.updating && rendered && (
            <Spinner size="sm" className="template-preview__spinner" />
          )}
        </div>
        {rendered && <RenderedPrompt prompt={rendered.prompt} />}
      </div>
      {problems.length > 0 && (
        <section className="template-problems" aria-label="Problems">
          <Heading className="visually-hidden">Problems</Heading>
          <ul className="template-problems__list">
            {problems.map((problem, index) => (
              <li key={`${problem.field}-${index}`} className="template-problems__item">
                <span className="template-problems__where">{problem.where}</span>
                <span className="template-problems__message">{problem.message}</span>
                {problem.position && onShowPosition && (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onShowPosition(problem.position!.line, problem.position!.column)}
                  >
                    Show in text
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
