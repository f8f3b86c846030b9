/**
 * The organiser writes a campaign in the browser: two categories, the budget recalculated live from the
 * unsaved form with the shared budget module, field errors for impossible amounts and counts, save,
 * reload, and everything still there.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../helpers/browser-server.ts';
import { expectText, launchBrowser, securityPolicyViolations, signIn } from './browser-support.ts';

describe('campaign editor in the browser', { timeout: 90_000 }, () => {
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

  it('creates a campaign, sees the budget follow the standards live, saves and finds it after a reload', async () => {
    const { page, context } = await signIn(browser, server.baseUrl, server.seed.organiser, server.seed.password);

    await page.getByTestId('campaign-create').click();
    await page.getByTestId('campaign-create-name').fill('2026年春节送温暖（浏览器测试）');
    await page.getByTestId('campaign-create-submit').click();
    await page.waitForURL(/\/campaigns\/\d+\?tab=categories$/);
    const campaignPath = new URL(page.url()).pathname;

    await page.getByTestId('category-add').click();
    await page.getByTestId('category-add').click();
    await expect.poll(() => page.locator('[data-testid^="category-row-"]').count()).toBe(2);

    await page.getByTestId('category-0-name').fill('困难职工');
    await page.getByTestId('category-0-count').fill('10');
    await page.getByTestId('category-0-cash').fill('500');
    await expectText(page.getByTestId('editor-total'), '5,000.00');

    await page.getByTestId('category-1-name').fill('百岁老人');
    await page.getByTestId('category-1-count').fill('2');
    await page.getByTestId('category-1-cash').fill('300');
    await page.getByTestId('category-1-gift').fill('200');
    await expectText(page.getByTestId('category-1-per-person'), '500.00');
    await expectText(page.getByTestId('category-1-total'), '1,000.00');
    await expectText(page.getByTestId('editor-total'), '6,000.00');

    // impossible inputs are refused next to the field, before anything is sent
    await page.getByTestId('category-0-cash').fill('500.125');
    await page.getByText('金额最多两位小数').waitFor();
    await page.getByTestId('category-1-count').fill('-2');
    await page.getByText('人数不能为负数').waitFor();
    await page.getByTestId('campaign-save').click();
    await page.getByText('有填写错误，请按红色提示修改后再保存').waitFor();
    await page.getByTestId('category-0-cash').fill('500');
    await page.getByTestId('category-1-count').fill('2');

    // the budget tab recomputes from the unsaved form
    await page.getByTestId('tab-budget').click();
    await expectText(page.getByTestId('budget-grand-total'), '6,000.00');
    await page.getByTestId('tab-categories').click();
    await page.getByTestId('category-0-count').fill('12');
    await page.getByTestId('tab-budget').click();
    await expectText(page.getByTestId('budget-grand-total'), '7,000.00');
    await page.getByTestId('tab-categories').click();
    await page.getByTestId('category-0-count').fill('10');
    await page.getByTestId('tab-budget').click();
    await expectText(page.getByTestId('budget-grand-total'), '6,000.00');

    await page.getByTestId('campaign-save').click();
    await page.getByText('活动已保存').waitFor();

    await page.goto(`${campaignPath}?tab=budget`);
    await expectText(page.getByTestId('budget-grand-total'), '6,000.00');
    await page.getByTestId('tab-categories').click();
    await expect.poll(() => page.locator('[data-testid^="category-row-"]').count()).toBe(2);
    expect(await page.getByTestId('category-0-name').inputValue()).toBe('困难职工');
    expect(await page.getByTestId('category-1-gift').inputValue()).toBe('200');
    expect(await page.getByTestId('campaign-download').getAttribute('href')).toMatch(
      /^\/api\/campaigns\/\d+\/plan\.docx$/,
    );

    await page.goto('/campaigns');
    await expectText(page.getByTestId('campaign-table').locator('tbody tr').first().locator('td').nth(5), '6,000.00');
    await context.close();
  });

  it('had nothing refused by the Content-Security-Policy', () => {
    expect(securityPolicyViolations).toEqual([]);
  });
});
