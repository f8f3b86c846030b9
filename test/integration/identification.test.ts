import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/people.ts';

const CHAIN = [
  { label: '镇街审核', unit: { levelsUp: 1 }, roles: ['reviewer', 'organiser'] },
  { label: '区县审批', unit: { levelsUp: 2 }, roles: ['reviewer', 'organiser'] },
];

describe.each(DIALECTS)('identification on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let organiser: Client;
  let clerkA: Client;
  let townReviewer: Client;
  let districtReviewer: Client;
  let districtReviewer2: Client;
  let campaign: { id: number; categories: { id: number; name: string }[] };
  const people: Record<string, number> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    organiser = await signedInClient(app, await makeAccount(database.db, { role: 'organiser', unit: tree.district }));
    clerkA = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    townReviewer = await signedInClient(app, await makeAccount(database.db, { role: 'reviewer', unit: tree.town }));
    districtReviewer = await signedInClient(
      app,
      await makeAccount(database.db, { role: 'reviewer', unit: tree.district }),
    );
    districtReviewer2 = await signedInClient(
      app,
      await makeAccount(database.db, { role: 'reviewer', unit: tree.district }),
    );
    campaign = (
      await organiser.post('/api/campaigns', {
        name: '慈善会春节慰问',
        year: 2027,
        organiserUnitId: tree.district.id,
        categories: [
          { name: '困难家庭', layer: 'general', plannedCount: 9, cashFen: 60_000, giftFen: 0 },
          { name: '百岁老人', layer: 'general', plannedCount: 2, cashFen: 30_000, giftFen: 20_000 },
        ],
      })
    ).json().campaign;
    const [families, centenarians] = campaign.categories;
    await organiser.put(`/api/campaigns/${campaign.id}/identification`, {
      firstDeadline: '2099-12-24',
      finalDeadline: '2099-12-31',
      firstDeadlineShare: 70,
      noticeDays: 3,
      verificationRequired: true,
      reviewChain: CHAIN,
      categories: [
        { categoryId: centenarians!.id, registryCategoryId: null, minAge: 100, criteria: [] },
        {
          categoryId: families!.id,
          registryCategoryId: null,
          minAge: null,
          criteria: [
            { key: 'seriousIllness', label: '家庭成员患重大疾病', required: false },
            { key: 'accident', label: '年内因意外事故致困', required: false },
            { key: 'noLargeSavings', label: '家庭无大额存款', required: true },
          ],
        },
      ],
    });
    const quota = await organiser.put(`/api/campaigns/${campaign.id}/quotas`, {
      entries: [
        { unitId: tree.villageA.id, categoryId: families!.id, quota: 3 },
        { unitId: tree.villageA.id, categoryId: centenarians!.id, quota: 1 },
      ],
    });
    expect(quota.statusCode).toBe(200);
    for (const name of ['张一', '张二', '张三', '张四', '张五', '张六']) {
      const person = await clerkA.post('/api/registry/people', {
        name,
        idNumber: makeIdNumber('320684', '19600101'),
        unitId: tree.villageA.id,
        categoryIds: [],
      });
      people[name] = person.json().person.id;
    }
    const old = await clerkA.post('/api/registry/people', {
      name: '寿星',
      idNumber: makeIdNumber('320684', '19250101'),
      unitId: tree.villageA.id,
      categoryIds: [],
    });
    people['寿星'] = old.json().person.id;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const families = () => campaign.categories[0]!.id;
  const centenarians = () => campaign.categories[1]!.id;

  const TICKED = { seriousIllness: true, noLargeSavings: true };

  async function nominate(
    name: string,
    categoryId = families(),
    consent = true,
    checklist: Record<string, boolean> = TICKED,
  ) {
    return clerkA.post(`/api/campaigns/${campaign.id}/nominations`, {
      personId: people[name],
      categoryId,
      unitId: tree.villageA.id,
      consent,
      checklist,
    });
  }

  it('refuses a nomination whose checklist is not complete, naming what is missing', async () => {
    const zh = await signedInClient(
      app,
      {
        username: (await makeAccount(database.db, { role: 'clerk', unit: tree.villageA })).username,
        password: 'test-password-1',
      },
      'zh-CN',
    );
    const response = await zh.post(`/api/campaigns/${campaign.id}/nominations`, {
      personId: people['张一'],
      categoryId: families(),
      unitId: tree.villageA.id,
      consent: true,
      checklist: { seriousIllness: true },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'CHECKLIST_INCOMPLETE', details: [{ field: 'checklist' }] });
    expect(response.json().message).toContain('家庭无大额存款');
  });

  it('nominates up to the quota, with consent, and refuses a fourth, the same person twice, and no consent', async () => {
    for (const name of ['张一', '张二', '张三']) expect((await nominate(name)).statusCode).toBe(201);
    const over = await nominate('张四');
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'OVER_QUOTA' });
    const zh = await signedInClient(
      app,
      {
        username: (await makeAccount(database.db, { role: 'clerk', unit: tree.villageA })).username,
        password: 'test-password-1',
      },
      'zh-CN',
    );
    const overZh = await zh.post(`/api/campaigns/${campaign.id}/nominations`, {
      personId: people['张四'],
      categoryId: families(),
      unitId: tree.villageA.id,
      consent: true,
      checklist: TICKED,
    });
    expect(overZh.json().message).toBe('甲村‘困难家庭’名额3个，已报3个');
    expect((await nominate('张一')).json().code).toBe('ALREADY_NOMINATED');
    expect((await nominate('张五', centenarians(), false)).json().code).toBe('CONSENT_REQUIRED');
  });

  it('prints the application form for the household to sign', async () => {
    const list = (await clerkA.get(`/api/campaigns/${campaign.id}/nominations`)).json().nominations;
    const form = await clerkA.get(`/api/campaigns/${campaign.id}/nominations/${list[0].id}/application.xlsx`);
    expect(form.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(form.rawPayload as unknown as ArrayBuffer);
    const text: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    expect(text.join('|')).toContain('慈善会春节慰问申请表');
    expect(text.join('|')).toContain('☑ 家庭无大额存款');
    expect(text.join('|')).toContain('本人知情并自愿申请');
  });

  it('records a democratic review meeting with the decision on each name', async () => {
    const list = (await clerkA.get(`/api/campaigns/${campaign.id}/nominations`)).json().nominations;
    const recorded = await clerkA.post(`/api/campaigns/${campaign.id}/democratic-reviews`, {
      unitId: tree.villageA.id,
      heldOn: '2026-12-22',
      participants: '村两委、居民代表7人',
      decisions: list.map((n: { id: number }) => ({ nominationId: n.id, agreed: true })),
    });
    expect(recorded.statusCode).toBe(201);
    const reviews = (await clerkA.get(`/api/campaigns/${campaign.id}/democratic-reviews`)).json().reviews;
    expect(reviews[0]).toMatchObject({ unitName: '甲村', heldOn: '2026-12-22', participants: '村两委、居民代表7人' });
    const events = await database.db
      .selectFrom('nomination_event')
      .select('reason')
      .where('nomination_id', '=', list[0].id)
      .execute();
    expect(events.map((event) => event.reason)).toContain('民主评议（2026-12-22）：同意');
  });

  it('checks the computable rules: age for 百岁老人, the blacklist', async () => {
    const young = await nominate('张五', centenarians());
    expect(young.json()).toMatchObject({ code: 'BELOW_MIN_AGE' });
    expect((await nominate('寿星', centenarians())).statusCode).toBe(201);
    await organiser.post('/api/registry/blacklist', {
      subjectKind: 'person',
      personId: people['张六'],
      reason: '虚报收入',
      until: '2099-01-01',
    });
    await organiser.put(`/api/campaigns/${campaign.id}/quotas`, {
      entries: [{ unitId: tree.villageA.id, categoryId: families(), quota: 5 }],
    });
    expect((await nominate('张六')).json().code).toBe('BLACKLISTED_PERSON');
  });

  it('removes a name that fails the home visit, without refilling the quota', async () => {
    const list = (await clerkA.get(`/api/campaigns/${campaign.id}/nominations`)).json().nominations;
    const zhangSan = list.find((n: { name: string }) => n.name === '张三');
    await clerkA.post(`/api/campaigns/${campaign.id}/nominations/${zhangSan.id}/verifier`, {
      verifier: '义工队 王老师',
    });
    const failed = await clerkA.post(`/api/campaigns/${campaign.id}/nominations/${zhangSan.id}/verification`, {
      visitedOn: '2026-12-20',
      visitors: '义工队 王老师、李同学',
      findings: { noLargeSavings: false, note: '存折余额二十余万元' },
      eligible: false,
      reason: '家中有大额存款',
    });
    expect(failed.json().state).toEqual({ status: 'rejected-by-verification', reason: '家中有大额存款' });
    await organiser.put(`/api/campaigns/${campaign.id}/quotas`, {
      entries: [{ unitId: tree.villageA.id, categoryId: families(), quota: 3 }],
    });
    expect((await nominate('张四')).json().code).toBe('OVER_QUOTA');
  });

  it('goes up the tree: the town reviews, then the district approves; a district reviewer cannot skip the town', async () => {
    const list = (await clerkA.get(`/api/campaigns/${campaign.id}/nominations`)).json().nominations;
    const ids = list
      .filter((n: { name: string }) => ['张一', '张二'].includes(n.name))
      .map((n: { id: number }) => n.id);
    for (const id of ids) {
      await clerkA.post(`/api/campaigns/${campaign.id}/nominations/${id}/verifier`, { verifier: '村干部' });
      await clerkA.post(`/api/campaigns/${campaign.id}/nominations/${id}/verification`, {
        visitedOn: '2026-12-20',
        visitors: '村干部',
        eligible: true,
      });
    }
    expect((await clerkA.post(`/api/campaigns/${campaign.id}/nominations/submit`, { ids })).statusCode).toBe(200);
    const skip = await districtReviewer.post(`/api/campaigns/${campaign.id}/nominations/review`, {
      ids,
      action: 'approve',
    });
    expect(skip.statusCode).toBe(403);
    const town = await townReviewer.post(`/api/campaigns/${campaign.id}/nominations/review`, {
      ids,
      action: 'approve',
    });
    expect(town.json().states).toEqual([
      { status: 'in-review', stepIndex: 1 },
      { status: 'in-review', stepIndex: 1 },
    ]);
  });

  it('gives one approval, not two, when two reviewers approve the same batch at once', async () => {
    const list = (await districtReviewer.get(`/api/campaigns/${campaign.id}/nominations?status=in-review`)).json()
      .nominations;
    const ids = list.map((n: { id: number }) => n.id);
    expect(ids).toHaveLength(2);
    const [first, second] = await Promise.all([
      districtReviewer.post(`/api/campaigns/${campaign.id}/nominations/review`, { ids, action: 'approve' }),
      districtReviewer2.post(`/api/campaigns/${campaign.id}/nominations/review`, { ids, action: 'approve' }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const events = await database.db
      .selectFrom('nomination_event')
      .selectAll()
      .where('nomination_id', 'in', ids)
      .where('to_state', '=', 'approved')
      .execute();
    expect(events).toHaveLength(2);
    const approved = await database.db
      .selectFrom('nomination')
      .select(['state', 'amount_fen', 'snapshot_json'])
      .where('id', 'in', ids)
      .execute();
    expect(approved.every((row) => row.state === 'approved' && row.amount_fen === 60_000)).toBe(true);
    expect(JSON.parse(approved[0]!.snapshot_json!).person.name).toMatch(/张/);
  });

  it("shows the campaign on the person's registry page, with where the nomination stands and the amount approved", async () => {
    const page = (await clerkA.get(`/api/registry/people/${people['张一']}`)).json().person;
    expect(page.campaigns).toEqual([
      expect.objectContaining({
        campaignId: campaign.id,
        campaignName: '慈善会春节慰问',
        year: 2027,
        categoryName: '困难家庭',
        status: 'approved',
        amountFen: 60_000,
      }),
    ]);
    const pending = (await clerkA.get(`/api/registry/people/${people['张三']}`)).json().person;
    expect(pending.campaigns).toEqual([expect.objectContaining({ amountFen: null })]);
    const outsider = (await clerkA.get(`/api/registry/people/${people['张六']}`)).json().person;
    expect(outsider.campaigns).toEqual([]);
  });

  it('refuses to approve a name someone else just returned', async () => {
    const id = (await nominate('寿星', centenarians())).json().nomination?.id;
    expect(id).toBeUndefined();
    const list = (await clerkA.get(`/api/campaigns/${campaign.id}/nominations`)).json().nominations;
    const old = list.find((n: { name: string }) => n.name === '寿星');
    await clerkA.post(`/api/campaigns/${campaign.id}/nominations/${old.id}/verifier`, { verifier: '村干部' });
    await clerkA.post(`/api/campaigns/${campaign.id}/nominations/${old.id}/verification`, {
      visitedOn: '2026-12-21',
      visitors: '村干部',
      eligible: true,
    });
    await clerkA.post(`/api/campaigns/${campaign.id}/nominations/submit`, { ids: [old.id] });
    const returned = await townReviewer.post(`/api/campaigns/${campaign.id}/nominations/review`, {
      ids: [old.id],
      action: 'return',
      reason: '缺少户口本复印件',
    });
    expect(returned.json().states[0]).toMatchObject({ status: 'returned', reason: '缺少户口本复印件' });
    const approve = await townReviewer.post(`/api/campaigns/${campaign.id}/nominations/review`, {
      ids: [old.id],
      action: 'approve',
    });
    expect(approve.statusCode).toBe(409);
  });

  it('shows the organiser progress per unit: each name once, in the state it is in now', async () => {
    const units = (await organiser.get(`/api/campaigns/${campaign.id}/progress`)).json().units;
    // 张一 and 张二 approved, 寿星 returned to the village, 张三 struck out at the home visit
    expect(units.find((u: { unitName: string }) => u.unitName === '甲村')).toMatchObject({
      quota: 4,
      notSent: 1,
      inVerification: 0,
      inReview: 0,
      approved: 2,
      noticed: 0,
      final: 0,
      removed: { total: 1, notEligible: 1 },
      live: 3,
      onList: 2,
    });
  });

  it('publishes the approved list with masked names, takes objections from the public, and locks the list', async () => {
    const published = await organiser.post(`/api/campaigns/${campaign.id}/notices`);
    expect(published.statusCode).toBe(201);
    const [notice] = published.json().notices;
    expect(notice).toMatchObject({ unitName: '甲村', names: 2 });
    expect((await organiser.post(`/api/campaigns/${campaign.id}/notices`)).statusCode).toBe(422);

    const publicPage = await app.inject({ method: 'GET', url: `/api/public/notices/${notice.id}` });
    expect(publicPage.statusCode).toBe(200);
    const page = publicPage.json().notice;
    expect(page.entries.map((entry: { maskedName: string }) => entry.maskedName)).toEqual(['张*', '张*']);
    expect(page.entries[0]).toMatchObject({ category: '困难家庭', amountYuan: '600.00' });
    expect(publicPage.body).not.toMatch(/\d{17}[\dX]/);

    const flood = await app.inject({
      method: 'POST',
      url: `/api/public/notices/${notice.id}/objections`,
      payload: { kind: 'objection', nominationId: page.entries[0].nominationId, text: 'x'.repeat(1_000_000) },
    });
    expect(flood.statusCode).toBe(400);
    const script = await app.inject({
      method: 'POST',
      url: `/api/public/notices/${notice.id}/objections`,
      payload: { kind: 'left-out', text: '<script>alert(1)</script>' },
    });
    expect(script.statusCode).toBe(422);
    const objection = await app.inject({
      method: 'POST',
      url: `/api/public/notices/${notice.id}/objections`,
      payload: {
        kind: 'objection',
        nominationId: page.entries[0].nominationId,
        text: '此户子女有稳定收入，不符合条件',
        contact: '邻居 138****0000',
      },
    });
    expect(objection.statusCode).toBe(201);
    const code = objection.json().trackingCode;
    expect((await organiser.post(`/api/campaigns/${campaign.id}/notices/${notice.id}/lock`)).json().code).toBe(
      'NOTICE_STILL_OPEN',
    );

    const inbox = (await townReviewer.get(`/api/campaigns/${campaign.id}/objections`)).json().objections;
    expect(inbox).toHaveLength(1);
    await townReviewer.post(`/api/campaigns/${campaign.id}/objections/${inbox[0].id}/answer`, {
      sustained: true,
      answer: '经入户核实，异议属实，取消资格',
    });
    const tracked = await app.inject({ method: 'GET', url: `/api/public/objections/${code}` });
    expect(tracked.json().objection).toMatchObject({ status: 'sustained', answer: '经入户核实，异议属实，取消资格' });

    const { lockNotice } = await import('../../src/modules/identification/notice.service.ts');
    const organiserActor = await database.db
      .selectFrom('account')
      .selectAll()
      .where('role', '=', 'organiser')
      .executeTakeFirstOrThrow();
    const unit = await database.db
      .selectFrom('unit')
      .select('path')
      .where('id', '=', organiserActor.unit_id)
      .executeTakeFirstOrThrow();
    const actor = {
      accountId: organiserActor.id,
      username: organiserActor.username,
      role: 'organiser' as const,
      unitId: organiserActor.unit_id,
      unitPath: unit.path,
      ip: null,
    };
    const later = new Date(Date.now() + 5 * 24 * 3600_000);
    expect(await lockNotice(database.db, actor, campaign.id, notice.id, later)).toEqual({ names: 1 });
    const states = (await organiser.get(`/api/campaigns/${campaign.id}/nominations`))
      .json()
      .nominations.map((n: { name: string; status: string }) => [n.name, n.status]);
    expect(states).toEqual(
      expect.arrayContaining([
        ['张一', 'removed-by-objection'],
        ['张二', 'final'],
      ]),
    );
  });

  it('exports the allocation table, takes recommendations from the public, and bars a unit that reported falsely', async () => {
    const table = await organiser.get(`/api/campaigns/${campaign.id}/quotas.xlsx`);
    expect(table.statusCode).toBe(200);
    expect(table.headers['content-disposition']).toContain(encodeURIComponent('名额分配表'));

    const recommended = await app.inject({
      method: 'POST',
      url: `/api/public/campaigns/${campaign.id}/recommendations`,
      payload: {
        unitId: tree.villageA.id,
        familyName: '李大爷',
        address: '甲村五组',
        situation: '独居老人，冬天没有棉被',
        recommenderName: '王义工',
        recommenderContact: '13900000000',
      },
    });
    expect(recommended.statusCode).toBe(201);
    const inbox = (await clerkA.get(`/api/campaigns/${campaign.id}/recommendations`)).json().recommendations;
    expect(inbox[0]).toMatchObject({ familyName: '李大爷', recommenderName: '王义工', status: 'open' });
    await clerkA.post(`/api/campaigns/${campaign.id}/recommendations/${inbox[0].id}`, {
      accepted: true,
      note: '已入户，由王义工带队慰问',
    });
    const tracked = await app.inject({
      method: 'GET',
      url: `/api/public/recommendations/${recommended.json().trackingCode}`,
    });
    expect(tracked.json().recommendation).toMatchObject({ status: 'accepted', note: '已入户，由王义工带队慰问' });

    const barred = await organiser.post(`/api/campaigns/${campaign.id}/false-report`, {
      unitId: tree.villageB.id,
      reason: '虚报困难人员',
    });
    expect(barred.statusCode).toBe(201);
    expect(barred.json().entry).toMatchObject({ subjectKind: 'unit', targetUnitName: '乙村', until: '2028-12-31' });
  });

  it('refuses submissions after the final deadline', async () => {
    await organiser.put(`/api/campaigns/${campaign.id}/identification`, {
      firstDeadline: '2020-12-24',
      finalDeadline: '2021-01-04',
      firstDeadlineShare: 70,
      reviewChain: CHAIN,
    });
    const late = await nominate('张四');
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('DEADLINE_PASSED');
  });
});
