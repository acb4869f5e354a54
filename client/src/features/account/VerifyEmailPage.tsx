import { useApolloClient } from '@apollo/client/react';
import { Link } from 'react-router';
import { VerifyEmailDocument } from '../../gql/graphql';
import { CheckCircleIcon, EmptyState, ErrorState, LoadingState, buttonClass } from '../../ui';
import { errorMessage, readApiError } from './api-errors';
import { IncompleteLink, useEmailLink } from './email-link';
import { signInPath } from './next-path';
import { ResendVerificationButton } from './ResendVerification';
import { useViewer } from './session';

/**
 * /verify-email?token=…: opens the link from the confirmation email. The token is sent once
 * (it is single-use), then the page says whether it worked.
 */
export function VerifyEmailPage() {
  const apollo = useApolloClient();
  const { viewer } = useViewer();
  const { token, state, retry } = useEmailLink('verify-email', (linkToken) =>
    apollo.mutate({ mutation: VerifyEmailDocument, variables: { token: linkToken } }),
  );

  let body;
  if (!token) {
    body = <IncompleteLink />;
  } else if (state.status === 'pending') {
    body = <LoadingState label="Confirming your email address…" />;
  } else if (state.status === 'done') {
    const email = state.value.data?.verifyEmail.email;
    body = (
      <EmptyState
        headingLevel={1}
        icon={<CheckCircleIcon size={24} />}
        title="Email address confirmed"
        message={
          email
            ? `Thank you: ${email} is confirmed.`
            : 'Thank you: your email address is confirmed.'
        }
        action={
          <Link className={buttonClass('primary')} to="/">
            Continue
          </Link>
        }
      />
    );
  } else {
    const problem = readApiError(state.error);
    if (problem.code === 'INVALID_TOKEN') {
      let next;
      if (viewer && !viewer.emailVerified) {
        next = (
          <ResendVerificationButton
            email={viewer.email}
            variant="primary"
            label="Send a new link"
          />
        );
      } else if (viewer) {
        next = (
          <Link className={buttonClass('primary')} to="/">
            Continue
          </Link>
        );
      } else {
        next = (
          <Link className={buttonClass('primary')} to={signInPath('/')}>
            Sign in to get a new link
          </Link>
        );
      }
      body = (
        <ErrorState
          headingLevel={1}
          title="This link can’t be used"
          message="The confirmation link has expired, was already used, or is not valid."
          nextStep={
            viewer?.emailVerified
              ? 'Your email address is already confirmed, so there is nothing left to do.'
              : 'Ask for a new link and open the newest email.'
          }
          actions={next}
        />
      );
    } else {
      body = (
        <ErrorState
          headingLevel={1}
          title="Your email address could not be confirmed"
          message={errorMessage(problem)}
          onRetry={retry}
        />
      );
    }
  }

  return (
    <>
      <title>Confirm your email · aiofm</title>
      {body}
    </>
  );
}
