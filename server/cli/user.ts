/**
 * `citypeers user create|disable`: accounts from the command line, e.g. the first real admin.
 *
 *   citypeers user create --role admin --email ana@city.example --network integrating-cities --network-name "Integrating Cities"
 *   citypeers user create --role admin --email bo@city.example [--network demo-integrating-cities] [--name "Bo"] [--password-stdin]
 *   citypeers user create --role city_editor --email …  --city 12
 *   citypeers user disable --email ana@city.example
 *
 * Without --password-stdin a strong random password is generated and printed once.
 * Uses DATABASE_URL (default file:data/citypeers.db), migrating it first.
 */
import { eq } from 'drizzle-orm';
import { parseArgs } from 'node:util';
import { createDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { disableUser, findUserByEmail, insertGrant, revokeUserSessions, upsertUser } from '../../db/queries/auth';
import { appendAudit } from '../../db/queries/audit';
import { cities, networks, ROLES } from '../../db/schema';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { randomSecret } from '../auth/secrets';
import { readEnv } from '../env';
import { UsageError, type Io } from './io';

const HELP = `citypeers user create --role <admin|secretariat_admin|city_editor|city_viewer|researcher> --email <email>
                      [--network <id or slug>] [--network-name <name>] [--city <id>] [--name <name>] [--password-stdin]
    --network-name creates the network (slug from --network) when it does not exist yet, for the first admin
citypeers user disable --email <email>`;

export async function user(args: string[], io: Io, stdin: () => Promise<string> = readStdin): Promise<number> {
  const [action, ...rest] = args;
  if (!action || action === '--help') {
    io.out(HELP);
    return action ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { role: { type: 'string' }, email: { type: 'string' }, network: { type: 'string' }, 'network-name': { type: 'string' }, city: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    strict: true,
  });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UsageError('--email must be an email address');
  const env = readEnv(process.env);
  const handle = await createDb({ url: env.databaseUrl, authToken: env.databaseAuthToken, syncUrl: env.databaseSyncUrl });
  try {
    await migrateDb(handle.db);
    if (action === 'disable') return await disable(handle.db, email, io);
    if (action !== 'create') throw new UsageError(`unknown action "${action}"\n${HELP}`);
    const role = values.role === 'admin' ? 'secretariat_admin' : values.role;
    if (!role || !(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of admin, ${ROLES.join(', ')}`);
    const grant = await scope(handle.db, role as (typeof ROLES)[number], values.network, values.city, values['network-name']);
    const generated = !values['password-stdin'];
    const password = generated ? randomSecret(18) : (await stdin()).replace(/\r?\n$/, '');
    const problem = passwordProblem(password, email);
    if (problem) throw new UsageError(`the password ${problem}`);
    const passwordHash = await hashPassword(password);
    const created = await handle.db.transaction(async (tx) => {
      const u = await upsertUser(tx, email, { name: values.name ?? email, passwordHash });
      await insertGrant(tx, { userId: u.id, ...grant });
      await appendAudit(tx, { at: new Date().toISOString(), actorLabel: 'command line', action: 'user.create', entityType: 'user', entityId: String(u.id), networkId: grant.networkId, cityId: grant.cityId, newValue: { email, ...grant } });
      return u;
    });
    io.out(JSON.stringify({ id: created.id, email, ...grant, ...(generated ? { password, note: 'shown once: store it now' } : {}) }, null, 2));
    return 0;
  } finally {
    handle.close();
  }
}

async function scope(db: Awaited<ReturnType<typeof createDb>>['db'], role: (typeof ROLES)[number], network?: string, city?: string, networkName?: string) {
  if (role === 'researcher') return { role, networkId: null, cityId: null };
  if (role === 'secretariat_admin') {
    if (networkName !== undefined) {
      if (!network || !/^[a-z0-9-]{2,60}$/.test(network)) throw new UsageError('--network-name needs --network <slug> (lowercase letters, digits, dashes)');
      await db.insert(networks).values({ slug: network, name: networkName }).onConflictDoNothing();
    }
    const all = await db.select({ id: networks.id, slug: networks.slug }).from(networks);
    const chosen = network ? all.find((n) => n.slug === network || String(n.id) === network) : all.length === 1 ? all[0] : undefined;
    if (!chosen) throw new UsageError(network ? `no network "${network}"` : `--network is required (networks: ${all.map((n) => n.slug).join(', ') || 'none yet'})`);
    return { role, networkId: chosen.id, cityId: null };
  }
  const cityId = Number(city);
  if (!Number.isInteger(cityId) || !(await db.select({ id: cities.id }).from(cities).where(eq(cities.id, cityId))).length) throw new UsageError('--city must be the id of an existing city');
  return { role, networkId: null, cityId };
}

async function disable(db: Awaited<ReturnType<typeof createDb>>['db'], email: string, io: Io) {
  const u = await findUserByEmail(db, email);
  if (!u) throw new UsageError(`no account ${email}`);
  const at = new Date().toISOString();
  await db.transaction(async (tx) => {
    await disableUser(tx, u.id, at);
    await revokeUserSessions(tx, u.id, at);
    await appendAudit(tx, { at, actorLabel: 'command line', action: 'user.disable', entityType: 'user', entityId: String(u.id) });
  });
  io.out(`disabled ${email}; its sessions ended`);
  return 0;
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}
