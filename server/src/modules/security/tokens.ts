import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random token for a cookie or an email link (160+ bits, URL-safe). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** What we store instead of a token. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares two strings without leaking where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
