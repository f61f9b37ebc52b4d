/**
 * The real server on a fresh database plus headless Chromium, started once for a browser test file
 * and stopped after it. Register it first: later afterAll hooks (closing contexts) run before its own.
 *
 * @example
 * const env = useServerAndBrowser();
 * it('…', async () => { const page = await env.browser.newPage(); await page.goto(env.server.url); });
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

export function useServerAndBrowser() {
  const env = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}
