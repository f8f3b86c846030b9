/**
 * The main path of 名单识别 in the browser, as the issue asks: the organiser writes the checklist;
 * the village clerk nominates three people ticking it; the home visit on a phone finds one NOT
 * eligible (findings per criterion, a photo); the other two are submitted and approved; the list is
 * published; someone objects from the public page; the objection is SUSTAINED and the name leaves the
 * list; when the notice period is over (the app's clock is moved on) the list is LOCKED as final.
 * On the way, what a clerk trying it for the first time hit: 名单识别 from the side menu, quotas taken
 * from the plan's 单位分配 after a confirmation, the household on the visit screen, a header that fits
 * a phone, the review step saying who acts on it, and an approval confirmed with the reviewer's opinion.
 * A second test covers the recommendation inbox, democratic review and barring a unit for next year.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../helpers/browser-server.ts';
import { makeIdNumber } from '../helpers/people.ts';
import {
  apiAs,
  dialogsSettled,
  expectText,
  expectTextContaining,
  launchBrowser,
  securityPolicyViolations,
  signIn,
} from './browser-support.ts';

const DAY_MS = 24 * 3600_000;
// a tiny JPEG: the server checks the signature, not the name
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const PHONE = { width: 390, height: 844 };

async function pickOption(page: Page, testId: string, text: string, search?: string): Promise<void> {
  await page.getByTestId(testId).click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

interface Campaign {
  id: number;
  categories: { id: number }[];
}

describe('identification main path in the browser', { timeout: 180_000 }, () => {
  let server: BrowserServer;
  let browser: Browser;
  let clock = new Date();

  beforeAll(async () => {
    server = await startBrowserServer({ now: () => clock });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function newCampaign(page: Page, name: string): Promise<Campaign> {
    const { campaign } = await apiAs<{ campaign: Campaign }>(page, 'POST', '/api/campaigns', {
      name,
      year: 2027,
      organiserUnitId: server.seed.units.districtId,
      categories: [{ name: '困难职工', layer: 'general', plannedCount: 5, cashFen: 50_000, giftFen: 0 }],
    });
    // one step: the district organiser approves (the seed has no town reviewer)
    await apiAs(page, 'PUT', `/api/campaigns/${campaign.id}/identification`, {
      firstDeadline: null,
      finalDeadline: null,
      firstDeadlineShare: null,
      noticeDays: 3,
      verificationRequired: true,
      reviewChain: [{ label: '区县审批', unit: { levelsUp: 2 }, roles: ['organiser'] }],
      categories: [],
    });
    await apiAs(page, 'PUT', `/api/campaigns/${campaign.id}/quotas`, {
      entries: [{ unitId: server.seed.units.villageAId, categoryId: campaign.categories[0]!.id, quota: 3 }],
    });
    return campaign;
  }

  async function nominationIds(page: Page, campaignId: number): Promise<Record<string, number>> {
    const response = await page.request.get(`/api/campaigns/${campaignId}/nominations`);
    const { nominations } = (await response.json()) as { nominations: { id: number; name: string }[] };
    return Object.fromEntries(nominations.map((row) => [row.name, row.id]));
  }

  it('nominates three, finds one not eligible on a phone, publishes, sustains an objection and locks the list', async () => {
    const organiser = await signIn(browser, server.baseUrl, server.seed.organiser, server.seed.password);
    const org = organiser.page;
    const campaign = await newCampaign(org, '困难职工春节慰问');

    // 名单识别 is in the side menu: it lists the campaigns, each opening its identification page
    await org.getByTestId('nav-identification').click();
    await org.getByTestId(`ident-campaign-${campaign.id}`).click();
    await expectTextContaining(org.getByTestId('ident-title'), '困难职工春节慰问');

    // the plan's 单位分配 becomes the quotas in one confirmed step: 乙村 gets 2, 甲村 keeps its 3
    const { campaign: planned } = await apiAs<{ campaign: { version: number } }>(
      org,
      'PUT',
      `/api/campaigns/${campaign.id}/unit-plans`,
      {
        version: (await (await org.request.get(`/api/campaigns/${campaign.id}`)).json()).campaign.version,
        plans: [
          { unitId: server.seed.units.villageAId, categoryId: campaign.categories[0]!.id, plannedCount: 3 },
          { unitId: server.seed.units.villageBId, categoryId: campaign.categories[0]!.id, plannedCount: 2 },
        ],
      },
    );
    expect(planned.version).toBeGreaterThan(0);
    await org.getByTestId('ident-tab-quotas').click();
    await expectTextContaining(org.getByTestId('quota-grand-total'), '3');
    await org.getByTestId('ident-quotas-from-plan').click();
    await expectTextContaining(org.getByTestId('ident-from-plan-changes'), '乙村');
    await expectTextContaining(org.getByTestId('ident-from-plan-count'), '1 项已与计划一致');
    await dialogsSettled(org);
    await org.getByTestId('ident-from-plan-ok').click();
    await expectTextContaining(org.getByTestId('quota-grand-total'), '名额合计：5 个');

    // the organiser writes the checklist of 篇三 in the settings
    await org.goto(`/campaigns/${campaign.id}/identification?tab=settings`);
    await org.getByTestId('ident-criterion-add-0').click();
    await org.getByTestId('ident-criterion-0-0').fill('家庭成员患重大疾病，医疗费用难以承担');
    await org.getByTestId('ident-criterion-add-0').click();
    await org.getByTestId('ident-criterion-0-1').fill('家庭无大额存款');
    await org.getByTestId('ident-criterion-required-0-1').check();
    await org.getByTestId('ident-settings-save').click();
    await expect
      .poll(async () => {
        const response = await org.request.get(`/api/campaigns/${campaign.id}/identification`);
        const { settings } = (await response.json()) as {
          settings: { categories: { criteria: { label: string; required: boolean }[] }[] };
        };
        return settings.categories[0]!.criteria.map((c) => `${c.label}:${c.required}`).join('|');
      })
      .toBe('家庭成员患重大疾病，医疗费用难以承担:false|家庭无大额存款:true');

    // the village clerk nominates three people, ticking the checklist
    const clerk = await signIn(browser, server.baseUrl, server.seed.clerkA, server.seed.password);
    const page = clerk.page;
    const names = ['孙建国', '周桂芳', '吴德明'];
    // 吴德明 is not in the registry yet: the clerk registers him from the nomination form
    for (const name of names.filter((name) => name !== '吴德明')) {
      await apiAs(page, 'POST', '/api/registry/people', {
        name,
        idNumber: makeIdNumber('320684', '19600708'),
        phone: '13900001111',
        address: `甲村二组${name === '周桂芳' ? 7 : 9}号`,
        householdSize: 2,
        unitId: server.seed.units.villageAId,
        categoryIds: [],
      });
    }
    await page.goto(`/campaigns/${campaign.id}/identification?tab=nominations`);
    for (const name of names) {
      await page.getByTestId('nominate-open').click();
      if (name === '吴德明') {
        await page.getByTestId('nominate-register').click();
        await page.getByTestId('person-name').fill(name);
        await page.getByTestId('person-id-number').fill(makeIdNumber('320684', '19580303', 'male'));
        await page.getByTestId('person-create-submit').click();
        await expectTextContaining(page.locator('[data-testid="nominate-person"]'), '吴德明');
      } else {
        await pickOption(page, 'nominate-person', name, name);
      }
      await pickOption(page, 'nominate-category', '困难职工');
      await page.getByTestId('checklist').getByText('家庭成员患重大疾病').click();
      if (name === '孙建国') {
        // the required criterion left out: the server names it
        await page.getByTestId('nominate-consent').check();
        await page.getByTestId('nominate-submit').click();
        await expectTextContaining(page.getByTestId('api-error-message'), '家庭无大额存款');
      } else {
        await page.getByTestId('nominate-consent').check();
      }
      await page.getByTestId('checklist').getByText('家庭无大额存款').click();
      await page.getByTestId('nominate-submit').click();
      await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
      await expectTextContaining(page.getByTestId('nominations-table'), name);
    }
    const ids = await nominationIds(page, campaign.id);
    expect(Object.keys(ids).sort()).toEqual([...names].sort());

    // a verifier is assigned to each; 吴德明's home visit is recorded on a phone: not eligible
    for (const name of names) {
      await page.getByTestId(`nomination-assign-${ids[name]}`).click();
      await page.getByTestId('assign-verifier').fill('村干部 张明');
      await dialogsSettled(page);
      await page.getByTestId('assign-submit').click();
      // the same dialog opens again for the next name: let it finish closing first
      await page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
      await expectTextContaining(page.getByTestId(`nomination-row-${ids[name]}`), '核实中');
    }
    const phone = await signIn(browser, server.baseUrl, server.seed.clerkA, server.seed.password, {
      viewport: PHONE,
      isMobile: true,
    });
    const mobile = phone.page;
    const pageErrors: string[] = [];
    mobile.on('pageerror', (error) => pageErrors.push(error.message));
    await mobile.goto(`/campaigns/${campaign.id}/identification?tab=nominations`);
    // the header fits the phone: nothing in it runs over the product name in the side bar
    const header = mobile.locator('.ant-layout-header');
    expect(await header.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    const productName = await mobile.locator('.ant-layout-sider').getByText('温暖', { exact: true }).boundingBox();
    const headerStart = await mobile.getByTestId('current-user').boundingBox();
    expect(headerStart!.x).toBeGreaterThanOrEqual(productName!.x + productName!.width);
    // on a phone the list is cards, not a table scrolled sideways
    await mobile.getByTestId('nominations-cards').waitFor();
    expect(await mobile.getByTestId('nominations-table').count()).toBe(0);
    await mobile.getByTestId(`nomination-verify-${ids['吴德明']}`).click();
    const drawer = mobile.locator('.ant-drawer-open');
    await expectTextContaining(drawer, '申报时的条件核对');
    // the visitor at the door sees the household, ID numbers masked
    await expectTextContaining(drawer.getByTestId('visit-members'), '吴德明（户主）');
    expect(await drawer.getByTestId('visit-household').textContent()).toMatch(/3206\*{10}\d{3}[\dX]/);
    const drawerBox = await drawer.locator('.ant-drawer-section').boundingBox();
    expect(Math.round(drawerBox!.width)).toBeLessThanOrEqual(PHONE.width);
    await mobile.getByTestId('verify-visitors').fill('村干部 张明、妇联 李华');
    const criteria = drawer.getByTestId('visit-form');
    await criteria
      .locator('.ant-form-item', { hasText: '家庭成员患重大疾病' })
      .getByText('符合', { exact: true })
      .click();
    await criteria
      .locator('.ant-form-item', { hasText: '家庭无大额存款' })
      .getByText('不符合', { exact: true })
      .click();
    await mobile.getByTestId('verify-note').fill('存折余额二十余万元');
    await mobile
      .getByTestId('verify-photos')
      .setInputFiles({ name: 'visit.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await expectTextContaining(mobile.getByTestId('verify-photo-list'), 'visit.jpg');
    // a confirmation the findings contradict is refused by the server
    await mobile.getByTestId('verify-submit').click();
    await expectTextContaining(mobile.getByTestId('api-error-message'), '不能认定为符合条件');
    await drawer.locator('.ant-radio-button-wrapper', { hasText: '不符合条件' }).click();
    await mobile.getByTestId('verify-reason').fill('家中有大额存款');
    await mobile.getByTestId('verify-submit').click();
    await drawer.waitFor({ state: 'hidden' });
    await expectTextContaining(mobile.getByTestId(`nomination-row-${ids['吴德明']}`), '核实不符');
    // the visit, with its findings and photo, is kept with the name
    await mobile.getByTestId(`nomination-open-${ids['吴德明']}`).click();
    await expectTextContaining(drawer, '存折余额二十余万元');
    await expectTextContaining(drawer, '妇联 李华');
    const photo = drawer.locator('[data-testid^="visit-photo-"]').first();
    await photo.waitFor();
    const served = await mobile.request.get((await photo.getAttribute('src'))!);
    expect([served.status(), served.headers()['content-type']]).toEqual([200, 'image/jpeg']);
    // another photo added to the recorded visit later; a file that is no image is refused
    const addPhotos = drawer.locator('input[data-testid^="visit-add-photos-"]');
    await addPhotos.setInputFiles({ name: 'door.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await expect.poll(() => drawer.locator('[data-testid^="visit-photo-"]').count()).toBe(2);
    await addPhotos.setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html></html>') });
    await expectTextContaining(mobile.getByTestId('api-error-message'), '只能上传JPG、PNG或WebP格式的照片');
    expect(pageErrors).toEqual([]);
    await phone.context.close();

    // the other two are confirmed (through the API) and submitted from the list
    for (const name of ['孙建国', '周桂芳']) {
      await apiAs(page, 'POST', `/api/campaigns/${campaign.id}/nominations/${ids[name]}/verification`, {
        visitedOn: '2026-12-20',
        visitors: '村干部 张明',
        findings: { note: '情况属实' },
        eligible: true,
      });
    }
    await page.getByTestId('nominations-refresh').click();
    for (const name of ['孙建国', '周桂芳']) {
      await expectTextContaining(page.getByTestId(`nomination-row-${ids[name]}`), '已核实');
      await page.getByTestId(`nomination-row-${ids[name]}`).locator('input[type="checkbox"]').check();
    }
    await page.getByTestId('nominations-submit').click();
    await expectTextContaining(page.getByTestId(`nomination-row-${ids['周桂芳']}`), '审核中');
    // the clerk cannot act on the review step, and is told who can
    await page.getByTestId('ident-tab-review').click();
    await expectText(page.getByTestId('review-held-by'), '此步骤由区县审批人（组织者角色，测试区）办理');
    await page.getByTestId('ident-tab-nominations').click();

    // the organiser approves both, with an opinion, after a confirmation, and publishes
    await org.goto(`/campaigns/${campaign.id}/identification?tab=review`);
    for (const name of ['孙建国', '周桂芳'])
      await org.getByTestId(`review-row-${ids[name]}`).locator('input[type="checkbox"]').check();
    await org.getByTestId('review-approve').click();
    await expectTextContaining(org.getByTestId('review-confirm-summary'), '孙建国、周桂芳');
    await org.getByTestId('review-opinion').fill('经区民政局审核，符合困难职工条件');
    await dialogsSettled(org);
    await org.getByTestId('review-confirm-submit').click();
    await expectTextContaining(org.getByTestId('review-table'), '没有待审核的名单');
    await org.getByTestId('ident-tab-notices').click();
    await org.getByTestId('notice-publish').click();
    await org.locator('.ant-popconfirm .ant-btn-primary').click();
    const card = org.locator('[data-testid^="notice-card-"]').first();
    await card.waitFor();
    const noticeId = Number((await card.getAttribute('data-testid'))!.replace('notice-card-', ''));
    await expectText(org.getByTestId(`notice-status-${noticeId}`), '公示中');
    await expectTextContaining(org.getByTestId(`notice-names-${noticeId}`), '公示 2 人');
    // the list comes from the server: a fresh page (and another browser) sees it too
    expect(await org.evaluate(() => Object.keys(window.localStorage).filter((key) => key.includes('notices')))).toEqual(
      [],
    );
    await page.goto(`/campaigns/${campaign.id}/identification?tab=notices`);
    await expectTextContaining(page.getByTestId(`notice-card-${noticeId}`), '甲村');
    const href = (await org.getByTestId(`notice-link-${noticeId}`).getAttribute('href'))!;
    expect(href).toBe(`/public/notices/${noticeId}`);

    // anyone objects to 周桂芳 from the public page
    const visitor = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: PHONE });
    visitor.setDefaultTimeout(15_000);
    const publicPage = await visitor.newPage();
    await publicPage.goto(href);
    await expectTextContaining(publicPage.getByTestId('public-entries'), '周*芳');
    expect(await publicPage.getByTestId('public-entries').textContent()).not.toContain('吴');
    await pickOption(publicPage, 'public-about', '周*芳');
    await publicPage.getByTestId('public-text').fill('周桂芳的儿子在城里开厂，家庭并不困难');
    await publicPage.getByTestId('public-submit').click();
    const tracking = ((await publicPage.getByTestId('public-tracking').textContent()) ?? '').match(
      /查询码：([^，]+)，/,
    )?.[1];
    expect(tracking).toBeTruthy();

    // the organiser sustains it: 周桂芳 leaves the list
    await org.getByTestId('objections-refresh').click();
    await expectTextContaining(org.getByTestId(`notice-card-${noticeId}`), '1条异议待处理');
    await org.getByTestId('objections-table').locator('[data-testid^="objection-answer-"]').first().click();
    await org.getByTestId('answer-sustained-yes').check();
    await org.getByTestId('answer-visitors').fill('镇总工会 刘强');
    await org.getByTestId('answer-findings').fill('其子在城区经营服装厂');
    await org.getByTestId('answer-text').fill('经入户核查，其子经营企业，家庭不属于困难职工，取消资格');
    await org.getByTestId('answer-submit').click();
    await expectTextContaining(org.getByTestId('objections-table'), '属实');
    await expectTextContaining(org.getByTestId(`notice-names-${noticeId}`), '公示 1 人');
    await publicPage.reload();
    await expectTextContaining(publicPage.getByTestId('public-entries'), '孙*国');
    expect(await publicPage.getByTestId('public-entries').textContent()).not.toContain('周*芳');

    // locking before the period ends is refused; after it, the list becomes final
    await org.getByTestId(`notice-lock-${noticeId}`).click();
    await expectTextContaining(org.getByTestId('api-error-message'), '期满后才能锁定名单');
    clock = new Date(clock.getTime() + 4 * DAY_MS);
    await org.reload();
    await expectText(org.getByTestId(`notice-status-${noticeId}`), '公示期满，待锁定');
    await org.getByTestId(`notice-lock-${noticeId}`).click();
    await expectText(org.getByTestId(`notice-status-${noticeId}`), '已锁定');
    await org.getByTestId('ident-tab-nominations').click();
    await expectTextContaining(org.getByTestId(`nomination-row-${ids['孙建国']}`), '已定稿');
    await expectTextContaining(org.getByTestId(`nomination-row-${ids['周桂芳']}`), '异议成立已移除');
    await expectTextContaining(org.getByTestId(`nomination-row-${ids['吴德明']}`), '核实不符');
    // the progress counts each name once: 1 final of 3 places is 1/3, not 100%
    await org.getByTestId('ident-tab-progress').click();
    await expectTextContaining(org.getByTestId(`progress-bar-${server.seed.units.villageAId}`), '1/3');
    await expectText(org.getByTestId(`progress-removed-${server.seed.units.villageAId}`), '2');
    await org.getByTestId('ident-tab-nominations').click();
    // from now on the list changes only through a recorded correction
    await expect.poll(() => org.getByTestId(`nomination-withdraw-${ids['孙建国']}`).count()).toBe(0);
    await org.getByTestId(`nomination-correct-${ids['孙建国']}`).waitFor();
    // the visit that looked into the objection is kept with the name
    await org.getByTestId(`nomination-open-${ids['周桂芳']}`).click();
    await expectText(org.getByTestId('visit-address'), '甲村二组7号');
    await expectTextContaining(org.getByTestId('visit-phone'), '13900001111');
    await expectTextContaining(org.locator('.ant-drawer-open'), '经区民政局审核，符合困难职工条件');
    await expectTextContaining(org.locator('.ant-drawer-open'), '其子在城区经营服装厂');
    await expectTextContaining(org.locator('.ant-drawer-open'), '镇总工会 刘强');
    await org.locator('.ant-drawer-close').click();

    // the objector reads the answer by tracking code
    await publicPage.getByTestId('public-lookup-code').fill(tracking!);
    await publicPage.getByTestId('public-lookup-submit').click();
    await expectTextContaining(publicPage.getByTestId('public-lookup-result'), '取消资格');

    // a correction of the locked list, with its reason
    await org.getByTestId(`nomination-correct-${ids['孙建国']}`).click();
    await org.getByTestId('correct-reason').fill('本人已于1月10日去世，慰问金不再发放');
    await org.getByTestId('correct-submit').click();
    await expectTextContaining(org.getByTestId(`nomination-row-${ids['孙建国']}`), '定稿后更正移除');
    await visitor.close();
    await clerk.context.close();
    await organiser.context.close();
  });

  it('takes up a recommendation, records a democratic review and bars a unit for next year', async () => {
    const organiser = await signIn(browser, server.baseUrl, server.seed.organiser, server.seed.password);
    const org = organiser.page;
    const campaign = await newCampaign(org, '义工队春节助困');
    const clerk = await signIn(browser, server.baseUrl, server.seed.clerkA, server.seed.password);
    const page = clerk.page;
    await apiAs(page, 'POST', '/api/registry/people', {
      name: '郑秀兰',
      idNumber: makeIdNumber('320684', '19480211'),
      unitId: server.seed.units.villageAId,
      categoryIds: [],
    });
    // a neighbour recommends the family on the public page (篇八), linked from the inbox
    await page.goto(`/campaigns/${campaign.id}/identification?tab=recommendations`);
    const publicHref = (await page.getByTestId('recommend-public-link').getAttribute('href'))!;
    const anonymous = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: PHONE });
    anonymous.setDefaultTimeout(15_000);
    const neighbour = await anonymous.newPage();
    await neighbour.goto(publicHref);
    await expectTextContaining(neighbour.getByTestId('recommend-title'), '义工队春节助困');
    await pickOption(neighbour, 'recommend-unit', '甲村');
    await neighbour.getByTestId('recommend-family').fill('郑秀兰家');
    await neighbour.getByTestId('recommend-address').fill('甲村二组');
    await neighbour.getByTestId('recommend-situation').fill('独居老人，老伴去年病故，冬天没有棉被');
    await neighbour.getByTestId('recommend-name').fill('陈义工');
    await neighbour.getByTestId('recommend-contact').fill('13900000002');
    await neighbour.getByTestId('recommend-submit').click();
    const trackingCode = ((await neighbour.getByTestId('recommend-tracking').textContent()) ?? '').match(
      /查询码：([^，]+)，/,
    )?.[1];
    expect(trackingCode).toBeTruthy();

    // the clerk takes it up as a nomination from the inbox
    await page.getByTestId('recommendations-refresh').click();
    const row = page.locator('[data-testid^="recommendation-row-"]').first();
    await expectTextContaining(row, '陈义工');
    await row.locator('[data-testid^="recommendation-accept-"]').click();
    await pickOption(page, 'nominate-person', '郑秀兰', '郑秀兰');
    await pickOption(page, 'nominate-category', '困难职工');
    await page.getByTestId('nominate-consent').check();
    await page.getByTestId('recommendation-submit').click();
    await expectTextContaining(row, '已采纳');
    await neighbour.getByTestId('recommend-lookup-code').fill(trackingCode!);
    await neighbour.getByTestId('recommend-lookup-submit').click();
    await expectTextContaining(neighbour.getByTestId('recommend-lookup-result'), '由推荐人陈义工带队慰问');
    await anonymous.close();
    await page.getByTestId('ident-tab-nominations').click();
    const id = (await nominationIds(page, campaign.id))['郑秀兰']!;
    await page.getByTestId(`nomination-open-${id}`).click();
    await expectTextContaining(page.locator('.ant-drawer-open'), '陈义工');
    await page.locator('.ant-drawer-close').click();

    // the democratic review meeting, with its decision on the name
    await page.getByTestId('ident-tab-democratic').click();
    await page.getByTestId('democratic-open').click();
    await page.getByTestId('democratic-participants').fill('村两委成员5人、居民代表7人');
    await expectTextContaining(page.getByTestId('democratic-names'), '郑秀兰');
    await page.getByTestId(`democratic-note-${id}`).fill('一致同意');
    await page.getByTestId('democratic-submit').click();
    await expectTextContaining(page.getByTestId('democratic-table'), '村两委成员5人、居民代表7人');
    await expectTextContaining(page.getByTestId('democratic-table'), '同意1人');

    // a second meeting votes the name down (篇二): it is tagged, and cannot be picked for review
    await dialogsSettled(page);
    await page.getByTestId('democratic-open').click();
    await page.getByTestId('democratic-participants').fill('居民代表大会');
    await page.getByTestId(`democratic-decision-${id}`).getByText('不同意').click();
    await page.getByTestId('democratic-submit').click();
    await expectTextContaining(page.getByTestId('democratic-table'), '居民代表大会');
    await page.getByTestId('ident-tab-nominations').click();
    await expectText(page.getByTestId(`nomination-voted-down-${id}`), '评议未通过');
    await expect
      .poll(() => page.getByTestId(`nomination-row-${id}`).locator('input[type="checkbox"]').isDisabled())
      .toBe(true);

    // the organiser finds the village's report false and bars it from next year's campaign (篇四)
    await org.goto(`/campaigns/${campaign.id}/identification?tab=progress`);
    // the totals stand above the table, whatever scrolls sideways
    await expectTextContaining(org.getByTestId('progress-totals'), '名额');
    await org.getByTestId(`false-report-${server.seed.units.villageAId}`).click();
    await org.getByTestId('false-report-reason').fill('虚报困难职工2人');
    await dialogsSettled(org);
    await org.getByTestId('false-report-submit').click();
    await expectTextContaining(org.locator('.ant-message'), '已取消甲村下一年度慰问资格');
    const blacklist = await org.request.get('/api/registry/blacklist');
    expect(await blacklist.text()).toContain('取消2028年度慰问资格');
    await clerk.context.close();
    await organiser.context.close();
  });

  it('had nothing refused by the Content-Security-Policy', () => {
    expect(securityPolicyViolations).toEqual([]);
  });
});
