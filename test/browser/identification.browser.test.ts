/**
 * 名单识别 in the browser: the organiser sets a quota, the village clerk nominates from the registry
 * (and is told plainly when the quota is used up), records the home visit and submits; the organiser
 * approves and publishes; anyone opens the public notice without signing in, objects and looks up
 * the answer by tracking code.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../helpers/browser-server.ts';
import { makeIdNumber } from '../helpers/people.ts';
import { apiAs, dialogsSettled, expectText, expectTextContaining, launchBrowser, signIn } from './browser-support.ts';

async function pickOption(page: Page, testId: string, text: string, search?: string): Promise<void> {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

describe('identification in the browser', { timeout: 120_000 }, () => {
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

  it('takes a name from nomination to a public notice with an objection', async () => {
    const { districtId, villageAId } = server.seed.units;
    const organiser = await signIn(browser, server.baseUrl, server.seed.organiser, server.seed.password);
    const { campaign } = await apiAs<{ campaign: { id: number; categories: { id: number }[] } }>(
      organiser.page,
      'POST',
      '/api/campaigns',
      {
        name: '春节送温暖',
        year: 2027,
        organiserUnitId: districtId,
        categories: [{ name: '困难家庭', layer: 'general', plannedCount: 5, cashFen: 60_000, giftFen: 0 }],
      },
    );
    const categoryId = campaign.categories[0]!.id;
    // the seed has no reviewer at the town, so the district organiser approves in one step
    await apiAs(organiser.page, 'PUT', `/api/campaigns/${campaign.id}/identification`, {
      firstDeadline: null,
      finalDeadline: null,
      firstDeadlineShare: null,
      noticeDays: 3,
      verificationRequired: true,
      reviewChain: [{ label: '区县审批', unit: { levelsUp: 2 }, roles: ['organiser'] }],
      categories: [],
    });

    // the organiser opens 名单识别 from the campaign and gives village A one place
    await organiser.page.goto(`/campaigns/${campaign.id}`);
    await organiser.page.getByTestId('campaign-identification').click();
    await expectTextContaining(organiser.page.getByTestId('ident-title'), '春节送温暖');
    await organiser.page.getByTestId('ident-tab-settings').click();
    await organiser.page.getByTestId('ident-settings-form').waitFor();
    await organiser.page.getByTestId('ident-notice-days').fill('5');
    await organiser.page.getByTestId('ident-min-age-0').fill('18');
    // the chain set through the API shows as custom steps; the organiser renames its one step,
    // tries a second step without a name (refused, nothing saved) and removes it again
    await organiser.page.getByTestId('ident-chain-editor').waitFor();
    await organiser.page.getByTestId('ident-chain-step-label-0').fill('区民政局审批');
    await organiser.page.getByTestId('ident-chain-step-add').click();
    await organiser.page.getByTestId('ident-settings-save').click();
    await expectText(
      organiser.page.locator('[data-testid="ident-chain-step-1"] .ant-form-item-explain-error'),
      '请填写步骤名称',
    );
    await organiser.page.getByTestId('ident-chain-step-remove-1').click();
    await organiser.page.getByTestId('ident-settings-save').click();
    await expect
      .poll(async () => {
        const response = await organiser.page.request.get(`/api/campaigns/${campaign.id}/identification`);
        const { settings } = (await response.json()) as {
          settings: { noticeDays: number; reviewChain: { label: string }[]; categories: { minAge: number | null }[] };
        };
        const chain = settings.reviewChain.map((step) => step.label).join();
        return `${settings.noticeDays} ${chain} ${settings.categories[0]?.minAge}`;
      })
      .toBe('5 区民政局审批 18');
    await organiser.page.getByTestId('ident-tab-quotas').click();
    const cellId = `quota-${villageAId}-${categoryId}`;
    const cell = organiser.page.locator(`input[data-testid="${cellId}"], [data-testid="${cellId}"] input`);
    await cell.fill('1');
    await organiser.page.getByTestId('ident-quotas-save').click();
    await expectText(organiser.page.getByTestId(`quota-total-${categoryId}`), '1');
    await expect
      .poll(async () => {
        const { quotas } = (await (
          await organiser.page.request.get(`/api/campaigns/${campaign.id}/quotas`)
        ).json()) as {
          quotas: { unitId: number; quota: number }[];
        };
        return quotas.find((row) => row.unitId === villageAId)?.quota;
      })
      .toBe(1);

    // the village clerk nominates 王秀英 from the registry
    const clerk = await signIn(browser, server.baseUrl, server.seed.clerkA, server.seed.password);
    for (const name of ['王秀英', '李桂兰']) {
      await apiAs(clerk.page, 'POST', '/api/registry/people', {
        name,
        idNumber: makeIdNumber('320684', '19560312'),
        unitId: villageAId,
        categoryIds: [],
      });
    }
    const page = clerk.page;
    await page.goto(`/campaigns/${campaign.id}/identification?tab=nominations`);
    const nominateOne = async (name: string) => {
      await page.getByTestId('nominate-open').click();
      await pickOption(page, 'nominate-person', name, name);
      await pickOption(page, 'nominate-category', '困难家庭');
      await page.getByTestId('nominate-submit').click();
      // consent is required before anything is sent
      await expectTextContaining(page.locator('.ant-modal'), '须确认本人知情并自愿申报');
      await page.getByTestId('nominate-consent').check();
      await page.getByTestId('nominate-submit').click();
    };
    await nominateOne('王秀英');
    await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
    await expectTextContaining(page.getByTestId('nominations-table'), '王秀英');
    await expectTextContaining(page.getByTestId('nominations-table'), '已提名');

    // a second name is over the quota: the server's words are shown
    await nominateOne('李桂兰');
    await expectText(page.getByTestId('api-error-message'), '甲村‘困难家庭’名额1个，已报1个');
    await page.locator('.ant-modal:visible .ant-modal-close').click();

    // home visit, then submit
    const { nominations } = (await (await page.request.get(`/api/campaigns/${campaign.id}/nominations`)).json()) as {
      nominations: { id: number }[];
    };
    const nominationId = nominations[0]!.id;
    await page.getByTestId(`nomination-assign-${nominationId}`).click();
    await page.getByTestId('assign-verifier').fill('村干部 张明');
    await page.getByTestId('assign-submit').click();
    await expectTextContaining(page.getByTestId(`nomination-row-${nominationId}`), '核实中');
    await page.getByTestId(`nomination-verify-${nominationId}`).click();
    await page.getByTestId('verify-visitors').fill('村干部 张明');
    await page.getByTestId('verify-submit').click();
    await expectTextContaining(page.getByTestId(`nomination-row-${nominationId}`), '已核实');
    await page.getByTestId(`nomination-row-${nominationId}`).locator('input[type="checkbox"]').check();
    await page.getByTestId('nominations-submit').click();
    await expectTextContaining(page.getByTestId(`nomination-row-${nominationId}`), '审核中');

    // the organiser approves and publishes
    const org = organiser.page;
    await org.goto(`/campaigns/${campaign.id}/identification?tab=review`);
    await org.getByTestId(`review-row-${nominationId}`).locator('input[type="checkbox"]').check();
    await org.getByTestId('review-approve').click();
    // every decision is confirmed; the opinion is optional when approving
    await dialogsSettled(org);
    await org.getByTestId('review-confirm-submit').click();
    await expectTextContaining(org.getByTestId('review-table'), '没有待审核的名单');
    await org.getByTestId('ident-tab-progress').click();
    await expectTextContaining(org.getByTestId('progress-table'), '甲村');
    await org.getByTestId('ident-tab-notices').click();
    await org.getByTestId('notice-publish').click();
    await org.locator('.ant-popconfirm .ant-btn-primary').click();
    const link = org.locator('[data-testid^="notice-link-"]').first();
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/public\/notices\/\d+$/);

    // anyone, not signed in, opens the notice and objects
    const visitor = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
    visitor.setDefaultTimeout(15_000);
    const publicPage = await visitor.newPage();
    const pageErrors: string[] = [];
    publicPage.on('pageerror', (error) => pageErrors.push(error.message));
    await publicPage.goto(href);
    await expectTextContaining(publicPage.getByTestId('public-title'), '公示');
    await expectTextContaining(publicPage.getByTestId('public-unit'), '甲村');
    await expectTextContaining(publicPage.getByTestId('public-entries'), '困难家庭');
    expect(await publicPage.getByTestId('public-entries').textContent()).not.toContain('王秀英');
    expect(publicPage.url()).toContain(href);
    await pickOption(publicPage, 'public-about', '反映遗漏的困难家庭');
    await publicPage.getByTestId('public-text').fill('村东头刘大爷独居，生活困难，未列入名单');
    await publicPage.getByTestId('public-submit').click();
    await expectTextContaining(publicPage.getByTestId('public-tracking'), '查询码');
    const tracking = ((await publicPage.getByTestId('public-tracking').textContent()) ?? '').match(
      /查询码：([^，]+)，/,
    )?.[1];
    expect(tracking).toBeTruthy();
    await publicPage.getByTestId('public-lookup-code').fill(tracking!);
    await publicPage.getByTestId('public-lookup-submit').click();
    await expectTextContaining(publicPage.getByTestId('public-lookup-result'), '尚未答复');
    expect(pageErrors).toEqual([]);

    // the organiser answers it
    await org.getByTestId('objections-refresh').click();
    const answer = org.locator('[data-testid^="objection-answer-"]').first();
    await answer.click();
    await org.getByTestId('answer-sustained-no').check();
    await org.getByTestId('answer-text').fill('经核实，刘大爷已纳入特困供养，另行慰问');
    await org.getByTestId('answer-submit').click();
    await expectTextContaining(org.getByTestId('objections-table'), '另行慰问');
    await expectTextContaining(org.getByTestId('objections-table'), '不属实');

    await publicPage.getByTestId('public-lookup-submit').click();
    await expectTextContaining(publicPage.getByTestId('public-lookup-result'), '另行慰问');
    await visitor.close();
    await clerk.context.close();
    await organiser.context.close();
  });
});
