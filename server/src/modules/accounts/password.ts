import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AccountError } from './accounts.errors';

export const PASSWORD_MIN_LENGTH = 10;
// argon2 cost grows with input; a ceiling keeps a huge "password" from tying up the server.
export const PASSWORD_MAX_LENGTH = 256;

// OWASP's minimum for argon2id: 19 MiB memory, 2 iterations, 1 lane.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let commonPasswords: Set<string> | undefined;
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'] as string[]);
  return commonPasswords.has(password.toLowerCase());
}

/** Throws WEAK_PASSWORD (with the reason) unless the password is acceptable. */
export function assertStrongPassword(
  password: string,
  context: { email?: string; name?: string; field?: string } = {},
): void {
  const reject = (message: string) => {
    throw new AccountError('WEAK_PASSWORD', message, {
      fieldErrors: [{ field: context.field ?? 'password', messages: [message] }],
    });
  };
  if (password.length < PASSWORD_MIN_LENGTH) {
    reject(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    reject(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  }
  if (isCommonPassword(password)) {
    reject('This password is one of the most common ones; choose another.');
  }
  const lowered = password.toLowerCase();
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (
    (local && local.length >= 4 && lowered.includes(local)) ||
    lowered === context.name?.toLowerCase()
  ) {
    reject('Do not use your name or email address in your password.');
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Checking against this when no account matches keeps failed sign-ins equally slow either way.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('aiofm-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
