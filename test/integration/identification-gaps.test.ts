/**
 * Issue 9, identification gaps, through HTTP on both databases: the opening day (篇七: 12-21) and the
 * 70% due by the first deadline (12-24); progress columns that count each name once, in the state it
 * is in now; a democratic review's 不同意 that holds a name back (篇二) unless a reviewer above
 * overrides it; and a closed campaign frozen until the organiser's superior reopens it, with the
 * campaign list showing where the campaign really is. Each test runs on a campaign of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { anonymousClient, buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeUnit, uniqueSuffix, TEST_PASSWORD } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/people.ts';

const SETTINGS = {
  opensOn: '2027-12-21',
  firstDeadline: '2027-12-24',
  finalDeadline: '2028-01-04',
  firstDeadlineShare: 70,
  noticeDays: 3,
  verificationRequired: false,
  reviewChain: [{ label: '区县审批', unit: { levelsUp: 2 }, roles: ['organiser'] }],
  categories: [],
};

describe.each(DIALECTS)('identification gaps on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let clock = new Date('2027-12-22T10:00:00+08:00');
  let units: Record<'city' | 'district' | 'town' | 'villageA' | 'villageB', { id: number; name: string }>;
  let cityOrganiser: Client;
  let organiser: Client;
  let clerkA: Client;
  let clerkAzh: Client;
  let clerkB: Client;
  let villageReviewer: Client;
  let townReviewer: Client;
  const people: Record<string, number> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db, { now: () => clock });
    const city = await makeUnit(database.db, { name: '测试市', kind: 'city', code: `C${uniqueSuffix()}` });
    const district = await makeUnit(database.db, { parent: city, name: '测试区', kind: 'district' });
    const town = await makeUnit(database.db, { parent: district, name: '测试镇', kind: 'town' });
    const villageA = await makeUnit(database.db, { parent: town, name: '甲村', kind: 'village' });
    const villageB = await makeUnit(database.db, { parent: town, name: '乙村', kind: 'village' });
    units = { city, district, town, villageA, villageB };
    cityOrganiser = await signedInClient(app, await makeAccount(database.db, { role: 'organiser', unit: city }));
    organiser = await signedInClient(app, await makeAccount(database.db, { role: 'organiser', unit: district }));
    const clerkAccount = await makeAccount(database.db, { role: 'clerk', unit: villageA });
    clerkA = await signedInClient(app, clerkAccount);
    clerkAzh = await signedInClient(app, { username: clerkAccount.username, password: TEST_PASSWORD }, 'zh-CN');
    clerkB = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: villageB }));
    villageReviewer = await signedInClient(app, await makeAccount(database.db, { role: 'reviewer', unit: villageA }));
    townReviewer = await signedInClient(app, await makeAccount(database.db, { role: 'reviewer', unit: town }));
    const add = async (client: Client, name: string, unitId: number) => {
      const response = await client.post('/api/registry/people', {
        name,
        idNumber: makeIdNumber('320684', '19580808'),
        unitId,
        categoryIds: [],
      });
      people[name] = response.json().person.id;
    };
    for (const name of ['甲一', '甲二', '甲三']) await add(clerkA, name, villageA.id);
    for (const name of ['乙一', '乙二']) await add(clerkB, name, villageB.id);
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  /** A campaign of the district with 篇七's dates, 3 places for 甲村 and 4 for 乙村. */
  async function newCampaign() {
    const created = (
      await organiser.post('/api/campaigns', {
        name: `慈善会春节助困${uniqueSuffix()}`,
        year: 2028,
        organiserUnitId: units.district.id,
        categories: [{ name: '特别贫困家庭', layer: 'general', plannedCount: 7, cashFen: 200_000, giftFen: 0 }],
      })
    ).json().campaign;
    const categoryId: number = created.categories[0].id;
    const url = (path: string) => `/api/campaigns/${created.id}${path}`;
    expect((await organiser.put(url('/identification'), SETTINGS)).statusCode).toBe(200);
    const quotas = await organiser.put(url('/quotas'), {
      entries: [
        { unitId: units.villageA.id, categoryId, quota: 3 },
        { unitId: units.villageB.id, categoryId, quota: 4 },
      ],
    });
    expect(quotas.statusCode).toBe(200);
    const nominations: Record<string, number> = {};
    const nominate = async (name: string) => {
      const [client, unitId] = name.startsWith('甲') ? [clerkA, units.villageA.id] : [clerkB, units.villageB.id];
      const response = await client.post(url('/nominations'), {
        personId: people[name],
        categoryId,
        unitId,
        consent: true,
      });
      if (response.statusCode === 201) nominations[name] = response.json().nomination.id;
      return response;
    };
    const progressOf = async (client: Client, unitName: string) =>
      (await client.get(url('/progress'))).json().units.find((row: { unitName: string }) => row.unitName === unitName);
    const listed = async () =>
      (await organiser.get('/api/campaigns')).json().campaigns.find((c: { id: number }) => c.id === created.id);
    return { id: created.id as number, categoryId, url, nominations, nominate, progressOf, listed };
  }

  type TestCampaign = Awaited<ReturnType<typeof newCampaign>>;

  /** Names approved, published, one objection sustained, the list locked: `kept` final, the rest removed. */
  async function throughNotice(campaign: TestCampaign, names: string[], objectTo: string[]) {
    const ids = names.map((name) => campaign.nominations[name]);
    expect((await clerkA.post(campaign.url('/nominations/submit'), { ids })).statusCode).toBe(200);
    expect((await organiser.post(campaign.url('/nominations/review'), { ids, action: 'approve' })).statusCode).toBe(
      200,
    );
    const [notice] = (await organiser.post(campaign.url('/notices'))).json().notices;
    for (const name of objectTo) {
      const objection = await anonymousClient(app).post(`/api/public/notices/${notice.id}/objections`, {
        kind: 'objection',
        nominationId: campaign.nominations[name],
        text: '此户子女有稳定收入',
      });
      expect(objection.statusCode).toBe(201);
    }
    return notice as { id: number; period: { endsAt: string } };
  }

  async function lockAfterPeriod(campaign: TestCampaign, notice: { id: number; period: { endsAt: string } }) {
    for (const open of (await townReviewer.get(campaign.url('/objections'))).json().objections) {
      const answered = await townReviewer.post(campaign.url(`/objections/${open.id}/answer`), {
        sustained: true,
        answer: '经核实异议属实',
      });
      expect(answered.statusCode).toBe(200);
    }
    clock = new Date(Date.parse(notice.period.endsAt) + 60_000);
    return (await organiser.post(campaign.url(`/notices/${notice.id}/lock`))).json();
  }

  it('keeps the opening day and refuses a nomination before it, naming the date', async () => {
    const campaign = await newCampaign();
    expect((await organiser.get(campaign.url('/identification'))).json().settings.opensOn).toBe('2027-12-21');
    clock = new Date('2027-12-20T23:59:00+08:00');
    const early = await clerkAzh.post(campaign.url('/nominations'), {
      personId: people['甲一'],
      categoryId: campaign.categoryId,
      unitId: units.villageA.id,
      consent: true,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'SUBMISSIONS_NOT_OPEN' });
    expect(early.json().message).toContain('申报将于2027年12月21日开始');
    clock = new Date('2027-12-21T00:00:00+08:00');
    expect((await campaign.nominate('甲一')).statusCode).toBe(201);
  });

  it('marks a unit below 70% of its quota as late once 12-24 is over, with how many are missing', async () => {
    clock = new Date('2027-12-22T10:00:00+08:00');
    const campaign = await newCampaign();
    for (const name of ['甲一', '甲二', '甲三', '乙一']) expect((await campaign.nominate(name)).statusCode).toBe(201);
    clock = new Date('2027-12-24T23:00:00+08:00');
    expect((await campaign.progressOf(organiser, '乙村')).firstDeadline).toMatchObject({
      hasPassed: false,
      isLate: false,
    });

    clock = new Date('2027-12-25T00:00:00+08:00');
    // 乙村: 70% of 4 is 3, one is in
    expect((await campaign.progressOf(organiser, '乙村')).firstDeadline).toEqual({
      deadline: '2027-12-24',
      hasPassed: true,
      required: 3,
      submitted: 1,
      missing: 2,
      isLate: true,
    });
    expect((await campaign.progressOf(organiser, '甲村')).firstDeadline).toMatchObject({
      required: 3,
      missing: 0,
      isLate: false,
    });
    const quotas = (await organiser.get(campaign.url('/quotas'))).json().quotas;
    expect(quotas.find((row: { unitId: number }) => row.unitId === units.villageB.id)).toMatchObject({
      quota: 4,
      submitted: 1,
      firstDeadline: { isLate: true, missing: 2 },
    });
    // the village's own clerk sees it on their page: their progress is their village's row
    expect((await clerkB.get(campaign.url('/progress'))).json().units).toEqual([
      expect.objectContaining({
        unitName: '乙村',
        firstDeadline: expect.objectContaining({ isLate: true, missing: 2 }),
      }),
    ]);
    // catching up after the day: one fewer missing
    expect((await campaign.nominate('乙二')).statusCode).toBe(201);
    expect((await campaign.progressOf(organiser, '乙村')).firstDeadline).toMatchObject({ submitted: 2, missing: 1 });
  });

  it('holds back a name voted down at the democratic review until a reviewer above overrides it, with the reason', async () => {
    clock = new Date('2027-12-22T10:00:00+08:00');
    const campaign = await newCampaign();
    for (const name of ['甲一', '甲二', '甲三']) await campaign.nominate(name);
    const meeting = await clerkA.post(campaign.url('/democratic-reviews'), {
      unitId: units.villageA.id,
      heldOn: '2027-12-23',
      participants: '村两委、居民代表7人',
      decisions: [
        { nominationId: campaign.nominations['甲一'], agreed: true },
        { nominationId: campaign.nominations['甲二'], agreed: true },
        { nominationId: campaign.nominations['甲三'], agreed: false, note: '家中有经营性收入' },
      ],
    });
    expect(meeting.statusCode).toBe(201);
    const list = (await clerkA.get(campaign.url('/nominations'))).json().nominations;
    const voteOf = (name: string) =>
      list.find((n: { id: number }) => n.id === campaign.nominations[name]).democraticVote;
    expect([voteOf('甲一'), voteOf('甲三')]).toEqual(['agreed', 'disagreed']);

    const id = campaign.nominations['甲三'];
    const refused = await clerkAzh.post(campaign.url('/nominations/submit'), { ids: [id] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'VOTED_DOWN' });
    expect(refused.json().message).toContain('甲三民主评议未通过');

    // the village's own staff cannot overrule their meeting; a clerk has no say at all
    const override = (client: Client, reason: string) =>
      client.post(campaign.url(`/nominations/${id}/vote-override`), { reason });
    expect((await override(villageReviewer, '复核')).statusCode).toBe(403);
    expect((await override(clerkA, '复核')).statusCode).toBe(403);
    expect((await override(townReviewer, ' ')).statusCode).toBe(400);
    const overridden = await override(townReviewer, '经镇民政办入户复核，经营性收入已停止，确属特困');
    expect(overridden.statusCode).toBe(200);
    expect(overridden.json()).toEqual({ democraticVote: 'overridden' });
    expect((await override(townReviewer, '再复核')).json().code).toBe('NOT_VOTED_DOWN');
    const detail = (await clerkA.get(campaign.url(`/nominations/${id}`))).json().nomination;
    expect(detail.history.map((event: { reason: string | null }) => event.reason)).toContain(
      '复核民主评议“不同意”，同意报送：经镇民政办入户复核，经营性收入已停止，确属特困',
    );
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('entity', '=', 'nomination')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'override-democratic-review')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain('经营性收入已停止');

    const ids = ['甲一', '甲二', '甲三'].map((name) => campaign.nominations[name]);
    expect((await clerkA.post(campaign.url('/nominations/submit'), { ids })).statusCode).toBe(200);
  });

  it('refuses to approve a name voted down while it was in review', async () => {
    clock = new Date('2027-12-22T10:00:00+08:00');
    const campaign = await newCampaign();
    await campaign.nominate('乙一');
    const id = campaign.nominations['乙一'];
    expect((await clerkB.post(campaign.url('/nominations/submit'), { ids: [id] })).statusCode).toBe(200);
    await clerkB.post(campaign.url('/democratic-reviews'), {
      unitId: units.villageB.id,
      heldOn: '2027-12-23',
      participants: '居民代表5人',
      decisions: [{ nominationId: id, agreed: false }],
    });
    const approve = await organiser.post(campaign.url('/nominations/review'), { ids: [id], action: 'approve' });
    expect(approve.statusCode).toBe(422);
    expect(approve.json().code).toBe('VOTED_DOWN');
  });

  it('counts each name once, in the state it is in now: 2 final and 1 removed by objection of 3 is 2 of 3', async () => {
    clock = new Date('2027-12-22T10:00:00+08:00');
    const campaign = await newCampaign();
    for (const name of ['甲一', '甲二', '甲三']) await campaign.nominate(name);
    const notice = await throughNotice(campaign, ['甲一', '甲二', '甲三'], ['甲一']);
    expect(await lockAfterPeriod(campaign, notice)).toEqual({ names: 2 });

    const row = await campaign.progressOf(organiser, '甲村');
    expect(row).toMatchObject({
      quota: 3,
      notSent: 0,
      inVerification: 0,
      inReview: 0,
      approved: 0,
      noticed: 0,
      final: 2,
      removed: {
        total: 1,
        removedByObjection: 1,
        notEligible: 0,
        rejectedInReview: 0,
        removedByCorrection: 0,
        withdrawn: 0,
      },
      live: 2,
      onList: 2,
      completion: { onListPercent: 67, livePercent: 67 },
    });
    const columns = row.notSent + row.inVerification + row.inReview + row.approved + row.noticed + row.final;
    expect(columns + row.removed.total).toBe(3);
  });

  it('shows in the campaign list where the campaign really is: on notice while its notice is public', async () => {
    clock = new Date('2027-12-22T10:00:00+08:00');
    const campaign = await newCampaign();
    expect(await campaign.listed()).toMatchObject({ status: 'draft', stage: 'draft' });
    for (const name of ['甲一', '甲二', '乙一']) await campaign.nominate(name);
    expect((await campaign.listed()).stage).toBe('nominating');
    const notice = await throughNotice(campaign, ['甲一', '甲二'], []);
    // the status was never changed from draft: the list used to say 草稿 while the notice was public
    expect(await campaign.listed()).toMatchObject({ status: 'draft', stage: 'notice' });
    await lockAfterPeriod(campaign, notice);
    // 乙村 has not sent its name up yet: the campaign is not settled
    expect((await campaign.listed()).stage).toBe('nominating');
    await clerkB.post(campaign.url(`/nominations/${campaign.nominations['乙一']}/withdraw`), { reason: '本人放弃' });
    expect((await campaign.listed()).stage).toBe('final');
  });

  async function closed(campaign: TestCampaign) {
    const view = (await organiser.get(campaign.url(''))).json();
    const edit = (status: string, version: number) => ({
      version,
      status,
      name: view.campaign.name,
      slogan: null,
      purpose: null,
      requirements: null,
      year: view.campaign.year,
      phases: [],
      activities: [],
      categories: view.campaign.categories.map((category: { id: number; name: string }) => ({
        id: category.id,
        name: category.name,
        layer: 'general',
        plannedCount: 7,
        cashFen: 200_000,
        giftFen: 0,
      })),
    });
    const response = await organiser.put(campaign.url(''), edit('closed', view.campaign.version));
    expect(response.statusCode).toBe(200);
    return { response, edit };
  }

  it('freezes a closed campaign: no name, review, verdict, setting, quota, notice, answer or edit goes through', async () => {
    clock = new Date('2027-12-22T10:00:00+08:00');
    const campaign = await newCampaign();
    for (const name of ['甲一', '甲二', '乙一']) await campaign.nominate(name);
    const notice = await throughNotice(campaign, ['甲一', '甲二'], ['甲二']);
    const { response, edit } = await closed(campaign);
    expect(response.json()).toMatchObject({ canEdit: false, canReopen: false });
    const version = response.json().campaign.version;
    const [objection] = (await townReviewer.get(campaign.url('/objections'))).json().objections;
    const { url, nominations } = campaign;

    const attempts = {
      nominate: await campaign.nominate('乙二'),
      submit: await clerkB.post(url('/nominations/submit'), { ids: [nominations['乙一']] }),
      withdraw: await clerkB.post(url(`/nominations/${nominations['乙一']}/withdraw`), { reason: '本人放弃' }),
      verifier: await clerkB.post(url(`/nominations/${nominations['乙一']}/verifier`), { verifier: '村干部' }),
      review: await organiser.post(url('/nominations/review'), { ids: [nominations['甲一']], action: 'approve' }),
      democraticReview: await clerkB.post(url('/democratic-reviews'), {
        unitId: units.villageB.id,
        heldOn: '2028-01-02',
        participants: '居民代表5人',
        decisions: [{ nominationId: nominations['乙一'], agreed: true }],
      }),
      override: await townReviewer.post(url(`/nominations/${nominations['乙一']}/vote-override`), { reason: '复核' }),
      settings: await organiser.put(url('/identification'), SETTINGS),
      quotas: await organiser.put(url('/quotas'), {
        entries: [{ unitId: units.villageB.id, categoryId: campaign.categoryId, quota: 5 }],
      }),
      publish: await organiser.post(url('/notices')),
      lock: await organiser.post(url(`/notices/${notice.id}/lock`)),
      answer: await townReviewer.post(url(`/objections/${objection.id}/answer`), {
        sustained: false,
        answer: '不属实',
      }),
      publicObjection: await anonymousClient(app).post(`/api/public/notices/${notice.id}/objections`, {
        kind: 'left-out',
        text: '村西头还有一户困难家庭',
      }),
      edit: await organiser.put(url(''), edit('active', version)),
      unitPlans: await organiser.put(url('/unit-plans'), { version, plans: [], matchingFunds: [] }),
    };
    for (const [what, attempt] of Object.entries(attempts)) {
      expect([what, attempt.statusCode, attempt.json().code]).toEqual([what, 423, 'CAMPAIGN_CLOSED']);
    }
    const zh = await clerkAzh.post(url(`/nominations/${nominations['甲一']}/withdraw`), { reason: '撤回' });
    expect(zh.json().message).toContain('活动已结束');
    expect(await campaign.listed()).toMatchObject({ status: 'closed', stage: 'closed' });
  });

  it('is reopened only by the organiser’s superior, with a reason kept in the campaign’s history', async () => {
    clock = new Date('2027-12-22T10:00:00+08:00');
    const campaign = await newCampaign();
    await closed(campaign);
    const reopen = (client: Client, reason: string) => client.post(campaign.url('/reopen'), { reason });
    expect((await reopen(organiser, '补报')).statusCode).toBe(403);
    expect((await reopen(clerkA, '补报')).statusCode).toBe(403);
    expect((await reopen(cityOrganiser, '')).statusCode).toBe(400);
    expect((await cityOrganiser.get(campaign.url(''))).json()).toMatchObject({ canEdit: false, canReopen: true });
    const reopened = await reopen(cityOrganiser, '乙村漏报两户，经市民政局同意重新开启补报');
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().campaign.status).toBe('active');
    expect((await reopen(cityOrganiser, '再开')).json().code).toBe('CAMPAIGN_NOT_CLOSED');

    const history = (await organiser.get(campaign.url('/history'))).json().events;
    expect(history).toEqual([
      expect.objectContaining({ fromStatus: 'draft', toStatus: 'closed', reason: null }),
      expect.objectContaining({
        fromStatus: 'closed',
        toStatus: 'active',
        reason: '乙村漏报两户，经市民政局同意重新开启补报',
      }),
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['after_json'])
      .where('entity', '=', 'campaign')
      .where('entity_id', '=', String(campaign.id))
      .where('action', '=', 'reopen')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain('乙村漏报两户');
    expect((await campaign.nominate('乙二')).statusCode).toBe(201);
  });
});
