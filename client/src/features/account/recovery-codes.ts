/** Name of the downloaded file with the recovery codes. */
export const RECOVERY_CODES_FILE_NAME = 'aiofm-recovery-codes.txt';

export interface RecoveryCodesTextOptions {
  /** The account the codes belong to. */
  email: string;
  /** The site the account is on, e.g. https://studio.example.com. */
  site: string;
  generatedAt: Date;
}

/**
 * The text file people keep their recovery codes in: what the codes are for, how to use them,
 * then one code per line. CRLF line ends, so it opens cleanly in any editor.
 */
export function recoveryCodesText(codes: readonly string[], options: RecoveryCodesTextOptions) {
  const lines = [
    'aiofm recovery codes',
    '',
    `Account: ${options.email}`,
    `Site: ${options.site}`,
    `Created: ${options.generatedAt.toISOString()}`,
    '',
    'Use one of these codes to sign in when you cannot use your authenticator app.',
    'Each code works once. Keep this file somewhere safe and private; creating new',
    'codes in Settings → Security makes these stop working.',
    '',
    ...codes,
    '',
  ];
  return lines.join('\r\n');
}

/** Starts a download of `text` as a plain-text file. */
export function downloadTextFile(fileName: string, text: string): void {
  const blob = new Blob([text], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
