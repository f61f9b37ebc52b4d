/**
 * The dependency rules of ARCHITECTURE.md, enforced: a new import that breaks them fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string, exts = ['.ts', '.svelte']): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(join(ROOT, path)).isDirectory()) return files(path, exts);
    return exts.some((e) => name.endsWith(e)) ? [path] : [];
  });
}

/** Every `import … from '…'` / `import('…')` specifier of a file, with whether it is type-only. */
function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/g)) found.push({ spec: m[2], typeOnly: Boolean(m[1]) });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1], typeOnly: false });
  return found;
}

/** The top-level folder an import lands in ('analytics', 'db', …) or the package name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  return relative(ROOT, join(ROOT, file, '..', spec)).split(/[\\/]/)[0];
}

/** Production files only: tests may import test tools. */
const violations = (dir: string, bad: (t: string, typeOnly: boolean, file: string, spec: string) => boolean) =>
  files(dir).filter((f) => !f.endsWith('.test.ts')).flatMap((f) => imports(f).filter((i) => bad(target(f, i.spec), i.typeOnly, f, i.spec)).map((i) => `${f} → ${i.spec}`));

describe('architecture rules', () => {
  it('analytics/ is pure: no imports from server, db, web, seeds or npm packages (node: and the server/compute pool only in the bench script)', () => {
    const intoCompute = (f: string, spec: string) => spec.startsWith('.') && relative(ROOT, join(ROOT, f, '..', spec)).startsWith(join('server', 'compute') + '/');
    const allowed = (t: string, f: string, spec: string) => t === 'analytics' || (f.includes('analytics/bench/') && (t.startsWith('node:') || intoCompute(f, spec)));
    expect(violations('analytics', (t, _ty, f, spec) => !allowed(t, f, spec))).toEqual([]);
  });
  it('analytics/ draws randomness only from a seed and never reads the clock', () => {
    const offenders = files('analytics')
      .filter((f) => !f.includes('/bench/') && !f.endsWith('.test.ts'))
      .filter((f) => /Math\.random|Date\.now|new Date\(|performance\.now/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
  it('db/ imports only drizzle, libSQL and node built-ins', () => {
    const ok = (t: string) => t === 'db' || t.startsWith('drizzle-orm') || t.startsWith('@libsql') || t === 'libsql' || t.startsWith('node:');
    expect(violations('db', (t) => !ok(t))).toEqual([]);
  });
  it('web/ imports server code only as types', () => {
    expect(violations('web/src', (t, typeOnly) => (t === 'server' || t === 'db' || t === 'seeds') && !typeOnly)).toEqual([]);
  });
  it('route files never call drizzle directly (they may read the schema’s enum lists)', () => {
    const bad = (t: string, _: boolean, f: string) => t.startsWith('drizzle-orm') || (t === 'db' && !imports(f).every((i) => target(f, i.spec) !== 'db' || i.spec.endsWith('db/schema')));
    expect(violations('server/routes', bad)).toEqual([]);
  });
  it('has no import cycles among project files', () => {
    const all = ['analytics', 'db', 'server', 'seeds', 'web/src'].flatMap((d) => files(d, ['.ts'])).filter((f) => !f.endsWith('.test.ts'));
    const resolve = (from: string, spec: string) => {
      const base = relative(ROOT, join(ROOT, from, '..', spec));
      return [`${base}.ts`, join(base, 'index.ts'), base].find((c) => all.includes(c));
    };
    const graph = new Map(all.map((f) => [f, imports(f).filter((i) => i.spec.startsWith('.') && !i.typeOnly).map((i) => resolve(f, i.spec)).filter((x): x is string => Boolean(x))]));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') return void cycles.push([...path.slice(path.indexOf(f)), f].join(' → '));
      state.set(f, 'visiting');
      for (const next of graph.get(f) ?? []) visit(next, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of all) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
