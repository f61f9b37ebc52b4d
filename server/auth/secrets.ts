/**
 * Random secrets and their digests: sessions, API tokens and invitation links are random
 * 256-bit values shown once; only their SHA-256 is stored.
 *
 * @example
 * const secret = randomSecret(); digest(secret); // 64 hex chars
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of two strings (e.g. CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
