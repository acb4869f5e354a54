import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { RequestPasswordResetDocument } from '../../gql/graphql';
import { Alert, Button, TextField } from '../../ui';
import { NO_FORM_ERRORS, clearFieldError, formErrors } from './api-errors';
import type { FormErrors } from './api-errors';
import { AuthPage } from './AuthPage';
import { emailProblem } from './passwords';

/**
 * /forgot-password: asks for a reset link. The answer is the same whether or not the address has
 * an account, so the page cannot be used to find out who has one.
 */
export function ForgotPasswordPage() {
  const [requestReset, { loading }] = useMutation(RequestPasswordResetDocument);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors<'email'>>(NO_FORM_ERRORS);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const problem = emailProblem(email);
    if (problem) {
      setErrors({ fields: { email: problem }, form: null });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      await requestReset({ variables: { email: email.trim() } });
      setSentTo(email.trim());
    } catch (error) {
      setErrors(formErrors(error, { fields: ['email'] }));
    }
  }

  const footer = (
    <p>
      Remembered it? <Link to="/sign-in">Back to sign in</Link>
    </p>
  );

  if (sentTo) {
    return (
      <AuthPage title="Check your inbox" footer={footer}>
        <Alert tone="success" title="If an account exists, we sent a link">
          <p>
            If there is an account for <strong>{sentTo}</strong>, an email with a link to choose a
            new password is on its way. The link works for a limited time. Check your spam folder if
            it does not arrive within a few minutes.
          </p>
        </Alert>
        <div className="form__actions">
          <Button
            onClick={() => {
              setSentTo(null);
              setEmail('');
            }}
          >
            Use another address
          </Button>
        </div>
      </AuthPage>
    );
  }

  return (
    <AuthPage
      title="Reset your password"
      lead="Enter the email address of your account and we will send you a link to choose a new password."
      footer={footer}
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Reset your password"
      >
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
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
          error={errors.fields.email}
        />
        <Button type="submit" variant="primary" loading={loading}>
          Send reset link
        </Button>
      </form>
    </AuthPage>
  );
}
