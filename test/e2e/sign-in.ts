/** Signs a demo account in through the sign-in page in a fresh browser context (for the e2e tests). */
import type { Browser, BrowserContext } from 'playwright-core';

export const DEMO_PASSWORD = 'citypeers-demo';

export async function signedIn(browser: Browser, baseUrl: string, email: string, next = '/account'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('header .user').waitFor();
  await page.close();
  return context;
}
