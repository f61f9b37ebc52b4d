import { describe, expect, it } from 'vitest';
import { VersionedCache } from './versioned-cache';

const loads = () => {
  const calls: string[] = [];
  return { calls, load: (v: string) => () => (calls.push(v), Promise.resolve(v)) };
};

describe('VersionedCache', () => {
  it('reloads only when the version changes; concurrent lookups share one load', async () => {
    const c = new VersionedCache<string>({ maxEntries: 10 });
    const { calls, load } = loads();
    const [x, y] = await Promise.all([c.get('k', '1', load('a')), c.get('k', '1', load('b'))]);
    expect([x, y]).toEqual(['a', 'a']);
    expect(await c.get('k', '2', load('c'))).toBe('c');
    expect(calls).toEqual(['a', 'c']);
  });

  it('forgets failed loads', async () => {
    const c = new VersionedCache<string>({ maxEntries: 10 });
    await expect(c.get('k', '1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await Promise.resolve();
    expect(await c.get('k', '1', () => Promise.resolve('ok'))).toBe('ok');
  });

  it('evicts the least recently used beyond the entry and byte limits', async () => {
    const c = new VersionedCache<string>({ maxEntries: 2, maxBytes: 10, sizeOf: (v) => v.length });
    const { calls, load } = loads();
    await c.get('a', '1', load('aaaa'));
    await c.get('b', '1', load('bbbb'));
    await c.get('a', '1', load('x')); // a is now the most recent
    await c.get('c', '1', load('cc')); // over 2 entries: b goes
    expect(c.latest('b')).toBeUndefined();
    await c.get('d', '1', load('ddddddddd')); // a goes (3 entries), then c (11 bytes)
    expect([c.latest('a'), c.latest('c')]).toEqual([undefined, undefined]);
    expect(c.latest('d')).toBeDefined();
    expect(calls).toEqual(['aaaa', 'bbbb', 'cc', 'ddddddddd']);
  });
});
