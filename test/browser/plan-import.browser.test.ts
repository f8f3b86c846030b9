/**
 * 篇五 pasted into the import screen: every line redone in fen, the "220xx" typo marked red on its
 * line, the 2,813,500.00 total, and a draft campaign with the same budget.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../helpers/browser-server.ts';
import { expectText, launchBrowser, signIn } from './browser-support.ts';

/** 篇五's budget section: lines 77–96 of seeds/spring-festival-plans.txt, as a clerk copies it out of Word. */
const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/pian-wu-budget.txt');

function pianWuBudgetLines(): string {
  return fs.readFileSync(FIXTURE, 'utf8').trimEnd();
}

describe('plan import in the browser', { timeout: 90_000 }, () => {
  let server: BrowserServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startBrowserServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('checks 篇五, highlights the 220xx line and creates the draft', async () => {
    const text = pianWuBudgetLines();
    const typoLine = text.split('\n').findIndex((line) => line.includes('220xx')) + 1;
    expect(typoLine).toBeGreaterThan(0);

    const { page, context } = await signIn(browser, server.baseUrl, server.seed.organiser, server.seed.password);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('plan-text').fill(text);
    await page.getByTestId('plan-check').click();

    await expectText(page.getByTestId('lint-total'), '2,813,500.00');
    const typoRow = page.getByTestId(`lint-row-${typoLine}`);
    expect(await typoRow.getAttribute('data-problem')).toBe('true');
    expect(await typoRow.getAttribute('class')).toContain('wn-problem-row');
    expect(await page.locator('[data-problem="true"]').count()).toBe(1);
    await page.getByTestId(`lint-problem-${typoLine}`).waitFor();
    await expectText(page.getByTestId(`lint-row-${typoLine}`).locator('td').last(), '22,000.00');

    await page.getByTestId('plan-create').click();
    await page.waitForURL(/\/campaigns\/\d+/);
    await expectText(page.getByTestId('editor-total'), '2,813,500.00');
    await expect.poll(() => page.locator('[data-testid^="category-row-"]').count()).toBe(14);
    await page.getByTestId('tab-budget').click();
    await expectText(page.getByTestId('budget-grand-total'), '2,813,500.00');
    await expectText(page.getByTestId('budget-subtotal-general'), '2,776,000.00');
    await expectText(page.getByTestId('budget-subtotal-leaderVisit'), '37,500.00');
    await context.close();
  });
});
