/**
 * A refused or failed secretariat action in words: 403/404 as "not allowed / not found",
 * 409 with the allowed next states, 412 as "someone else changed it", field errors listed.
 *
 * @example
 * problemText(new ApiError(409, { detail: 'x', allowed: ['open'] }), t) // 'x Allowed now: open.'
 */
import { ApiError } from '../../lib/api';
import type { MessageKey } from '../../lib/i18n/i18n.svelte';

type T = (k: MessageKey, v?: Record<string, string | number>) => string;

export function problemText(e: unknown, t: T): string {
  if (!(e instanceof ApiError)) return t('sec.failed', { message: e instanceof Error ? e.message : String(e) });
  if (e.status === 401) return t('sec.signedOut');
  if (e.status === 403) return t('sec.notAllowed');
  if (e.status === 404) return t('sec.notFound', { detail: e.message });
  if (e.status === 412) return t('sec.stale');
  if (e.status === 409 && e.problem.allowed) return t('sec.conflictAllowed', { detail: e.message, allowed: e.problem.allowed.join(', ') || '—' });
  if (e.status === 422 && e.problem.errors?.length) return t('sec.invalid', { detail: e.problem.errors.map((f) => `${f.pointer.replace(/^body\./, '')}: ${f.detail}`).join('; ') });
  return t('sec.failed', { message: e.message });
}

/** Today as YYYY-MM-DD (local date), the default "effective on". */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
