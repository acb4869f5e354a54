import { PromptTemplatesDocument } from '../../../gql/graphql';
import { TemplateIcon } from '../../../ui';
import { promptExcerpt } from '../../generate/generation-format';
import { LibraryCard } from '../LibraryGrid';
import { LibraryListPage } from '../LibraryListPage';
import './templates.css';

/** What a template is for, said on the list and its empty state. */
export const TEMPLATES_LEAD =
  'Prompts with blanks to fill: write the words once, mark what changes as {{variables}}, and use them in recipes and runs.';

const UNFILLED = /(\{\{[^{}]*\}\})/g;

/** The first words of a template, its placeholders marked, standing in for a cover. */
function TemplateSnippet({ body }: { body: string }) {
  const parts = promptExcerpt(body, 180).split(UNFILLED);
  return (
    <span className="template-snippet" aria-hidden="true">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <mark key={index} className="template-snippet__placeholder">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </span>
  );
}

function variablesText(count: number): string {
  if (count === 0) return 'No variables';
  return count === 1 ? '1 variable' : `${count} variables`;
}

/** /library/templates: my prompt templates, newest first, searchable by name and text. */
export function TemplatesPage() {
  return (
    <LibraryListPage
      document={PromptTemplatesDocument}
      field="promptTemplates"
      title="Templates"
      lead={TEMPLATES_LEAD}
      noun="templates"
      icon={TemplateIcon}
      createTo="/library/templates/new"
      newLabel="New template"
      createLabel="Write a template"
      emptyMessage={
        <>
          A template is a prompt you reuse with blanks to fill, like “A portrait of{' '}
          <code>{'{{character.name}}'}</code> in <code>{'{{place}}'}</code>, soft light”. Declare
          its variables once; recipes and runs then ask only for them, and the preview shows the
          exact prompt before anything is generated.
        </>
      }
      renderItem={(template) => (
        <LibraryCard
          key={template.id}
          to={`/library/templates/${template.id}`}
          title={template.name}
          subtitle={variablesText(template.variables.length)}
          placeholder={<TemplateSnippet body={template.body} />}
          meta={
            template.variables.length > 0 ? (
              <ul className="library-chips" aria-label="Variables">
                {template.variables.slice(0, 4).map((variable) => (
                  <li key={variable.name} className="library-chip">
                    {variable.label || variable.name}
                  </li>
                ))}
                {template.variables.length > 4 && (
                  <li className="library-chip">+{template.variables.length - 4}</li>
                )}
              </ul>
            ) : undefined
          }
        />
      )}
    />
  );
}
