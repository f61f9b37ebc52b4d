/**
 * Names a role grant for people: "City editor, Oslo" / "Secretariat admin, Integrating Cities".
 *
 * @example
 * await scopeLabel({ role: 'city_editor', cityId: 12, networkId: null }, t) // 'City editor · Oslo'
 */
import { api, type Grant } from '../../lib/api';
import type { MessageKey } from '../../lib/i18n/i18n.svelte';

export async function scopeLabel(g: Pick<Grant, 'role' | 'networkId' | 'cityId'>, t: (k: MessageKey) => string): Promise<string> {
  const role = t(`role.${g.role}` as MessageKey);
  if (g.cityId !== null) return `${role} · ${(await api.city(g.cityId).catch(() => null))?.name ?? `#${g.cityId}`}`;
  if (g.networkId !== null) return `${role} · ${(await api.networks()).items.find((n) => n.id === g.networkId)?.name ?? `#${g.networkId}`}`;
  return role;
}
