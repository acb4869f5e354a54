import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import {
  BeginMfaSetupDocument,
  ConfirmMfaSetupDocument,
  DisableMfaDocument,
  MeDocument,
  RegenerateRecoveryCodesDocument,
} from '../../gql/graphql';
import type { BeginMfaSetupMutation, ViewerFragment } from '../../gql/graphql';
import { Alert, Button, Card, Dialog, StatusBadge, TextField, useToast } from '../../ui';
import {
  NO_FORM_ERRORS,
  clearFieldError,
  errorMessage,
  formErrors,
  readApiError,
} from '../account/api-errors';
import type { FormErrors } from '../account/api-errors';
import { QrCode } from './QrCode';
import { RecoveryCodesPanel } from './RecoveryCodesPanel';

type Setup = BeginMfaSetupMutation['beginMfaSetup'];

type Mode =
  | { kind: 'idle' }
  | { kind: 'setup'; setup: Setup }
  | { kind: 'codes'; codes: string[]; reason: 'enabled' | 'regenerated' };

const CODE_HINT = 'The 6-digit code your authenticator app shows now.';
const INVALID_CODE = 'That code is not valid. Enter the code your app shows now.';

/** "JBSW Y3DP EHPK 3PXP": the secret in groups of four, easier to type by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/gu, '').replace(/(.{4})(?=.)/gu, '$1 ');
}

/** A 6-digit authenticator code as typed (spaces allowed), or null when it is not one. */
export function normalizeTotp(value: string): string | null {
  const digits = value.replace(/\s+/gu, '');
  return /^\d{6}$/u.test(digits) ? digits : null;
}

function CodeField({
  value,
  onChange,
  error,
  label = 'Authentication code',
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  label?: string;
}) {
  return (
    <TextField
      label={label}
      name="code"
      className="code-field"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      required
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      hint={CODE_HINT}
      error={error}
    />
  );
}

function SetupPanel({
  setup,
  onEnabled,
  onCancel,
}: {
  setup: Setup;
  onEnabled: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const toast = useToast();
  const [confirmSetup, { loading }] = useMutation(ConfirmMfaSetupDocument, {
    refetchQueries: [MeDocument],
  });
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors<'code'>>(NO_FORM_ERRORS);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const value = normalizeTotp(code);
    if (!value) {
      setErrors({ fields: { code: 'Enter the 6 digits shown in your app.' }, form: null });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      const result = await confirmSetup({ variables: { code: value } });
      const codes = result.data?.confirmMfaSetup.codes;
      if (codes) onEnabled(codes);
    } catch (error) {
      setErrors(
        formErrors(error, {
          fields: ['code'],
          codeFields: { INVALID_MFA_CODE: 'code' },
          messages: { INVALID_MFA_CODE: INVALID_CODE },
        }),
      );
    }
  }

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(setup.secret);
      toast.show({ id: 'mfa-secret-copied', tone: 'success', message: 'Setup key copied.' });
    } catch {
      toast.show({
        id: 'mfa-secret-copied',
        tone: 'warning',
        message: 'This browser did not allow copying. Select the key and copy it.',
      });
    }
  }

  return (
    <div className="mfa-setup">
      <QrCode value={setup.otpauthUri} label="QR code to scan with your authenticator app" />
      <ol className="mfa-setup__steps">
        <li>
          <p>
            Scan the QR code with an authenticator app, such as 1Password, Aegis, Google
            Authenticator or Microsoft Authenticator.
          </p>
        </li>
        <li>
          <p>Can’t scan it? Enter this setup key in the app instead:</p>
          <div className="cluster">
            <code className="secret-key" data-testid="mfa-secret">
              {groupSecret(setup.secret)}
            </code>
            <Button size="sm" onClick={() => void copySecret()}>
              Copy key
            </Button>
          </div>
        </li>
        <li>
          <form
            className="form"
            noValidate
            onSubmit={(event) => void submit(event)}
            aria-label="Confirm two-factor authentication"
          >
            <p>Enter the code the app shows to finish.</p>
            {errors.form && <Alert tone="danger">{errors.form}</Alert>}
            <CodeField
              value={code}
              onChange={(value) => {
                setCode(value);
                setErrors((current) => clearFieldError(current, 'code'));
              }}
              error={errors.fields.code}
            />
            <div className="form__actions">
              <Button type="submit" variant="primary" loading={loading}>
                Turn on
              </Button>
              <Button variant="ghost" onClick={onCancel} disabled={loading}>
                Cancel
              </Button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

function DisableDialog({
  open,
  viewer,
  onClose,
}: {
  open: boolean;
  viewer: ViewerFragment;
  onClose: () => void;
}) {
  const toast = useToast();
  const formId = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [disableMfa, { loading }] = useMutation(DisableMfaDocument);
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<FormErrors<'password' | 'code'>>(NO_FORM_ERRORS);
  const byPassword = viewer.hasPassword;

  function close() {
    if (loading) return;
    setSecret('');
    setErrors(NO_FORM_ERRORS);
    onClose();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const code = byPassword ? null : normalizeTotp(secret);
    if (byPassword ? !secret : !code) {
      setErrors({
        fields: byPassword
          ? { password: 'Enter your password.' }
          : { code: 'Enter the 6 digits shown in your app.' },
        form: null,
      });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      await disableMfa({
        variables: { input: byPassword ? { password: secret } : { code } },
      });
      setSecret('');
      onClose();
      toast.show({
        id: 'mfa-disabled',
        tone: 'success',
        message: 'Two-factor authentication is off.',
      });
    } catch (error) {
      setErrors(
        formErrors(error, {
          fields: ['password', 'code'],
          codeFields: { INVALID_CREDENTIALS: 'password', INVALID_MFA_CODE: 'code' },
          messages: {
            INVALID_CREDENTIALS: 'The password is not correct.',
            INVALID_MFA_CODE: INVALID_CODE,
          },
        }),
      );
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Turn off two-factor authentication?"
      description={
        byPassword
          ? 'Signing in will need only your password. Enter it to confirm.'
          : 'Signing in will no longer ask for a code. Enter the code your app shows now to confirm.'
      }
      initialFocusRef={fieldRef}
      actions={
        <>
          <Button onClick={close} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="danger" loading={loading}>
            Turn off
          </Button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={(event) => void submit(event)}>
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        {byPassword ? (
          <TextField
            ref={fieldRef}
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={secret}
            onChange={(event) => {
              setSecret(event.currentTarget.value);
              setErrors(NO_FORM_ERRORS);
            }}
            error={errors.fields.password}
          />
        ) : (
          <TextField
            ref={fieldRef}
            label="Authentication code"
            name="code"
            className="code-field"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            value={secret}
            onChange={(event) => {
              setSecret(event.currentTarget.value);
              setErrors(NO_FORM_ERRORS);
            }}
            hint={CODE_HINT}
            error={errors.fields.code}
          />
        )}
      </form>
    </Dialog>
  );
}

function RegenerateDialog({
  open,
  onClose,
  onCodes,
}: {
  open: boolean;
  onClose: () => void;
  onCodes: (codes: string[]) => void;
}) {
  const formId = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [regenerate, { loading }] = useMutation(RegenerateRecoveryCodesDocument);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormErrors<'code'>>(NO_FORM_ERRORS);

  function close() {
    if (loading) return;
    setCode('');
    setErrors(NO_FORM_ERRORS);
    onClose();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const value = normalizeTotp(code);
    if (!value) {
      setErrors({ fields: { code: 'Enter the 6 digits shown in your app.' }, form: null });
      return;
    }
    setErrors(NO_FORM_ERRORS);
    try {
      const result = await regenerate({ variables: { code: value } });
      const codes = result.data?.regenerateRecoveryCodes.codes;
      setCode('');
      if (codes) onCodes(codes);
    } catch (error) {
      setErrors(
        formErrors(error, {
          fields: ['code'],
          codeFields: { INVALID_MFA_CODE: 'code' },
          messages: { INVALID_MFA_CODE: INVALID_CODE },
        }),
      );
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create new recovery codes?"
      description="Your current recovery codes stop working. Enter the code your authenticator app shows now to confirm."
      initialFocusRef={fieldRef}
      actions={
        <>
          <Button onClick={close} disabled={loading}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" loading={loading}>
            Create new codes
          </Button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={(event) => void submit(event)}>
        {errors.form && <Alert tone="danger">{errors.form}</Alert>}
        <TextField
          ref={fieldRef}
          label="Authentication code"
          name="code"
          className="code-field"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          value={code}
          onChange={(event) => {
            setCode(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'code'));
          }}
          hint={CODE_HINT}
          error={errors.fields.code}
        />
      </form>
    </Dialog>
  );
}

/**
 * Two-factor authentication: set it up (QR code or setup key, then a first code), see the
 * recovery codes once, replace them, or turn it off.
 */
export function TwoFactorCard({ viewer }: { viewer: ViewerFragment }) {
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [dialog, setDialog] = useState<'disable' | 'regenerate' | null>(null);
  const [beginSetup, { loading: starting }] = useMutation(BeginMfaSetupDocument);
  const [startError, setStartError] = useState<string | null>(null);

  async function start() {
    if (starting) return;
    setStartError(null);
    try {
      const result = await beginSetup();
      if (result.data) setMode({ kind: 'setup', setup: result.data.beginMfaSetup });
    } catch (error) {
      setStartError(errorMessage(readApiError(error)));
    }
  }

  let body;
  if (mode.kind === 'codes') {
    body = (
      <RecoveryCodesPanel
        codes={mode.codes}
        email={viewer.email}
        reason={mode.reason}
        onDone={() => setMode({ kind: 'idle' })}
      />
    );
  } else if (mode.kind === 'setup') {
    body = (
      <SetupPanel
        setup={mode.setup}
        onEnabled={(codes) => setMode({ kind: 'codes', codes, reason: 'enabled' })}
        onCancel={() => setMode({ kind: 'idle' })}
      />
    );
  } else if (viewer.mfaEnabled) {
    body = (
      <>
        <p>Signing in asks for a code from your authenticator app after your password.</p>
        <div className="form__actions">
          <Button onClick={() => setDialog('regenerate')}>New recovery codes</Button>
          <Button variant="danger" onClick={() => setDialog('disable')}>
            Turn off
          </Button>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p>
          Protect your account with a second step: after your password, signing in asks for a code
          from an authenticator app on your phone.
        </p>
        {startError && <Alert tone="danger">{startError}</Alert>}
        <div>
          <Button variant="primary" loading={starting} onClick={() => void start()}>
            Set up
          </Button>
        </div>
      </>
    );
  }

  return (
    <Card
      title="Two-factor authentication"
      headerAside={
        viewer.mfaEnabled ? (
          <StatusBadge tone="success">On</StatusBadge>
        ) : (
          <StatusBadge tone="neutral">Off</StatusBadge>
        )
      }
    >
      {body}
      {viewer.mfaEnabled && (
        <>
          <DisableDialog
            open={dialog === 'disable'}
            viewer={viewer}
            onClose={() => setDialog(null)}
          />
          <RegenerateDialog
            open={dialog === 'regenerate'}
            onClose={() => setDialog(null)}
            onCodes={(codes) => {
              setDialog(null);
              setMode({ kind: 'codes', codes, reason: 'regenerated' });
            }}
          />
        </>
      )}
    </Card>
  );
}
