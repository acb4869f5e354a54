import { useApolloClient } from '@apollo/client/react';
import { Link } from 'react-router';
import { ConfirmEmailChangeDocument } from '../../gql/graphql';
import { CheckCircleIcon, EmptyState, ErrorState, LoadingState, buttonClass } from '../../ui';
import { errorMessage, readApiError } from './api-errors';
import { IncompleteLink, useEmailLink } from './email-link';
import { signInPath } from './next-path';
import { useViewer } from './session';

/**
 * /confirm-email?token=…: opens the link sent to a new email address; the change takes effect
 * now. The token is sent once.
 */
export function ConfirmEmailPage() {
  const apollo = useApolloClient();
  const { viewer } = useViewer();
  const { token, state, retry } = useEmailLink('confirm-email', (linkToken) =>
    apollo.mutate({ mutation: ConfirmEmailChangeDocument, variables: { token: linkToken } }),
  );

  let body;
  if (!token) {
    body = <IncompleteLink />;
  } else if (state.status === 'pending') {
    body = <LoadingState label="Changing your email address…" />;
  } else if (state.status === 'done') {
    const email = state.value.data?.confirmEmailChange.email;
    body = (
      <EmptyState
        headingLevel={1}
        icon={<CheckCircleIcon size={24} />}
        title="Email address changed"
        message={
          email
            ? `From now on you sign in with ${email}, and our emails go there.`
            : 'Your new email address is confirmed.'
        }
        action={
          <Link className={buttonClass('primary')} to={viewer ? '/settings/profile' : '/sign-in'}>
            {viewer ? 'Back to your profile' : 'Sign in'}
          </Link>
        }
      />
    );
  } else {
    const problem = readApiError(state.error);
    const invalid = problem.code === 'INVALID_TOKEN';
    body = (
      <ErrorState
        headingLevel={1}
        title={invalid ? 'This link can’t be used' : 'Your email address could not be changed'}
        message={
          invalid
            ? 'The confirmation link has expired, was already used, or is not valid.'
            : errorMessage(problem)
        }
        nextStep={invalid ? 'Ask for the change again in your profile settings.' : undefined}
        onRetry={retry}
        actions={
          invalid ? (
            <Link
              className={buttonClass('primary')}
              to={viewer ? '/settings/profile' : signInPath('/settings/profile')}
            >
              {viewer ? 'Go to your profile' : 'Sign in'}
            </Link>
          ) : undefined
        }
      />
    );
  }

  return (
    <>
      <title>Confirm your new email · aiofm</title>
      {body}
    </>
  );
}
