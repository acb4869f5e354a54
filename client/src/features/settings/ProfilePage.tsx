import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { RequestEmailChangeDocument, UpdateProfileDocument } from '../../gql/graphql';
import type { ViewerFragment } from '../../gql/graphql';
import { Alert, AlertIcon, Avatar, Button, Card, StatusBadge, TextField, useToast } from '../../ui';
import { NO_FORM_ERRORS, clearFieldError, formErrors } from '../account/api-errors';
import type { FormErrors } from '../account/api-errors';
import { emailProblem } from '../account/passwords';
import { useViewer } from '../account/session';
import { AVATAR_TYPES, AvatarImageError, avatarFromFile } from './avatar-image';
import { SettingsHeader } from './SettingsLayout';

type ProfileField = 'name' | 'avatarUrl';

function ProfileCard({ viewer }: { viewer: ViewerFragment }) {
  const toast = useToast();
  const [updateProfile, { loading }] = useMutation(UpdateProfileDocument);
  const [name, setName] = useState(viewer.name);
  const [avatar, setAvatar] = useState<string | null>(viewer.avatarUrl);
  const [preparing, setPreparing] = useState(false);
  const [errors, setErrors] = useState<FormErrors<ProfileField>>(NO_FORM_ERRORS);
  const fileRef = useRef<HTMLInputElement>(null);
  const avatarChanged = avatar !== viewer.avatarUrl;

  async function choose(file: File | undefined) {
    if (!file) return;
    setPreparing(true);
    setErrors((current) => clearFieldError(current, 'avatarUrl'));
    try {
      setAvatar(await avatarFromFile(file));
    } catch (error) {
      setErrors((current) => ({
        ...current,
        fields: {
          ...current.fields,
          avatarUrl:
            error instanceof AvatarImageError
              ? error.message
              : 'This picture could not be used. Try another one.',
        },
      }));
    } finally {
      setPreparing(false);
      // Choosing the same file again must still count as a choice.
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading || preparing) return;
    if (!name.trim()) {
      setErrors({ fields: { name: 'Enter your name.' }, form: null });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      await updateProfile({
        variables: {
          input: {
            name: name.trim(),
            // Left out when unchanged; null removes the picture.
            ...(avatarChanged ? { avatarUrl: avatar } : {}),
          },
        },
      });
      toast.show({ id: 'profile-saved', tone: 'success', message: 'Your profile is saved.' });
    } catch (error) {
      setErrors(formErrors(error, { fields: ['name', 'avatarUrl'] }));
    }
  }

  const shownName = name.trim() || viewer.name;
  return (
    <Card title="Name and picture" description="How you appear in aiofm.">
      <form
        className="form settings-form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label="Name and picture"
      >
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        <div className="field">
          <span className="field__label" id={`${viewer.id}-picture-label`}>
            Picture
          </span>
          <div className="profile-picture">
            <Avatar name={shownName} src={avatar} size="lg" />
            <div className="profile-picture__actions">
              <div className="cluster">
                <Button
                  size="sm"
                  loading={preparing}
                  aria-describedby={`${viewer.id}-picture-hint`}
                  onClick={() => fileRef.current?.click()}
                >
                  {avatar ? 'Choose another picture' : 'Choose a picture'}
                </Button>
                {avatar && (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => {
                      setAvatar(null);
                      setErrors((current) => clearFieldError(current, 'avatarUrl'));
                    }}
                  >
                    Remove picture
                  </Button>
                )}
              </div>
              <p className="field__hint" id={`${viewer.id}-picture-hint`}>
                {avatarChanged
                  ? 'Save your profile to keep this change.'
                  : 'A PNG, JPEG or WebP image. It is cropped to a square and made small.'}
              </p>
              {errors.fields.avatarUrl && (
                <p className="field__error" role="alert">
                  <AlertIcon size={16} />
                  <span>{errors.fields.avatarUrl}</span>
                </p>
              )}
            </div>
          </div>
          <input
            ref={fileRef}
            type="file"
            accept={AVATAR_TYPES.join(',')}
            hidden
            aria-labelledby={`${viewer.id}-picture-label`}
            onChange={(event) => void choose(event.currentTarget.files?.[0])}
          />
        </div>
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
        <div className="form__actions">
          <Button type="submit" variant="primary" loading={loading}>
            Save profile
          </Button>
        </div>
      </form>
    </Card>
  );
}

type EmailField = 'newEmail' | 'currentPassword';

function ChangeEmailForm({ viewer, onDone }: { viewer: ViewerFragment; onDone: () => void }) {
  const toast = useToast();
  const [requestChange, { loading }] = useMutation(RequestEmailChangeDocument);
  const [newEmail, setNewEmail] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<EmailField>>(NO_FORM_ERRORS);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const fields: FormErrors<EmailField>['fields'] = {};
    const problem = emailProblem(newEmail);
    if (problem) fields.newEmail = problem;
    else if (newEmail.trim().toLowerCase() === viewer.email.toLowerCase()) {
      fields.newEmail = 'This is already your email address.';
    }
    if (viewer.hasPassword && !currentPassword) fields.currentPassword = 'Enter your password.';
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      const result = await requestChange({
        variables: {
          input: {
            newEmail: newEmail.trim(),
            ...(viewer.hasPassword ? { currentPassword } : {}),
          },
        },
      });
      const pending = result.data?.requestEmailChange.pendingEmail ?? newEmail.trim();
      toast.show({
        id: 'email-change-requested',
        tone: 'success',
        message: `We sent a confirmation link to ${pending}.`,
      });
      onDone();
    } catch (error) {
      setErrors(
        formErrors(error, {
          fields: ['newEmail', 'currentPassword'],
          codeFields: { EMAIL_TAKEN: 'newEmail', INVALID_CREDENTIALS: 'currentPassword' },
          messages: {
            EMAIL_TAKEN: 'Another account already uses this email address.',
            INVALID_CREDENTIALS: 'The password is not correct.',
          },
        }),
      );
    }
  }

  return (
    <form
      className="form settings-form"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-label="Change email"
    >
      {errors.form && <Alert tone="danger">{errors.form}</Alert>}
      <TextField
        label="New email"
        type="email"
        name="newEmail"
        autoComplete="email"
        autoCapitalize="off"
        spellCheck={false}
        required
        value={newEmail}
        onChange={(event) => {
          setNewEmail(event.currentTarget.value);
          setErrors((current) => clearFieldError(current, 'newEmail'));
        }}
        hint="We send a link there; the change takes effect when you open it."
        error={errors.fields.newEmail}
      />
      {viewer.hasPassword && (
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
      )}
      <div className="form__actions">
        <Button type="submit" variant="primary" loading={loading}>
          Send confirmation link
        </Button>
        <Button variant="ghost" onClick={onDone} disabled={loading}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function EmailCard({ viewer }: { viewer: ViewerFragment }) {
  const [changing, setChanging] = useState(false);
  return (
    <Card title="Email" description="Where we send sign-in and account messages.">
      <div className="stack">
        <p className="email-row">
          <strong>{viewer.email}</strong>
          {viewer.emailVerified ? (
            <StatusBadge tone="success">Confirmed</StatusBadge>
          ) : (
            <StatusBadge tone="warning">Not confirmed</StatusBadge>
          )}
        </p>
        {viewer.pendingEmail && (
          <Alert tone="info" title="Change waiting for confirmation">
            <p>
              Pending: confirm from <strong>{viewer.pendingEmail}</strong>. Open the link we sent
              there; until then you keep using {viewer.email}.
            </p>
          </Alert>
        )}
      </div>
      {changing ? (
        <ChangeEmailForm viewer={viewer} onDone={() => setChanging(false)} />
      ) : (
        <div>
          <Button onClick={() => setChanging(true)}>Change email</Button>
        </div>
      )}
    </Card>
  );
}

/** /settings/profile: name, picture and email address. */
export function ProfilePage() {
  const { viewer } = useViewer();
  if (!viewer) return null;
  return (
    <>
      <SettingsHeader title="Profile" lead="Your name, picture and email address." />
      <ProfileCard key={viewer.id} viewer={viewer} />
      <EmailCard viewer={viewer} />
    </>
  );
}
