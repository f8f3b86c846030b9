/**
 * The identification endpoints behind the web screens, through HTTP on both databases: the list of a
 * campaign's notices (scoped to the reader's subtree), nominations paged on the server, one
 * nomination with its checklist and home visits, visit photos, recommendations taken up as
 * nominations, and the clock the app is given deciding when a notice has ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { anonymousClient, buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/people.ts';

const DAY_MS = 24 * 3600_000;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
const CRITERIA = [
  { key: 'seriousIllness', label: '家庭成员患重大疾病', required: false },
  { key: 'accident', label: '年内因意外事故致困', required: false },
  { key: 'noLargeSavings', label: '家庭无大额存款', required: true },
];

interface NoticeItem {
  id: number;
  unitName: string;
  status: string;
  names: number;
  openObjections: number;
  publicPath: string;
  period: { firstDay: string; lastDay: string; endsAt: string };
}

describe.each(DIALECTS)('identification screens API on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let organiser: Client;
  let clerkA: Client;
  let clerkB: Client;
  let clock = new Date('2026-12-20T02:00:00Z');
  let campaignId = 0;
  let categoryId = 0;
  const people: Record<string, number> = {};
  const nominations: Record<string, number> = {};

  const url = (path: string) => `/api/campaigns/${campaignId}${path}`;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db, { now: () => clock });
    tree = await makeTree(database.db);
    organiser = await signedInClient(app, await makeAccount(database.db, { role: 'organiser', unit: tree.district }));
    clerkA = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    clerkB = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageB }));
    const campaign = (
      await organiser.post('/api/campaigns', {
        name: '春节送温暖',
        year: 2027,
        organiserUnitId: tree.district.id,
        categories: [{ name: '困难职工', layer: 'general', plannedCount: 6, cashFen: 50_000, giftFen: 0 }],
      })
    ).json().campaign;
    campaignId = campaign.id;
    categoryId = campaign.categories[0].id;
    const settings = await organiser.put(url('/identification'), {
      firstDeadline: null,
      finalDeadline: null,
      firstDeadlineShare: null,
      noticeDays: 3,
      verificationRequired: true,
      reviewChain: [{ label: '区县审批', unit: { levelsUp: 2 }, roles: ['organiser'] }],
      categories: [{ categoryId, registryCategoryId: null, minAge: null, criteria: CRITERIA }],
    });
    expect(settings.statusCode).toBe(200);
    await organiser.put(url('/quotas'), {
      entries: [
        { unitId: tree.villageA.id, categoryId, quota: 3 },
        { unitId: tree.villageB.id, categoryId, quota: 2 },
      ],
    });
    const add = async (client: Client, name: string, unitId: number) => {
      const response = await client.post('/api/registry/people', {
        name,
        idNumber: makeIdNumber('320684', '19650505'),
        unitId,
        categoryIds: [],
      });
      people[name] = response.json().person.id;
    };
    for (const name of ['赵一', '赵二', '赵三']) await add(clerkA, name, tree.villageA.id);
    for (const name of ['钱一', '钱二']) await add(clerkB, name, tree.villageB.id);
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  const nominate = (client: Client, name: string, unitId: number) =>
    client.post(url('/nominations'), {
      personId: people[name],
      categoryId,
      unitId,
      consent: true,
      checklist: { seriousIllness: true, noLargeSavings: true },
    });

  it('pages the nomination list on the server, with the total, inside the reader’s subtree', async () => {
    for (const name of ['赵一', '赵二', '赵三']) {
      const response = await nominate(clerkA, name, tree.villageA.id);
      expect(response.statusCode).toBe(201);
      nominations[name] = response.json().nomination.id;
    }
    nominations['钱一'] = (await nominate(clerkB, '钱一', tree.villageB.id)).json().nomination.id;

    const first = (await clerkA.get(url('/nominations?pageSize=2&page=1'))).json();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.nominations.map((n: { name: string }) => n.name)).toEqual(['赵一', '赵二']);
    const second = (await clerkA.get(url('/nominations?pageSize=2&page=2'))).json();
    expect(second.nominations.map((n: { name: string }) => n.name)).toEqual(['赵三']);
    expect((await organiser.get(url('/nominations?pageSize=2'))).json().total).toBe(4);
    expect((await organiser.get(url(`/nominations?unitId=${tree.villageB.id}`))).json().total).toBe(1);
    expect((await organiser.get(url('/nominations?status=verified'))).json().total).toBe(0);
    expect((await clerkA.get(url('/nominations?pageSize=501'))).statusCode).toBe(400);
    expect((await clerkA.get(url(`/nominations?unitId=${tree.villageB.id}`))).statusCode).toBe(404);
    expect((await clerkA.get(url(`/nominations?unitId=${tree.town.id}`))).statusCode).toBe(404);
  });

  it('shows one nomination with its checklist and criteria, and hides it from another village', async () => {
    const detail = await clerkA.get(url(`/nominations/${nominations['赵一']}`));
    expect(detail.statusCode).toBe(200);
    expect(detail.json().nomination).toMatchObject({
      name: '赵一',
      unitName: '甲村',
      status: 'nominated',
      checklist: { seriousIllness: true, noLargeSavings: true },
      criteria: CRITERIA,
      visits: [],
      history: [{ toState: 'nominated' }],
    });
    expect(detail.body).not.toMatch(/\d{17}[\dX]/);
    expect((await clerkB.get(url(`/nominations/${nominations['赵一']}`))).statusCode).toBe(404);
  });

  it('records the home visit against the criteria, refusing a confirmation the findings contradict', async () => {
    const id = nominations['赵三'];
    await clerkA.post(url(`/nominations/${id}/verifier`), { verifier: '村干部 张明' });
    const contradiction = await clerkA.post(url(`/nominations/${id}/verification`), {
      visitedOn: '2026-12-19',
      visitors: '张明、李华',
      findings: { noLargeSavings: false },
      eligible: true,
    });
    expect(contradiction.statusCode).toBe(422);
    expect(contradiction.json().code).toBe('FINDINGS_CONTRADICT');
    const unknown = await clerkA.post(url(`/nominations/${id}/verification`), {
      visitedOn: '2026-12-19',
      visitors: '张明、李华',
      findings: { savings: false },
      eligible: false,
      reason: '有存款',
    });
    expect(unknown.json().code).toBe('FINDING_INVALID');
    expect((await clerkA.get(url(`/nominations/${id}`))).json().nomination.status).toBe('verifying');

    const visit = await clerkA.post(url(`/nominations/${id}/verification`), {
      visitedOn: '2026-12-19',
      visitors: '张明、李华',
      findings: { seriousIllness: true, accident: false, noLargeSavings: false, note: '存折余额二十余万元' },
      eligible: false,
      reason: '家中有大额存款',
    });
    expect(visit.statusCode).toBe(200);
    expect(visit.json()).toMatchObject({
      state: { status: 'rejected-by-verification' },
      verificationId: expect.any(Number),
    });
    nominations['赵三.visit'] = visit.json().verificationId;
  });

  it('keeps photos of the visit: images only, read back only inside the subtree', async () => {
    const id = nominations['赵三'];
    const visitId = nominations['赵三.visit'];
    const uploaded = await clerkA.upload(url(`/nominations/${id}/verifications/${visitId}/photos`), 'a.jpg', JPEG);
    expect(uploaded.statusCode).toBe(201);
    const photo = uploaded.json().photo;
    expect(photo).toMatchObject({ contentType: 'image/jpeg', sizeBytes: JPEG.length });
    const html = await clerkA.upload(
      url(`/nominations/${id}/verifications/${visitId}/photos`),
      'photo.jpg',
      '<html><script>alert(1)</script></html>',
    );
    expect(html.statusCode).toBe(422);
    expect(html.json().code).toBe('PHOTO_TYPE');
    const elsewhere = await clerkB.upload(url(`/nominations/${id}/verifications/${visitId}/photos`), 'b.jpg', JPEG);
    expect(elsewhere.statusCode).toBe(404);

    const read = await clerkA.get(url(`/nominations/${id}/photos/${photo.id}`));
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(read.rawPayload, JPEG)).toBe(0);
    expect((await clerkB.get(url(`/nominations/${id}/photos/${photo.id}`))).statusCode).toBe(404);

    const detail = (await clerkA.get(url(`/nominations/${id}`))).json().nomination;
    expect(detail.visits).toHaveLength(1);
    expect(detail.visits[0]).toMatchObject({
      visitors: '张明、李华',
      eligible: false,
      reason: '家中有大额存款',
      findings: { noLargeSavings: false, note: '存折余额二十余万元' },
      photos: [{ id: photo.id }],
    });
  });

  it('takes a recommendation up as a nomination of its unit, all or nothing', async () => {
    const form = await anonymousClient(app).get(`/api/public/campaigns/${campaignId}/recommendation-form`);
    expect(form.statusCode).toBe(200);
    expect(form.json().form).toEqual({
      campaignName: '春节送温暖',
      organiserName: '测试区',
      units: [
        { id: tree.villageA.id, name: '甲村' },
        { id: tree.villageB.id, name: '乙村' },
      ],
    });
    expect((await anonymousClient(app).get('/api/public/campaigns/999999/recommendation-form')).statusCode).toBe(404);
    const submitted = await anonymousClient(app).post(`/api/public/campaigns/${campaignId}/recommendations`, {
      unitId: tree.villageB.id,
      familyName: '钱二家',
      address: '乙村三组',
      situation: '老伴瘫痪在床，儿子车祸致残',
      recommenderName: '周义工',
      recommenderContact: '13900000001',
    });
    expect(submitted.statusCode).toBe(201);
    const [recommendation] = (await clerkB.get(url('/recommendations'))).json().recommendations;
    expect((await clerkA.get(url('/recommendations'))).json().recommendations).toEqual([]);

    const twice = await clerkB.post(url(`/recommendations/${recommendation.id}`), {
      accepted: true,
      note: '已入户',
      nomination: {
        personId: people['钱一'],
        categoryId,
        consent: true,
        checklist: { accident: true, noLargeSavings: true },
      },
    });
    expect(twice.json().code).toBe('ALREADY_NOMINATED');
    expect((await clerkB.get(url('/recommendations'))).json().recommendations[0].status).toBe('open');

    const accepted = await clerkB.post(url(`/recommendations/${recommendation.id}`), {
      accepted: true,
      note: '已入户，由周义工带队慰问',
      nomination: {
        personId: people['钱二'],
        categoryId,
        consent: true,
        checklist: { accident: true, noLargeSavings: true },
      },
    });
    expect(accepted.statusCode).toBe(200);
    const nominationId = accepted.json().nominationId;
    expect(nominationId).toEqual(expect.any(Number));
    const listed = (await clerkB.get(url('/recommendations'))).json().recommendations[0];
    expect(listed).toMatchObject({ status: 'accepted', nominationId });
    const detail = (await clerkB.get(url(`/nominations/${nominationId}`))).json().nomination;
    expect(detail).toMatchObject({ name: '钱二', recommendation: { recommenderName: '周义工' } });
    // withdrawn again so that village B's list stays one name
    await clerkB.post(url(`/nominations/${nominationId}/withdraw`), { reason: '家属暂不同意公示' });
  });

  it('lists the campaign’s notices per unit, scoped, and follows them from open to ended to locked', async () => {
    expect((await organiser.get(url('/notices'))).json().notices).toEqual([]);
    const ids = [nominations['赵一']!, nominations['赵二']!, nominations['钱一']!];
    for (const [client, mine] of [
      [clerkA, ids.slice(0, 2)],
      [clerkB, ids.slice(2)],
    ] as const) {
      for (const id of mine) {
        await client.post(url(`/nominations/${id}/verifier`), { verifier: '村干部' });
        const visited = await client.post(url(`/nominations/${id}/verification`), {
          visitedOn: '2026-12-19',
          visitors: '村干部',
          findings: { seriousIllness: true, noLargeSavings: true },
          eligible: true,
        });
        expect(visited.statusCode).toBe(200);
      }
      expect((await client.post(url('/nominations/submit'), { ids: mine })).statusCode).toBe(200);
    }
    expect((await organiser.post(url('/nominations/review'), { ids, action: 'approve' })).statusCode).toBe(200);
    expect((await organiser.post(url('/notices'))).statusCode).toBe(201);

    const all: NoticeItem[] = (await organiser.get(url('/notices'))).json().notices;
    expect(all.map((notice) => [notice.unitName, notice.names, notice.status])).toEqual([
      ['甲村', 2, 'open'],
      ['乙村', 1, 'open'],
    ]);
    expect(all[0]).toMatchObject({
      publicPath: `/public/notices/${all[0]!.id}`,
      openObjections: 0,
      period: { firstDay: '2026-12-20', lastDay: '2026-12-22', endsAt: '2026-12-22T16:00:00.000Z' },
    });
    const seenByA: NoticeItem[] = (await clerkA.get(url('/notices'))).json().notices;
    expect(seenByA.map((notice) => notice.unitName)).toEqual(['甲村']);
    expect((await clerkB.get(url('/notices'))).json().notices.map((n: NoticeItem) => n.unitName)).toEqual(['乙村']);

    const noticeA = all[0]!;
    const page = await anonymousClient(app).get(`/api/public/notices/${noticeA.id}`);
    const objection = await anonymousClient(app).post(`/api/public/notices/${noticeA.id}/objections`, {
      kind: 'objection',
      nominationId: page.json().notice.entries[0].nominationId,
      text: '此户在城里有房出租',
    });
    expect(objection.statusCode).toBe(201);
    expect((await clerkA.get(url('/notices'))).json().notices[0].openObjections).toBe(1);
    const [open] = (await organiser.get(url('/objections'))).json().objections;
    const answered = await organiser.post(url(`/objections/${open.id}/answer`), {
      sustained: true,
      answer: '经核实属实，取消资格',
      investigation: { visitedOn: '2026-12-21', visitors: '镇民政办 刘强', findings: '城里两套房出租' },
    });
    expect(answered.statusCode).toBe(200);
    expect((await clerkA.get(url('/notices'))).json().notices[0]).toMatchObject({ names: 1, openObjections: 0 });
    // the visit that looked into it is kept with the name, and linked from the objection
    const [inbox] = (await organiser.get(url('/objections'))).json().objections;
    const investigated = (await clerkA.get(url(`/nominations/${open.nominationId}`))).json().nomination;
    expect(investigated.status).toBe('removed-by-objection');
    expect(investigated.visits.at(-1)).toMatchObject({
      id: inbox.verificationId,
      visitors: '镇民政办 刘强',
      eligible: false,
      findings: { note: '城里两套房出租' },
    });

    expect((await organiser.post(url(`/notices/${noticeA.id}/lock`))).json().code).toBe('NOTICE_STILL_OPEN');
    clock = new Date(Date.parse(noticeA.period.endsAt) + 60_000);
    expect((await clerkA.get(url('/notices'))).json().notices[0].status).toBe('ended');
    const late = await anonymousClient(app).post(`/api/public/notices/${noticeA.id}/objections`, {
      kind: 'left-out',
      text: '还有一户',
    });
    expect(late.json().code).toBe('NOTICE_CLOSED');
    expect((await organiser.post(url(`/notices/${noticeA.id}/lock`))).json()).toEqual({ names: 1 });
    const after: NoticeItem[] = (await organiser.get(url('/notices'))).json().notices;
    expect(after.map((notice) => notice.status)).toEqual(['locked', 'ended']);
    clock = new Date(clock.getTime() + DAY_MS);
  });

  it('changes a locked list only through a correction by the organiser, with its reason', async () => {
    const final = nominations['赵二']!;
    expect((await clerkA.get(url(`/nominations/${final}`))).json().nomination.status).toBe('final');
    const byClerk = await clerkA.post(url(`/nominations/${final}/correction`), { reason: '本人已去世' });
    expect(byClerk.statusCode).toBe(403);
    const notFinal = await organiser.post(url(`/nominations/${nominations['钱一']}/correction`), { reason: '更正' });
    expect([notFinal.statusCode, notFinal.json().code]).toEqual([409, 'INVALID_TRANSITION']);
    const corrected = await organiser.post(url(`/nominations/${final}/correction`), {
      reason: '本人已于1月10日去世，慰问金不再发放',
    });
    expect(corrected.json().state).toEqual({
      status: 'removed-by-correction',
      reason: '本人已于1月10日去世，慰问金不再发放',
    });
    const detail = (await clerkA.get(url(`/nominations/${final}`))).json().nomination;
    expect(detail.history.at(-1)).toMatchObject({ fromState: 'final', toState: 'removed-by-correction' });
    expect((await organiser.get(url('/notices'))).json().notices[0]).toMatchObject({ unitName: '甲村', names: 0 });
    const progress = (await organiser.get(url('/progress'))).json().units;
    expect(progress.find((unit: { unitName: string }) => unit.unitName === '甲村')).toMatchObject({
      final: 0,
      removed: { total: 3, notEligible: 1, removedByObjection: 1, removedByCorrection: 1, withdrawn: 0 },
    });
  });

  it('answers 404 for the notices of a campaign the reader cannot see', async () => {
    expect((await clerkA.get('/api/campaigns/999999/notices')).statusCode).toBe(404);
  });
});
