import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Link, useLocation, useNavigate } from 'react-router';
import { SignUpDocument } from '../../gql/graphql';
import { Alert, Button, Checkbox, TextField } from '../../ui';
import { NO_FORM_ERRORS, clearFieldError, formErrors } from './api-errors';
import type { FormErrors } from './api-errors';
import { AuthPage } from './AuthPage';
import { destinationAfterSignIn } from './next-path';
import { PASSWORD_RULES, emailProblem, newPasswordProblem } from './passwords';
import { ProviderButtons } from './ProviderButtons';
import { useSession, useViewer } from './session';
import { SignedInNotice } from './SignedInNotice';

type Field = 'name' | 'email' | 'password' | 'ageConfirmed';

const FIELDS: readonly Field[] = ['name', 'email', 'password', 'ageConfirmed'];

/** What the client checks before asking the server; the server checks everything again. */
export function signUpProblems(input: {
  name: string;
  email: string;
  password: string;
  ageConfirmed: boolean;
}): FormErrors<Field>['fields'] {
  const fields: FormErrors<Field>['fields'] = {};
  if (!input.name.trim()) fields.name = 'Enter your name.';
  const email = emailProblem(input.email);
  if (email) fields.email = email;
  const password = newPasswordProblem(input.password);
  if (password) fields.password = password;
  if (!input.ageConfirmed) fields.ageConfirmed = 'You must be 18 or older to use aiofm.';
  return fields;
}

/**
 * /sign-up: name, email, password and the 18+ confirmation. The new account is signed in at
 * once; the banner at the top of every page then asks to confirm the email address.
 */
export function SignUpPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const { viewer } = useViewer();
  const [signUp, { loading }] = useMutation(SignUpDocument);

  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [ageConfirmed, setAgeConfirmed] = useState(false);
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_FORM_ERRORS);
  const [signingIn, setSigningIn] = useState(false);

  const destination = destinationAfterSignIn(location.state, location.search);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading || signingIn) return;
    const problems = signUpProblems({ name, email, password, ageConfirmed });
    if (Object.keys(problems).length > 0) {
      setErrors({ fields: problems, form: null });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      const result = await signUp({
        variables: { input: { name: name.trim(), email: email.trim(), password, ageConfirmed } },
      });
      const user = result.data?.signUp;
      if (!user) return;
      setSigningIn(true);
      session.signedIn(user);
      await navigate(destination, { replace: true });
    } catch (error) {
      setErrors(
        formErrors(error, {
          fields: FIELDS,
          codeFields: { EMAIL_TAKEN: 'email', WEAK_PASSWORD: 'password' },
          messages: {
            EMAIL_TAKEN: 'An account with this email already exists. Sign in instead.',
          },
        }),
      );
    }
  }

  if (viewer && !signingIn) {
    return (
      <AuthPage title="Create an account">
        <SignedInNotice viewer={viewer} destination={destination} />
      </AuthPage>
    );
  }

  return (
    <AuthPage
      title="Create an account"
      lead="Generate images and video with AI on this aiofm server."
      footer={
        <p>
          Already have an account?{' '}
          <Link to={{ pathname: '/sign-in', search: location.search }} state={location.state}>
            Sign in
          </Link>
        </p>
      }
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Create an account"
      >
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'name'));
          }}
          error={errors.fields.name}
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          autoCapitalize="off"
          spellCheck={false}
          required
          value={email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'email'));
          }}
          hint="We send a link to confirm it."
          error={errors.fields.email}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'password'));
          }}
          hint={PASSWORD_RULES}
          error={errors.fields.password}
        />
        <Checkbox
          label="I am 18 or older"
          name="ageConfirmed"
          required
          checked={ageConfirmed}
          onChange={(event) => {
            setAgeConfirmed(event.currentTarget.checked);
            setErrors((current) => clearFieldError(current, 'ageConfirmed'));
          }}
          error={errors.fields.ageConfirmed}
        />
        <Button type="submit" variant="primary" loading={loading || signingIn}>
          Create account
        </Button>
      </form>
      <ProviderButtons />
    </AuthPage>
  );
}
