import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { EstimateGenerationDocument } from '../../gql/graphql';
import type { GenerationRequestInput } from '../../gql/graphql';
import { Alert, Spinner, buttonClass } from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { creditsLabel, formatCredits } from '../credits/format';
import { useCreditBalance } from '../credits/use-credit-balance';
import { useDebounced } from './use-debounced';

/** How long the form has to stay unchanged before the cost is asked again. */
export const ESTIMATE_DELAY_MS = 300;

/**
 * The prompt does not change the price, and the server wants one: while the box is empty the
 * estimate is asked with a stand-in.
 */
const STAND_IN_PROMPT = 'estimate';

/**
 * What the settings would cost, asked from the server as the form changes (after a short
 * pause), next to the live balance: "4 credits · you have 50". When the balance does not cover
 * it, says by how much, with the way to get more.
 */
export function CostEstimate({ input }: { input: GenerationRequestInput }) {
  const key = useDebounced(
    JSON.stringify({ ...input, prompt: input.prompt || STAND_IN_PROMPT }),
    ESTIMATE_DELAY_MS,
  );
  const variables = useMemo(() => ({ input: JSON.parse(key) as GenerationRequestInput }), [key]);
  const query = useQuery(EstimateGenerationDocument, {
    variables,
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  // A new balance can change whether it is affordable; the estimate is read again with it.
  const balance = useCreditBalance({ fresh: true, onChange: () => void query.refetch() });

  const estimate = (query.data ?? query.previousData)?.estimateGeneration;
  const available = balance.credits?.available ?? estimate?.available;
  const settling = key !== JSON.stringify({ ...input, prompt: input.prompt || STAND_IN_PROMPT });
  const updating = settling || query.loading;

  if (!estimate) {
    if (query.error) {
      const api = readApiError(query.error);
      return (
        <p className="cost cost--unknown" role="status" data-testid="cost-estimate">
          {api.code === 'BAD_USER_INPUT'
            ? 'Check the settings to see the cost.'
            : `Can’t work out the cost: ${errorMessage(api)}`}
        </p>
      );
    }
    return (
      <p className="cost cost--unknown" role="status" data-testid="cost-estimate">
        <Spinner size="sm" /> Working out the cost…
      </p>
    );
  }

  const shortfall =
    available === undefined ? estimate.shortfall : Math.max(0, estimate.credits - available);
  const invalid = Boolean(query.error) && !updating;
  return (
    <div className="cost" aria-busy={updating || undefined}>
      <p className="cost__line" role="status" data-testid="cost-estimate">
        {invalid ? (
          'Check the settings to see the cost.'
        ) : (
          <>
            <strong className="cost__credits">{creditsLabel(estimate.credits)}</strong>
            {available !== undefined && (
              <span className="cost__balance"> · you have {formatCredits(available)}</span>
            )}
          </>
        )}
        {updating && <Spinner size="sm" className="cost__spinner" />}
      </p>
      {!invalid && shortfall > 0 && (
        <Alert
          tone="warning"
          title="Not enough credits"
          actions={
            <Link className={buttonClass('secondary', 'sm')} to="/credits">
              Get credits
            </Link>
          }
        >
          This needs {creditsLabel(shortfall)} more than you have. Get more credits, or make fewer
          or smaller outputs.
        </Alert>
      )}
    </div>
  );
}
