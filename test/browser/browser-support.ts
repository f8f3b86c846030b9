/** Shared steps for the browser tests: one chromium per file, a fresh context (cookie jar) per user. */
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_LAUNCH } from '../helpers/browser-server.ts';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
}

/** Opens a new context, signs in through the sign-in screen and waits for the shell. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  options: { viewport?: { width: number; height: number }; isMobile?: boolean } = {},
): Promise<SignedInPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    ...(options.isMobile ? { isMobile: true, hasTouch: true } : {}),
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  reportSecurityPolicyViolations(page);
  await page.goto('/login');
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('current-user-name').waitFor();
  expect(pageErrors).toEqual([]);
  expect(securityPolicyViolations).toEqual([]);
  return { context, page };
}

/** What the browser refused under the app's Content-Security-Policy, in every page signed in so far. */
export const securityPolicyViolations: string[] = [];

function reportSecurityPolicyViolations(page: Page): void {
  page.on('console', (message) => {
    const text = message.text();
    if (!/Content Security Policy/i.test(text)) return;
    securityPolicyViolations.push(text);
    process.stderr.write(`CSP violation on ${page.url()}: ${text}\n`);
  });
}

/** Waits until the element's text is exactly `text` (after trimming). */
export async function expectText(locator: Locator, text: string): Promise<void> {
  await expect.poll(async () => ((await locator.textContent()) ?? '').trim(), { timeout: 10_000 }).toBe(text);
}

/** Waits until the element's text contains `text`. */
export async function expectTextContaining(locator: Locator, text: string): Promise<void> {
  await expect.poll(async () => (await locator.textContent()) ?? '', { timeout: 10_000 }).toContain(text);
}

/**
 * Waits until no dialog is opening or closing. On a busy machine a click on a dialog's button while
 * it still zooms in can land nowhere (seen in CI); a person cannot click that fast.
 */
export async function dialogsSettled(page: Page): Promise<void> {
  await expect
    .poll(async () => page.locator('.ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave').count(), { timeout: 10_000 })
    .toBe(0);
}

/** A JSON request with the page's session cookie and its CSRF token, for setting up data another user must not see. */
export async function apiAs<T>(page: Page, method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const me = await page.request.get('/api/auth/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const response = await page.request.fetch(path, { method, data: body, headers: { 'x-csrf-token': csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}
