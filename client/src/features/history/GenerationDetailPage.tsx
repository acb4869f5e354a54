import { useState } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useParams } from 'react-router';
import { DeleteGenerationDocument, GenerationDocument } from '../../gql/graphql';
import type { GenerationDetailFragment } from '../../gql/graphql';
import { Button, Card, ConfirmDialog, StatusBadge, buttonClass, useToast } from '../../ui';
import { ItemPageState } from '../../app/ItemPageState';
import { errorMessage, hasErrorCode, readApiError } from '../account/api-errors';
import { LiveGeneration } from '../generate/LiveGeneration';
import { STATUS, isActive, kindLabel, promptExcerpt } from '../generate/generation-format';
import { GenerationSettings, GenerationTiming } from './GenerationFacts';
import { removeFromCache } from './generation-lists';
import { ProvenanceSection } from './ProvenanceSection';
import '../generate/generate.css';
import './history.css';

/** Why a delete was refused, in words for the dialog. */
function deleteRefusal(error: unknown): string {
  const api = readApiError(error);
  if (api.code === 'GENERATION_ACTIVE') {
    return 'This generation is still in progress: cancel it first, then delete it.';
  }
  return errorMessage(api);
}

function GenerationDetail({
  generation,
  refetch,
}: {
  generation: GenerationDetailFragment;
  refetch: () => void;
}) {
  const apollo = useApolloClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [deleteGeneration] = useMutation(DeleteGenerationDocument);
  const [confirming, setConfirming] = useState(false);
  const active = isActive(generation.status);
  const status = STATUS[generation.status];
  const noun = generation.kind === 'VIDEO' ? 'clip' : 'image';

  async function confirmDelete() {
    try {
      await deleteGeneration({ variables: { id: generation.id } });
    } catch (failure) {
      throw new Error(deleteRefusal(failure), { cause: failure });
    }
    toast.show({ tone: 'success', message: 'The generation and its files are deleted.' });
    await navigate('/history', { replace: true });
    removeFromCache(apollo.cache, generation.id);
  }

  return (
    <div className="generation-detail">
      <header className="generation-detail__header">
        <title>{`${promptExcerpt(generation.prompt, 40)} · History · aiofm`}</title>
        <Link className="generation-detail__back" to="/history">
          ← History
        </Link>
        <div className="generation-detail__title">
          <h1>{kindLabel(generation.kind)} generation</h1>
          <span role="status">
            <StatusBadge tone={status.tone} pulse={status.pulse}>
              {status.label}
            </StatusBadge>
          </span>
        </div>
        <p className="page-header__lead generation-detail__prompt">
          {promptExcerpt(generation.prompt, 200)}
        </p>
        <div className="generation-detail__actions">
          <Link className={buttonClass('primary')} to={`/generate?from=${generation.id}`}>
            Use these settings again
          </Link>
          <Button
            variant="danger"
            disabled={active}
            aria-describedby={active ? 'delete-while-active' : undefined}
            onClick={() => setConfirming(true)}
          >
            Delete
          </Button>
          {active && (
            <p className="field__hint" id="delete-while-active">
              A generation in progress can’t be deleted: cancel it first, or wait until it ends.
            </p>
          )}
        </div>
      </header>

      <div className="detail-layout">
        <Card title={active ? 'Progress' : 'Results'} className="generation-detail__main">
          <LiveGeneration generation={generation} onFinished={refetch} detailed />
        </Card>
        <div className="detail-layout__side">
          <Card title="Settings" headingLevel={2}>
            <GenerationSettings generation={generation} />
          </Card>
          {generation.references.length > 0 && (
            <Card title="Reference images">
              <ul className="generation-references" aria-label="Reference images">
                {generation.references.map((reference, index) => (
                  <li key={reference.id}>
                    <Link to={`/assets/${reference.id}`} title="What used this image?">
                      <img
                        src={reference.thumbnailUrl ?? reference.url}
                        alt={`Reference image ${index + 1}`}
                      />
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card title="Cost and timing">
            <GenerationTiming generation={generation} />
          </Card>
        </div>
      </div>

      <ProvenanceSection generation={generation} />

      <ConfirmDialog
        open={confirming}
        title={`Delete this ${noun} generation?`}
        description={`Its ${generation.count === 1 ? `${noun}` : `${generation.count} ${noun}s`}, previews and settings are removed for good. Credits are not refunded for a finished generation.`}
        confirmLabel="Delete generation"
        onConfirm={confirmDelete}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

/** /history/:id: one generation with its settings, results, events, cost and actions. */
export function GenerationDetailPage() {
  const { id = '' } = useParams();
  // One query per generation: going from one to another (a rerun, its original) starts afresh
  // instead of changing the variables of a query that the page still shows.
  return <GenerationDetailLoader key={id} id={id} />;
}

function GenerationDetailLoader({ id }: { id: string }) {
  const query = useQuery(GenerationDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const generation = query.data?.generation;

  if (generation) {
    return <GenerationDetail generation={generation} refetch={() => void query.refetch()} />;
  }
  return (
    <ItemPageState
      what="generation"
      missing={hasErrorCode(query.error, 'NOT_FOUND')}
      error={query.error}
      onRetry={() => void query.refetch()}
      retrying={query.loading}
      missingMessage="There is no generation at this address for your account. It may have been deleted."
      away={{ to: '/history', label: 'Back to History' }}
    />
  );
}
