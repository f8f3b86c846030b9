/**
 * A village clerk sees only their village: the unit tree holds village A alone, and a pasted link to
 * village B's unit or campaign answers "不存在或无权访问", exactly like a record that does not exist;
 * a possible duplicate in village B is shown without a name, with whom to ask.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../helpers/browser-server.ts';
import { makeIdNumber } from '../helpers/people.ts';
import { apiAs, expectTextContaining, launchBrowser, signIn } from './browser-support.ts';

describe('unit scoping in the browser', { timeout: 90_000 }, () => {
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

  it('shows a clerk of village A only A, and refuses B’s unit and campaign', async () => {
    const { villageAId, villageBId, townId } = server.seed.units;
    const organiser = await signIn(browser, server.baseUrl, server.seed.organiser, server.seed.password);
    const created = await apiAs<{ campaign: { id: number } }>(organiser.page, 'POST', '/api/campaigns', {
      name: '乙村春节慰问',
      year: 2026,
      organiserUnitId: villageBId,
    });
    await organiser.context.close();

    const { page, context } = await signIn(browser, server.baseUrl, server.seed.clerkA, server.seed.password);
    await page.getByTestId('nav-units').click();
    await page.getByTestId(`unit-node-${villageAId}`).waitFor();
    expect(await page.locator('[data-testid^="unit-node-"]').count()).toBe(1);
    expect(await page.getByTestId(`unit-node-${villageBId}`).count()).toBe(0);
    expect(await page.getByTestId(`unit-node-${townId}`).count()).toBe(0);
    await expectTextContaining(page.getByTestId('unit-details-name'), '甲村');
    // a clerk may look but not change the tree
    expect(await page.getByTestId('unit-add-child').count()).toBe(0);
    expect(await page.getByTestId('unit-add-region').count()).toBe(0);

    await page.goto(`/units/${villageBId}`);
    await expectTextContaining(page.getByTestId('unit-error'), '不存在或无权访问');

    await page.goto(`/campaigns/${created.campaign.id}`);
    await expectTextContaining(page.getByTestId('page-error'), '不存在或无权访问');

    await page.goto('/campaigns');
    await page.getByTestId('campaigns-empty').or(page.getByTestId('campaign-table')).first().waitFor();
    expect(await page.getByText('乙村春节慰问').count()).toBe(0);

    // the menu offers nothing the role cannot do
    expect(await page.getByTestId('nav-accounts').count()).toBe(0);
    expect(await page.getByTestId('nav-import').count()).toBe(0);
    await context.close();
  });

  it('shows a possible duplicate in another village without its name, and offers nothing to resolve', async () => {
    const { villageAId, villageBId } = server.seed.units;
    const contact = { phone: '13700004444', address: '和平路6号' };
    const clerkB = await signIn(browser, server.baseUrl, server.seed.clerkB, server.seed.password);
    await apiAs(clerkB.page, 'POST', '/api/registry/people', {
      name: '乙村隐名',
      idNumber: makeIdNumber('320684', '19500303', 'female'),
      unitId: villageBId,
      ...contact,
    });
    await clerkB.context.close();

    const { page, context } = await signIn(browser, server.baseUrl, server.seed.clerkA, server.seed.password);
    const mine = await apiAs<{ person: { id: number } }>(page, 'POST', '/api/registry/people', {
      name: '甲村可见',
      idNumber: makeIdNumber('320684', '19510404', 'male'),
      unitId: villageAId,
      ...contact,
    });
    await page.goto(`/registry/people/${mine.person.id}`);
    await expectTextContaining(page.getByTestId('person-duplicates'), '可能与本单位以外的人员重复，请联系上级单位核实');
    await page.goto('/registry/duplicates');
    await expectTextContaining(page.getByTestId('duplicate-table'), '甲村可见');
    await expectTextContaining(page.getByTestId('duplicate-outside-scope'), '请联系上级单位核实');
    expect(await page.getByText('乙村隐名').count()).toBe(0);
    expect(await page.locator('[data-testid^="duplicate-merge-"]').count()).toBe(0);
    await context.close();
  });
});
