import { useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { PromptTemplateDocument } from '../../../gql/graphql';
import { ErrorState, LoadingState, buttonClass, useToast } from '../../../ui';
import { errorMessage, hasErrorCode, readApiError } from '../../account/api-errors';
import { LibraryPageHeader } from '../LibraryLayout';
import { TemplateEditor } from './TemplateEditor';
import './templates.css';

function BackLink() {
  return (
    <Link className={buttonClass('ghost', 'sm')} to="/library/templates">
      All templates
    </Link>
  );
}

/** /library/templates/new: a template being written for the first time. */
export function NewTemplatePage() {
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <>
      <LibraryPageHeader
        title="New template"
        lead="Write the prompt once, with a {{placeholder}} for each part that changes. The preview fills it in as you type."
        actions={<BackLink />}
      />
      <TemplateEditor
        template={null}
        onSaved={(template) => {
          toast.show({ tone: 'success', message: `Saved the template “${template.name}”.` });
          void navigate(`/library/templates/${template.id}`, { replace: true });
        }}
        onDeleted={() => undefined}
      />
    </>
  );
}

/** /library/templates/:id: one of my templates, to change, preview or delete. */
export function TemplatePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const toast = useToast();
  const query = useQuery(PromptTemplateDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const template = query.data?.promptTemplate;

  if (!template) {
    if (query.error) {
      const missing = hasErrorCode(query.error, 'NOT_FOUND');
      return (
        <>
          <LibraryPageHeader title="Template" actions={<BackLink />} />
          <ErrorState
            title={missing ? 'This template doesn’t exist' : 'Can’t load this template'}
            message={
              missing
                ? 'It may have been deleted. Recipes made with it keep the text they used.'
                : errorMessage(readApiError(query.error))
            }
            onRetry={missing ? undefined : () => void query.refetch()}
            retrying={query.loading}
            actions={missing ? <BackLink /> : undefined}
          />
        </>
      );
    }
    return <LoadingState label="Loading the template…" />;
  }

  return (
    <>
      <LibraryPageHeader
        title={template.name}
        lead="Changes apply to new recipe versions and runs; versions saved before keep the text they were saved with."
        actions={
          <>
            <Link
              className={buttonClass('secondary', 'sm')}
              to={`/library/recipes/new?template=${template.id}`}
            >
              New recipe with it
            </Link>
            <BackLink />
          </>
        }
      />
      <TemplateEditor
        key={template.id}
        template={template}
        onSaved={(saved) =>
          toast.show({ tone: 'success', message: `Saved the template “${saved.name}”.` })
        }
        onDeleted={() => void navigate('/library/templates', { replace: true })}
      />
    </>
  );
}
