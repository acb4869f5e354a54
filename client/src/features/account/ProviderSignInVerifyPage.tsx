import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthProvidersDocument, CompleteSignInDocument } from '../../gql/graphql';
import { Alert } from '../../ui';
import { NO_FORM_ERRORS, clearFieldError, formErrors, hasErrorCode } from './api-errors';
import type { FormErrors } from './api-errors';
import { AuthPage } from './AuthPage';
import { CODE_MESSAGES, SECOND_FACTOR_LEAD, SecondFactorForm } from './SecondFactorForm';
import type { SecondFactor, SecondFactorInput } from './SecondFactorForm';
import { useSession } from './session';

/**
 * /sign-in/verify: a provider (Google, GitHub, …) vouched for the person, but their account has
 * two-factor authentication, so the sign-in finishes only with a code. The server remembers the
 * waiting sign-in in a short-lived cookie.
 */
export function ProviderSignInVerifyPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const { data: providers } = useQuery(AuthProvidersDocument);
  const [completeSignIn, { loading }] = useMutation(CompleteSignInDocument);
  const [errors, setErrors] = useState<FormErrors<'code'>>(NO_FORM_ERRORS);
  const [expired, setExpired] = useState(false);
  const [signingIn, setSigningIn] = useState(false);

  const providerName = providers?.authProviders.find(
    (provider) => provider.id === params.get('provider'),
  )?.name;

  async function submit(input: SecondFactorInput, factor: SecondFactor) {
    setErrors(NO_FORM_ERRORS);
    try {
      const result = await completeSignIn({ variables: { input } });
      const user = result.data?.completeSignIn;
      if (!user) return;
      setSigningIn(true);
      session.signedIn(user);
      await navigate(user.ageConfirmedAt ? '/' : '/welcome/age', { replace: true });
    } catch (error) {
      if (hasErrorCode(error, 'INVALID_TOKEN')) {
        setExpired(true);
        return;
      }
      setErrors(
        formErrors(error, {
          fields: ['code'],
          codeFields: { INVALID_MFA_CODE: 'code' },
          messages: { INVALID_MFA_CODE: CODE_MESSAGES[factor] },
        }),
      );
    }
  }

  const lead = `${providerName ? `You signed in with ${providerName}. ` : ''}Your account has two-factor authentication: ${SECOND_FACTOR_LEAD.charAt(0).toLowerCase()}${SECOND_FACTOR_LEAD.slice(1)}`;

  return (
    <AuthPage title="Two-factor authentication" lead={lead}>
      {expired ? (
        <Alert tone="warning">
          This sign-in has expired or was already finished.{' '}
          <Link to="/sign-in">Start signing in again</Link>.
        </Alert>
      ) : (
        <SecondFactorForm
          loading={loading || signingIn}
          fieldError={errors.fields.code}
          formError={errors.form}
          onSubmit={(input, factor) => void submit(input, factor)}
          onEdit={() => setErrors((current) => clearFieldError(current, 'code'))}
          actions={<Link to="/sign-in">Cancel</Link>}
        />
      )}
    </AuthPage>
  );
}
