import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import {
  GenerateAiModelDocument,
  GenerateCharacterDocument,
  GenerationCatalogDocument,
  GenerationDocument,
} from '../../gql/graphql';
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
import { ownReferencesOf, picksFromGeneration } from './library-picks';
import type { LibraryPicks } from './library-picks';
import { LiveGeneration } from './LiveGeneration';
import { templateFromGeneration } from './template-choice';
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

/** What the address asks to start from: an earlier generation, a character, an AI model. */
interface Start {
  from: string | null;
  character: string | null;
  aiModel: string | null;
}

/** Why a character or AI model named in the address is not chosen. */
function missingNotice(what: 'character' | 'AI model', error: unknown): string {
  return hasErrorCode(error, 'NOT_FOUND')
    ? `That ${what} is not in your library (it may have been deleted), so it is not chosen.`
    : `Could not load that ${what}: ${errorMessage(readApiError(error))}`;
}

/**
 * The catalogue, and what fills the form: the earlier generation whose settings are used again
 * (`?from=`), or a character and AI model of the library (`?character=`, `?aiModel=`).
 */
function GenerateWorkspace({ start }: { start: Start }) {
  const { from } = start;
  const catalogue = useQuery(GenerationCatalogDocument, {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const source = useQuery(GenerationDocument, {
    variables: { id: from ?? '' },
    skip: !from,
  });
  const character = useQuery(GenerateCharacterDocument, {
    variables: { id: start.character ?? '' },
    skip: !start.character,
  });
  const aiModel = useQuery(GenerateAiModelDocument, {
    variables: { id: start.aiModel ?? '' },
    skip: !start.aiModel,
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
  const waiting = (skip: boolean, query: { data?: unknown; error?: unknown }) =>
    !skip && !query.data && !query.error;
  if (waiting(!start.character, character) || waiting(!start.aiModel, aiModel)) {
    return <LoadingState label="Loading from your library…" />;
  }

  const earlier = source.data?.generation;
  const prefill = earlier ? valuesFromGeneration(providers, earlier) : null;
  const notices: string[] = [];
  if (from && source.error) {
    notices.push(
      hasErrorCode(source.error, 'NOT_FOUND')
        ? 'That generation no longer exists, so the form starts from the defaults.'
        : `Could not load that generation’s settings: ${errorMessage(readApiError(source.error))}`,
    );
  } else if (earlier && !prefill) {
    notices.push(
      `${earlier.provider} / ${earlier.model} is no longer offered here, so the form starts from the defaults.`,
    );
  }

  // The library: an earlier generation's characters and model, else the address's.
  let picks: LibraryPicks;
  if (prefill && earlier) {
    const restored = picksFromGeneration(earlier);
    picks = restored.picks;
    if (restored.gone.length > 0) {
      notices.push(
        `${restored.gone.join(', ')} ${restored.gone.length === 1 ? 'has' : 'have'} been deleted since, so ${restored.gone.length === 1 ? 'it is' : 'they are'} left out.`,
      );
    }
    if (earlier.provenance?.template && !earlier.template) {
      notices.push(
        `The template “${earlier.provenance.template.name}” has been deleted since: the prompt it wrote is filled in instead.`,
      );
    }
  } else {
    const chosen = character.data?.character;
    picks = {
      characters: chosen ? [chosen] : [],
      aiModel: aiModel.data?.aiModel ?? null,
    };
    if (start.character && character.error)
      notices.push(missingNotice('character', character.error));
    if (start.aiModel && aiModel.error) notices.push(missingNotice('AI model', aiModel.error));
  }

  return (
    <>
      {notices.map((notice) => (
        <Alert key={notice} tone="warning">
          {notice}
        </Alert>
      ))}
      {prefill ? (
        <Alert tone="info" announce="none">
          The settings of an earlier generation are filled in. Change anything, then generate.
        </Alert>
      ) : (
        (picks.characters.length > 0 || picks.aiModel) && (
          <Alert tone="info" announce="none">
            {[...picks.characters.map((entry) => entry.name), picks.aiModel?.name]
              .filter(Boolean)
              .join(' and ')}{' '}
            {picks.characters.length + (picks.aiModel ? 1 : 0) === 1 ? 'is' : 'are'} chosen:
            describe the scene, then generate.
          </Alert>
        )
      )}
      <div className="generate-layout">
        <GenerateForm
          providers={providers}
          initialValues={prefill ?? valuesForModel(usable.provider, usable.model)}
          initialReferences={prefill && earlier ? ownReferencesOf(earlier) : []}
          initialPicks={picks}
          initialTemplate={prefill && earlier ? templateFromGeneration(earlier) : null}
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
  const start: Start = {
    from: searchParams.get('from'),
    character: searchParams.get('character'),
    aiModel: searchParams.get('aiModel'),
  };
  return (
    <div className="generate-page">
      <header className="page-header">
        <title>Generate · aiofm</title>
        <h1>Generate</h1>
        <p className="page-header__lead">
          Describe an image or a clip, choose how it should look, and watch it take shape.
        </p>
      </header>
      <GenerateWorkspace key={searchParams.toString()} start={start} />
    </div>
  );
}
