/** The shortest password the server accepts. */
export const MIN_PASSWORD_LENGTH = 10;

/** The password rules, as shown under every new-password field. */
export const PASSWORD_RULES =
  'At least 10 characters, and not a common password (such as “password123”).';

/** The client-side check of a new password; the server also refuses common passwords. */
export function newPasswordProblem(password: string): string | null {
  if (password.length === 0) return 'Enter a password.';
  if (Array.from(password).length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  return null;
}

/** A plausible email address: something, an @, then a domain with a dot. The server decides. */
export function emailProblem(email: string): string | null {
  const value = email.trim();
  if (value.length === 0) return 'Enter your email address.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(value))
    return 'Enter an email address like name@example.com.';
  return null;
}
