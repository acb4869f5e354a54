import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../../ui';
import { errorMessage, readApiError } from './api-errors';
import { useViewer } from './session';

/** Pages that need no 18+ confirmation first. */
const AGE_CONFIRMATION_PATH = '/welcome/age';

/**
 * Guards the pages of signed-in people: anonymous visitors go to the sign-in page, which brings
 * them back here afterwards; accounts without the 18+ confirmation (created through a social
 * provider) confirm it first, unless `allowUnconfirmedAge` (the confirmation page itself).
 */
export function RequireAccount({ allowUnconfirmedAge = false }: { allowUnconfirmedAge?: boolean }) {
  const { viewer, loading, error, refetch } = useViewer();
  const location = useLocation();
  const from = { pathname: location.pathname, search: location.search, hash: location.hash };

  if (loading) return <LoadingState label="Checking your account…" />;
  if (error) {
    return (
      <ErrorState
        headingLevel={1}
        title="Can’t check your account"
        message={errorMessage(readApiError(error))}
        nextStep="Check that the aiofm server is running and reachable, then try again."
        onRetry={() => void refetch()}
      />
    );
  }
  if (!viewer) return <Navigate to="/sign-in" replace state={{ from }} />;
  if (!viewer.ageConfirmedAt && !allowUnconfirmedAge) {
    return <Navigate to={AGE_CONFIRMATION_PATH} replace state={{ from }} />;
  }
  return <Outlet />;
}
