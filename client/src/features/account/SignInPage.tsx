import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { SignInDocument } from '../../gql/graphql';
import type { SignInInput } from '../../gql/graphql';
import { Alert, Button, TextField } from '../../ui';
import { NO_FORM_ERRORS, clearFieldError, formErrors, hasErrorCode } from './api-errors';
import type { FormErrors } from './api-errors';
import { AuthPage } from './AuthPage';
import { destinationAfterSignIn } from './next-path';
import { oauthErrorMessage } from './oauth-errors';
import { emailProblem } from './passwords';
import { ProviderButtons } from './ProviderButtons';
import { CODE_MESSAGES, SECOND_FACTOR_LEAD, SecondFactorForm } from './SecondFactorForm';
import type { SecondFactor, SecondFactorInput } from './SecondFactorForm';
import { useSession, useViewer } from './session';
import { SignedInNotice } from './SignedInNotice';

type Step = 'password' | 'second-factor';
type Field = 'email' | 'password' | 'code';

/** Messages the sign-in page shows when another page sends people here (router state). */
const NOTICES: Record<string, string> = {
  'password-reset': 'Your password was changed. Sign in with your new password.',
};

function noticeFrom(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const notice = (state as { notice?: unknown }).notice;
  return typeof notice === 'string' ? (NOTICES[notice] ?? null) : null;
}

/**
 * /sign-in: email and password, then (for accounts with two-factor authentication) a code from
 * the authenticator app or a recovery code. The password stays in memory only, for the second
 * request. Afterwards the person goes back to the page they wanted.
 */
export function SignInPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const session = useSession();
  const { viewer } = useViewer();
  const [signIn, { loading }] = useMutation(SignInDocument);

  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_FORM_ERRORS);
  const [signingIn, setSigningIn] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  const destination = destinationAfterSignIn(location.state, location.search);
  const oauthError = oauthErrorMessage(params.get('error'));
  const notice = noticeFrom(location.state);

  async function attempt(input: SignInInput, factor: SecondFactor = 'totp') {
    setErrors(NO_FORM_ERRORS);
    try {
      const result = await signIn({ variables: { input } });
      const user = result.data?.signIn;
      if (!user) return;
      setSigningIn(true);
      session.signedIn(user);
      await navigate(destination, { replace: true });
    } catch (error) {
      if (hasErrorCode(error, 'MFA_REQUIRED')) {
        setStep('second-factor');
        return;
      }
      if (step === 'second-factor' && hasErrorCode(error, 'INVALID_CREDENTIALS')) {
        // The password no longer matches (changed meanwhile): start again from the first step.
        setStep('password');
        setPassword('');
      }
      setErrors(
        formErrors(error, {
          fields: ['email', 'password', 'code'],
          codeFields: { INVALID_MFA_CODE: 'code' },
          messages: { INVALID_MFA_CODE: CODE_MESSAGES[factor] },
        }),
      );
    }
  }

  function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const fields: FormErrors<Field>['fields'] = {};
    const problem = emailProblem(email);
    if (problem) fields.email = problem;
    if (!password) fields.password = 'Enter your password.';
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    void attempt({ email: email.trim(), password });
  }

  function submitCode(input: SecondFactorInput, factor: SecondFactor) {
    void attempt({ email: email.trim(), password, ...input }, factor);
  }

  function startOver() {
    setStep('password');
    setPassword('');
    setErrors(NO_FORM_ERRORS);
    // The email field is the natural place to continue.
    requestAnimationFrame(() => emailRef.current?.focus());
  }

  if (viewer && !signingIn) {
    return (
      <AuthPage title="Sign in">
        {oauthError && <Alert tone="danger">{oauthError}</Alert>}
        <SignedInNotice viewer={viewer} destination={destination} />
      </AuthPage>
    );
  }

  if (step === 'second-factor') {
    return (
      <AuthPage title="Two-factor authentication" lead={SECOND_FACTOR_LEAD}>
        <SecondFactorForm
          loading={loading || signingIn}
          fieldError={errors.fields.code}
          formError={errors.form}
          onSubmit={submitCode}
          onEdit={() => setErrors((current) => clearFieldError(current, 'code'))}
          actions={
            <button type="button" className="link-button" onClick={startOver}>
              Back
            </button>
          }
        />
      </AuthPage>
    );
  }

  return (
    <AuthPage
      title="Sign in"
      lead="Welcome back to aiofm."
      footer={
        <p>
          New to aiofm?{' '}
          <Link to={{ pathname: '/sign-up', search: location.search }} state={location.state}>
            Create an account
          </Link>
        </p>
      }
    >
      {notice && <Alert tone="success">{notice}</Alert>}
      {oauthError && <Alert tone="danger">{oauthError}</Alert>}
      <form className="form" noValidate onSubmit={submitPassword} aria-label="Sign in">
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        <TextField
          ref={emailRef}
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'email'));
          }}
          error={errors.fields.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'password'));
          }}
          error={errors.fields.password}
        />
        <div className="auth-page__row">
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
        <Button type="submit" variant="primary" loading={loading || signingIn}>
          Sign in
        </Button>
      </form>
      <ProviderButtons />
    </AuthPage>
  );
}
