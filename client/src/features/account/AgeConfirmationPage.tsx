import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ConfirmAgeDocument } from '../../gql/graphql';
import { Alert, Button, Checkbox } from '../../ui';
import { NO_FORM_ERRORS, clearFieldError, formErrors } from './api-errors';
import type { FormErrors } from './api-errors';
import { AuthPage } from './AuthPage';
import { destinationAfterSignIn } from './next-path';
import { useSession, useViewer } from './session';

/**
 * /welcome/age: accounts created through a social provider confirm being 18 or older before
 * they use anything else (or sign out).
 */
export function AgeConfirmationPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const { viewer } = useViewer();
  const [confirmAge, { loading }] = useMutation(ConfirmAgeDocument);
  const [checked, setChecked] = useState(false);
  const [errors, setErrors] = useState<FormErrors<'ageConfirmed'>>(NO_FORM_ERRORS);
  const [signingOut, setSigningOut] = useState(false);
  const [done, setDone] = useState(false);
  const destination = destinationAfterSignIn(location.state, location.search);

  if (viewer?.ageConfirmedAt && !done) return <Navigate to={destination} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading || done) return;
    if (!checked) {
      setErrors({
        fields: { ageConfirmed: 'Confirm that you are 18 or older to continue.' },
        form: null,
      });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      await confirmAge();
      setDone(true);
      await navigate(destination, { replace: true });
    } catch (error) {
      setErrors(formErrors(error, { fields: ['ageConfirmed'] }));
    }
  }

  async function signOut() {
    setSigningOut(true);
    try {
      await session.signOut();
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <AuthPage
      title="One more step"
      lead={
        viewer
          ? `Welcome, ${viewer.name}. aiofm is for adults only: confirm your age to continue.`
          : 'aiofm is for adults only: confirm your age to continue.'
      }
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Confirm your age"
      >
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        <Checkbox
          label="I am 18 or older"
          name="ageConfirmed"
          required
          checked={checked}
          onChange={(event) => {
            setChecked(event.currentTarget.checked);
            setErrors((current) => clearFieldError(current, 'ageConfirmed'));
          }}
          error={errors.fields.ageConfirmed}
        />
        <Button type="submit" variant="primary" loading={loading || done}>
          Continue
        </Button>
      </form>
      <p className="muted">
        Not 18 yet, or not you?{' '}
        <button
          type="button"
          className="link-button"
          disabled={signingOut}
          onClick={() => void signOut()}
        >
          Sign out
        </button>
      </p>
    </AuthPage>
  );
}
