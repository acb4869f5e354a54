import { createHmac } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Time step of authenticator codes (RFC 6238), in seconds. */
export const TOTP_STEP_SECONDS = 30;

/** Decodes RFC 4648 base32 (case, spaces and padding ignored). */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not a base32 character: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** HOTP (RFC 4226) with HMAC-SHA1: the code for one counter value. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step a moment falls in. */
export function totpCounter(atMs: number = Date.now()): number {
  return Math.floor(atMs / 1000 / TOTP_STEP_SECONDS);
}

/** TOTP (RFC 6238): the 6-digit code for a base32 secret at a moment. */
export function totp(secretBase32: string, atMs: number = Date.now(), digits = 6): string {
  return hotp(base32Decode(secretBase32), totpCounter(atMs), digits);
}

/**
 * A code the server has not seen yet: servers accept each time step's code only once, so when
 * `usedCounter` is the current step this waits for the next one. Returns the code and its step.
 */
export async function freshTotp(
  secretBase32: string,
  usedCounter: number | null,
): Promise<{ code: string; counter: number }> {
  let counter = totpCounter();
  if (usedCounter !== null && counter <= usedCounter) {
    const nextStepMs = (usedCounter + 1) * TOTP_STEP_SECONDS * 1000;
    await new Promise((resolve) => setTimeout(resolve, nextStepMs - Date.now() + 250));
    counter = totpCounter();
  }
  return { code: hotp(base32Decode(secretBase32), counter), counter };
}
