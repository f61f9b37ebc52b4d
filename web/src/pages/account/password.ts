/**
 * The server's password rules (ASVS 5: at least 8 characters, at most 128, no composition rules,
 * common passwords refused) in the UI language: known server messages are translated, others shown as sent.
 *
 * @example
 * passwordMessage('must be at least 8 characters', t) // 'Use at least 8 characters.'
 */
import type { MessageKey } from '../../lib/i18n/i18n.svelte';

const KNOWN: [RegExp, MessageKey][] = [
  [/at least \d+ characters/, 'password.short'],
  [/at most \d+ characters/, 'password.long'],
  [/common passwords/, 'password.common'],
  [/email address/, 'password.email'],
];

export function passwordMessage(detail: string, t: (k: MessageKey) => string): string {
  const key = KNOWN.find(([re]) => re.test(detail))?.[1];
  return key ? t(key) : detail;
}

/** A quick check before sending (the server decides; this only saves a round trip). */
export function tooShort(password: string): boolean {
  return [...password].length < 8;
}
