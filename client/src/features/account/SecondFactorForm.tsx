import { useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Alert, Button, TextField } from '../../ui';

export type SecondFactor = 'totp' | 'recovery';

/** What the person entered: a current authenticator code or one recovery code. */
export type SecondFactorInput = { totpCode: string } | { recoveryCode: string };

export const CODE_MESSAGES: Record<SecondFactor, string> = {
  totp: 'That code is not valid. Enter the current 6-digit code from your authenticator app.',
  recovery: 'That recovery code is not valid or was already used.',
};

export interface SecondFactorFormProps {
  loading: boolean;
  /** The server's answer to the last attempt, shown under the field or above the form. */
  fieldError?: string | null;
  formError?: string | null;
  onSubmit(input: SecondFactorInput, factor: SecondFactor): void;
  /** Clears the server's errors when the person edits the code or switches the factor. */
  onEdit(): void;
  /** Extra actions under the form ("Back", "Start again"). */
  actions?: ReactNode;
}

/** What the second step asks for, whichever factor the person ends up using. */
export const SECOND_FACTOR_LEAD =
  'Enter the 6-digit code from your authenticator app, or one of your recovery codes.';

/** The second sign-in step: an authenticator code, or a recovery code instead. */
export function SecondFactorForm({
  loading,
  fieldError,
  formError,
  onSubmit,
  onEdit,
  actions,
}: SecondFactorFormProps) {
  const [factor, setFactor] = useState<SecondFactor>('totp');
  const [code, setCode] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const totp = factor === 'totp';

  useEffect(() => {
    codeRef.current?.focus();
  }, [factor]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const value = totp ? code.replace(/\s+/gu, '') : code.trim();
    if (totp && !/^\d{6}$/u.test(value)) {
      setLocalError('Enter the 6 digits shown in your authenticator app.');
      return;
    }
    if (!totp && value.length === 0) {
      setLocalError('Enter one of your recovery codes.');
      return;
    }
    onSubmit(totp ? { totpCode: value } : { recoveryCode: value }, factor);
  }

  function switchFactor() {
    setFactor(totp ? 'recovery' : 'totp');
    setCode('');
    setLocalError(null);
    onEdit();
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label="Second sign-in step">
      {formError && <Alert tone="danger">{formError}</Alert>}
      <TextField
        ref={codeRef}
        key={factor}
        label={totp ? 'Authentication code' : 'Recovery code'}
        name={totp ? 'totpCode' : 'recoveryCode'}
        className={totp ? 'code-field' : undefined}
        inputMode={totp ? 'numeric' : 'text'}
        autoComplete={totp ? 'one-time-code' : 'off'}
        autoCapitalize="off"
        spellCheck={false}
        maxLength={totp ? 6 : 64}
        required
        value={code}
        onChange={(event) => {
          setCode(event.currentTarget.value);
          setLocalError(null);
          onEdit();
        }}
        hint={totp ? undefined : 'Each recovery code works once.'}
        error={localError ?? fieldError ?? undefined}
      />
      <Button type="submit" variant="primary" loading={loading}>
        Verify and sign in
      </Button>
      <div className="auth-page__row">
        <button type="button" className="link-button" onClick={switchFactor}>
          {totp ? 'Use a recovery code instead' : 'Use your authenticator app instead'}
        </button>
        {actions}
      </div>
    </form>
  );
}
