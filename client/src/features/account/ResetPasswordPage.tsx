import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ResetPasswordDocument } from '../../gql/graphql';
import { Alert, Button, ErrorState, TextField, buttonClass } from '../../ui';
import { NO_FORM_ERRORS, clearFieldError, formErrors, readApiError } from './api-errors';
import type { FormErrors } from './api-errors';
import { AuthPage } from './AuthPage';
import { PASSWORD_RULES, newPasswordProblem } from './passwords';
import { useSession } from './session';

type Field = 'password' | 'confirmation';

/**
 * /reset-password?token=…: chooses a new password with the link from the reset email. The server
 * signs out every session, so afterwards the person signs in again with the new password.
 */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const navigate = useNavigate();
  const session = useSession();
  const [resetPassword, { loading }] = useMutation(ResetPasswordDocument);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_FORM_ERRORS);
  const [invalidLink, setInvalidLink] = useState(false);
  const [finishing, setFinishing] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading || finishing || !token) return;
    const fields: FormErrors<Field>['fields'] = {};
    const problem = newPasswordProblem(password);
    if (problem) fields.password = problem;
    else if (confirmation !== password) fields.confirmation = 'The two passwords are not the same.';
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      await resetPassword({ variables: { input: { token, password } } });
      setFinishing(true);
      // Every session has ended, this browser's included: forget the old one's data.
      await session.forget();
      await navigate('/sign-in', { replace: true, state: { notice: 'password-reset' } });
    } catch (error) {
      setFinishing(false);
      if (readApiError(error).code === 'INVALID_TOKEN') {
        setInvalidLink(true);
        return;
      }
      setErrors(
        formErrors(error, { fields: ['password'], codeFields: { WEAK_PASSWORD: 'password' } }),
      );
    }
  }

  if (!token || invalidLink) {
    return (
      <>
        <title>Reset your password · aiofm</title>
        <ErrorState
          headingLevel={1}
          title={token ? 'This link can’t be used' : 'This link is incomplete'}
          message={
            token
              ? 'The reset link has expired, was already used, or is not valid.'
              : 'The address has no reset code. Open the link from the email again, or copy the whole address into the browser.'
          }
          nextStep="Ask for a new link and open the newest email."
          actions={
            <Link className={buttonClass('primary')} to="/forgot-password">
              Send a new link
            </Link>
          }
        />
      </>
    );
  }

  return (
    <AuthPage
      title="Choose a new password"
      lead="After the change, every device signed in to your account is signed out."
      footer={
        <p>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      }
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Choose a new password"
      >
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        <TextField
          label="New password"
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
        <TextField
          label="Confirm new password"
          type="password"
          name="confirmation"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => {
            setConfirmation(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'confirmation'));
          }}
          error={errors.fields.confirmation}
        />
        <Button type="submit" variant="primary" loading={loading || finishing}>
          Change password
        </Button>
      </form>
    </AuthPage>
  );
}
