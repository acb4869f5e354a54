import { useState } from 'react';
import type { FormEvent } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { ChangePasswordDocument } from '../../gql/graphql';
import type { ViewerFragment } from '../../gql/graphql';
import { Alert, Button, Card, TextField, useToast } from '../../ui';
import { NO_FORM_ERRORS, clearFieldError, formErrors } from '../account/api-errors';
import type { FormErrors } from '../account/api-errors';
import { PASSWORD_RULES, newPasswordProblem } from '../account/passwords';

type Field = 'currentPassword' | 'newPassword' | 'confirmation';

/** Changes the password; the server signs out every other session. */
export function PasswordCard({ viewer }: { viewer: ViewerFragment }) {
  const apollo = useApolloClient();
  const toast = useToast();
  const [changePassword, { loading }] = useMutation(ChangePasswordDocument);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_FORM_ERRORS);

  if (!viewer.hasPassword) {
    const providers = viewer.linkedAccounts.map((account) => account.providerName);
    return (
      <Card title="Password">
        <p className="muted">
          Your account has no password: you sign in with{' '}
          {providers.length > 0 ? providers.join(' or ') : 'a linked account'}.
        </p>
      </Card>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const fields: FormErrors<Field>['fields'] = {};
    if (!currentPassword) fields.currentPassword = 'Enter your current password.';
    const problem = newPasswordProblem(newPassword);
    if (problem) fields.newPassword = problem;
    else if (confirmation !== newPassword) {
      fields.confirmation = 'The two new passwords are not the same.';
    }
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      await changePassword({ variables: { input: { currentPassword, newPassword } } });
      // The other sessions are gone; the sessions page must not show them from the cache.
      apollo.cache.evict({ id: 'ROOT_QUERY', fieldName: 'sessions' });
      apollo.cache.gc();
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      toast.show({
        id: 'password-changed',
        tone: 'success',
        message: 'Password changed; other sessions were signed out',
      });
    } catch (error) {
      setErrors(
        formErrors(error, {
          fields: ['currentPassword', 'newPassword'],
          codeFields: { INVALID_CREDENTIALS: 'currentPassword', WEAK_PASSWORD: 'newPassword' },
          messages: { INVALID_CREDENTIALS: 'Your current password is not correct.' },
        }),
      );
    }
  }

  return (
    <Card
      title="Password"
      description="Changing it signs out every other device signed in to your account."
    >
      <form
        className="form settings-form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Change password"
      >
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        {/* Lets password managers file the new password under the right account. */}
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={viewer.email}
          readOnly
          hidden
        />
        <TextField
          label="Current password"
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => {
            setCurrentPassword(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'currentPassword'));
          }}
          error={errors.fields.currentPassword}
        />
        <TextField
          label="New password"
          type="password"
          name="newPassword"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(event) => {
            setNewPassword(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'newPassword'));
          }}
          hint={PASSWORD_RULES}
          error={errors.fields.newPassword}
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
        <div className="form__actions">
          <Button type="submit" variant="primary" loading={loading}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
