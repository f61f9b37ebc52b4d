/**
 * Passwords: Argon2id hashes (OWASP parameters: 19 MiB, 2 passes, 1 lane) and the ASVS 5 rules —
 * at least 8 characters, up to 128 allowed, no composition rules, common passwords refused.
 *
 * @example
 * passwordProblem('password'); // 'is one of the most common passwords; choose another'
 * const hash = await hashPassword('a long phrase of my own');
 */
import { hash, verify } from '@node-rs/argon2';
import commonPasswords from 'fxa-common-password-list';

export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 128;
/** Algorithm 2 = Argon2id (a const enum in the package's types). */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD) return `must be at least ${MIN_PASSWORD} characters`;
  if (length > MAX_PASSWORD) return `must be at most ${MAX_PASSWORD} characters`;
  if (commonPasswords.test(password) || commonPasswords.test(password.toLowerCase())) return 'is one of the most common passwords; choose another';
  if (email && password.toLowerCase() === email.toLowerCase()) return 'must not be your email address';
  return null;
}

/** `salt` only for reproducible demo seeds; real accounts get a random one. */
export function hashPassword(password: string, salt?: Uint8Array): Promise<string> {
  return hash(password, salt ? { ...OPTIONS, salt } : OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('not-a-real-account-password'));
}
