import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { GenerationCatalogDocument, GenerationDocument } from '../../gql/graphql';
import {
  Alert,
  Card,
  EmptyState,
  ErrorState,
  ImageIcon,
  LoadingState,
  buttonClass,
} from '../../ui';
import { errorMessage, hasErrorCode, readApiError } from '../account/api-errors';
import { firstUsableModel, valuesForModel, valuesFromGeneration } from './form-state';
import { GenerateForm } from './GenerateForm';
import { promptExcerpt } from './generation-format';
import { LiveGeneration } from './LiveGeneration';
import './generate.css';

/** The generation started last from this page, followed live. */
function CurrentGeneration({ id }: { id: string }) {
  const query = useQuery(GenerationDocument, {
    variables: { id },
    notifyOnNetworkStatusChange: true,
  });
  const generation = query.data?.generation;
  if (!generation) {
    return query.error ? (
      <ErrorState
        compact
        title="Can’t show this generation"
        message={errorMessage(readApiError(query.error))}
        onRetry={() => void query.refetch()}
        retrying={query.loading}
      />
    ) : (
      <LoadingState compact label="Loading the generation…" />
    );
  }
  return (
    <Card
      title="Your generation"
      description={promptExcerpt(generation.prompt, 140)}
      footer={
        <>
          <Link className={buttonClass('ghost', 'sm')} to={`/history/${generation.id}`}>
            Details
          </Link>
          <Link className={buttonClass('ghost', 'sm')} to="/history">
            All generations
          </Link>
        </>
      }
    >
      <LiveGeneration generation={generation} onFinished={() => void query.refetch()} />
    </Card>
  );
}

/** The catalogue, and the earlier generation whose settings fill the form (`?from=`). */
function GenerateWorkspace({ from }: { from: string | null }) {
  const catalogue = useQuery(GenerationCatalogDocument, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const source = useQuery(GenerationDocument, {
    variables: { id: from ?? '' },
    skip: !from,
  });
  const [current, setCurrent] = useState<string | null>(null);

  const providers = catalogue.data?.providers;
  if (!providers) {
    return catalogue.error ? (
      <ErrorState
        title="Can’t load the models"
        message={errorMessage(readApiError(catalogue.error))}
        nextStep="Check that the aiofm server is running and reachable, then try again."
        onRetry={() => void catalogue.refetch()}
        retrying={catalogue.loading}
      />
    ) : (
      <LoadingState label="Loading the models…" />
    );
  }
  const usable = firstUsableModel(providers);
  if (!usable) {
    return (
      <EmptyState
        icon={<ImageIcon size={24} />}
        title="No generators are set up"
        message="This server has no provider that is set up to generate images or video. The operators can turn one on."
      />
    );
  }
  if (from && !source.data && !source.error) {
    return <LoadingState label="Loading the settings to use again…" />;
  }

  const earlier = source.data?.generation;
  const prefill = earlier ? valuesFromGeneration(providers, earlier) : null;
  let notice: string | null = null;
  if (from && source.error) {
    notice = hasErrorCode(source.error, 'NOT_FOUND')
      ? 'That generation no longer exists, so the form starts from the defaults.'
      : `Could not load that generation’s settings: ${errorMessage(readApiError(source.error))}`;
  } else if (earlier && !prefill) {
    notice = `${earlier.provider} / ${earlier.model} is no longer offered here, so the form starts from the defaults.`;
  }

  return (
    <>
      {notice && <Alert tone="warning">{notice}</Alert>}
      {prefill && (
        <Alert tone="info" announce="none">
          The settings of an earlier generation are filled in. Change anything, then generate.
        </Alert>
      )}
      <div className="generate-layout">
        <GenerateForm
          key={from ?? 'new'}
          providers={providers}
          initialValues={prefill ?? valuesForModel(usable.provider, usable.model)}
          initialReferences={prefill && earlier ? earlier.references : []}
          onStarted={(generation) => setCurrent(generation.id)}
        />
        <div className="generate-layout__result">
          {current ? (
            <CurrentGeneration key={current} id={current} />
          ) : (
            <div className="card generate-placeholder">
              <EmptyState
                compact
                headingLevel={2}
                icon={<ImageIcon size={24} />}
                title="Your results appear here"
                message="Describe what to make and press Generate: progress, previews and the results show up in this space."
              />
            </div>
          )}
        </div>
      </div>
    </>
  );
}

/** /generate: choose a model, describe what to make, and follow it live to the results. */
export function GeneratePage() {
  const [searchParams] = useSearchParams();
  const from = searchParams.get('from');
  return (
    <div className="generate-page">
      <header className="page-header">
        <title>Generate · aiofm</title>
        <h1>Generate</h1>
        <p className="page-header__lead">
          Describe an image or a clip, choose how it should look, and watch it take shape.
        </p>
      </header>
      <GenerateWorkspace key={from ?? 'new'} from={from} />
    </div>
  );
}
