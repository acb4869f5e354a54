import { useEffect, useRef } from 'react';
import { Alert, Button, useToast } from '../../ui';
import {
  RECOVERY_CODES_FILE_NAME,
  downloadTextFile,
  recoveryCodesText,
} from '../account/recovery-codes';

export interface RecoveryCodesPanelProps {
  codes: readonly string[];
  email: string;
  /** Why the codes are shown: MFA just turned on, or the old codes were replaced. */
  reason: 'enabled' | 'regenerated';
  onDone: () => void;
}

/**
 * The recovery codes, shown this once: copy them, download them as a text file, then confirm
 * they are saved. Focus moves here when the codes appear, so nobody misses them.
 */
export function RecoveryCodesPanel({ codes, email, reason, onDone }: RecoveryCodesPanelProps) {
  const toast = useToast();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function text() {
    return recoveryCodesText(codes, {
      email,
      site: window.location.origin,
      generatedAt: new Date(),
    });
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(text());
      toast.show({
        id: 'recovery-codes-copied',
        tone: 'success',
        message: 'Recovery codes copied.',
      });
    } catch {
      toast.show({
        id: 'recovery-codes-copied',
        tone: 'warning',
        message: 'This browser did not allow copying. Download the codes, or select and copy them.',
      });
    }
  }

  return (
    <div className="stack" data-testid="recovery-codes">
      <h3 ref={headingRef} tabIndex={-1}>
        {reason === 'enabled' ? 'Two-factor authentication is on' : 'Your new recovery codes'}
      </h3>
      <Alert tone="warning" title="Save these recovery codes now" announce="none">
        <p>
          If you lose your phone, a recovery code is the only way to sign in. Each code works once.
          They are shown only this once
          {reason === 'regenerated' ? ', and your previous codes no longer work.' : '.'}
        </p>
      </Alert>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="form__actions">
        <Button onClick={() => void copy()}>Copy</Button>
        <Button onClick={() => downloadTextFile(RECOVERY_CODES_FILE_NAME, text())}>
          Download as .txt
        </Button>
        <Button variant="primary" onClick={onDone}>
          I saved them
        </Button>
      </div>
    </div>
  );
}
