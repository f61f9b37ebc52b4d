/**
 * Every literal message key the web app uses exists in the English dictionary (the other
 * languages are held to English's keys by their type), and every dictionary has the same keys
 * with the same {placeholders}. Keys built at run time (`status.${s}`) are checked by prefix.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { da } from './da';
import { en } from './en';
import { nb } from './nb';
import { sv } from './sv';

const SRC = join(import.meta.dirname, '..', '..');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.(svelte|ts)$/.test(f) && !f.endsWith('.test.ts') ? [join(dir, f)] : []));
const keys = new Set(Object.keys(en));

describe('message keys', () => {
  it('every key used in the web app is in the English dictionary', () => {
    const missing: string[] = [];
    for (const file of files(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z][\w]*\.[\w.]+)'/g)) if (!keys.has(m[1])) missing.push(`${file.slice(SRC.length)}: ${m[1]}`);
      for (const m of text.matchAll(/\bt\(\s*`([a-z][\w]*\.[\w.]*)\$\{/g)) if (![...keys].some((k) => k.startsWith(m[1]))) missing.push(`${file.slice(SRC.length)}: ${m[1]}…`);
    }
    expect(missing).toEqual([]);
  });

  it('every language has the same keys and placeholders as English', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    for (const [lang, dict] of Object.entries({ nb, sv, da })) {
      expect(Object.keys(dict).sort(), lang).toEqual([...keys].sort());
      const wrong = [...keys].filter((k) => placeholders(dict[k as keyof typeof en]) !== placeholders(en[k as keyof typeof en]));
      expect(wrong, `${lang}: placeholders differ`).toEqual([]);
    }
  });
});
