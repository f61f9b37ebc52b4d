/**
 * Demo accounts for the demo network, for local use only (listed in the README): one secretariat
 * admin, city editors for Oslo, Munich and Barcelona, a read-only viewer for Copenhagen and a
 * researcher. Hashes are Argon2id with a salt derived from the email, so the seed stays
 * reproducible; real accounts always get a random salt.
 *
 * @example
 * const hashes = await demoPasswordHashes(); // before the seed transaction (hashing is slow)
 */
import { createHash } from 'node:crypto';
import type { ROLES } from '../db/schema';
import { hashPassword } from '../server/auth/passwords';

export const DEMO_PASSWORD = 'citypeers-demo';

export interface DemoAccount {
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  /** English city name for city roles. */
  city?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.citypeers.example', name: 'Demo secretariat', role: 'secretariat_admin' },
  { email: 'oslo@demo.citypeers.example', name: 'Demo coordinator, Oslo', role: 'city_editor', city: 'Oslo' },
  { email: 'munich@demo.citypeers.example', name: 'Demo coordinator, Munich', role: 'city_editor', city: 'Munich' },
  { email: 'barcelona@demo.citypeers.example', name: 'Demo coordinator, Barcelona', role: 'city_editor', city: 'Barcelona' },
  { email: 'copenhagen.viewer@demo.citypeers.example', name: 'Demo viewer, Copenhagen', role: 'city_viewer', city: 'Copenhagen' },
  { email: 'researcher@demo.citypeers.example', name: 'Demo researcher', role: 'researcher' },
];

export async function demoPasswordHashes(): Promise<Map<string, string>> {
  const salt = (email: string) => createHash('sha256').update(`citypeers-demo-salt:${email}`).digest().subarray(0, 16);
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(DEMO_PASSWORD, salt(a.email))));
  return new Map(DEMO_ACCOUNTS.map((a, i) => [a.email, hashes[i]]));
}
