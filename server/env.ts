/**
 * Validated process environment. Only server/index.ts and the CLI read it.
 *
 * @example
 * const env = readEnv(process.env); // { port: 8787, databaseUrl: 'file:data/citypeers.db', ... }
 */
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).default('file:data/citypeers.db'),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  DATABASE_SYNC_URL: z.string().url().optional(),
  /** Seconds between an embedded replica's background syncs from the primary. */
  DATABASE_SYNC_INTERVAL: z.coerce.number().int().min(1).max(3600).default(2),
  /** Seed the demo network into an empty database on start (default on). */
  SEED_DEMO: z.enum(['0', '1', 'true', 'false']).default('1'),
  NODE_ENV: z.string().default('development'),
  /** Comma-separated origins allowed to call the API from a browser (none by default). */
  CORS_ORIGINS: z.string().default(''),
});

export interface Env {
  port: number;
  host: string;
  databaseUrl: string;
  databaseAuthToken?: string;
  databaseSyncUrl?: string;
  databaseSyncIntervalSeconds: number;
  seedDemo: boolean;
  production: boolean;
  corsOrigins: string[];
}

export function readEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    databaseSyncUrl: e.DATABASE_SYNC_URL,
    databaseSyncIntervalSeconds: e.DATABASE_SYNC_INTERVAL,
    seedDemo: e.SEED_DEMO === '1' || e.SEED_DEMO === 'true',
    production: e.NODE_ENV === 'production',
    corsOrigins: e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
  };
}
