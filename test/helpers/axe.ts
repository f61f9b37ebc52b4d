/** Runs axe-core in the page and returns the serious and critical violations (id, impact, targets). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** Evaluated through the DevTools protocol, so the app's Content Security Policy does not block it. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // @ts-expect-error injected global
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; impact: string; nodes: { target: string[] }[] }) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical').map((v: { id: string; impact: string; targets: string[] }) => `${v.impact} ${v.id}: ${v.targets.join(' | ')}`);
}
