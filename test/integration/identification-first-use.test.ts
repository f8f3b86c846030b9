/**
 * What a clerk trying 名单识别 for the first time hit (issue 9, part 4): who acts on a review step, the
 * reviewer's opinion, quotas taken from the plan's 单位分配, the household on the home-visit screen,
 * and an import template whose example names a unit that exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree, uniqueSuffix } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/people.ts';

const CHAIN = [
  { label: '镇街审核', unit: { levelsUp: 1 }, roles: ['reviewer', 'organiser'] },
  { label: '区县审批', unit: { levelsUp: 2 }, roles: ['reviewer'] },
];

describe.each(DIALECTS)('identification, first use, on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let organiser: Client;
  let clerkA: Client;
  let townReviewer: Client;
  let townVisitor: Client;
  let campaign: { id: number; version: number; categories: { id: number; name: string }[] };
  const idNumbers: Record<string, string> = {};
  const nominationIds: Record<string, number> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    organiser = await signedInClient(app, await makeAccount(database.db, { role: 'organiser', unit: tree.district }));
    clerkA = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    townReviewer = await signedInClient(app, await makeAccount(database.db, { role: 'reviewer', unit: tree.town }));
    townVisitor = await signedInClient(app, await makeAccount(database.db, { role: 'visitor', unit: tree.town }));
    campaign = (
      await organiser.post('/api/campaigns', {
        name: '春节慰问',
        year: 2027,
        organiserUnitId: tree.district.id,
        categories: [{ name: '困难家庭', layer: 'general', plannedCount: 20, cashFen: 50_000, giftFen: 0 }],
      })
    ).json().campaign;
    await organiser.put(`/api/campaigns/${campaign.id}/identification`, {
      firstDeadline: null,
      finalDeadline: null,
      firstDeadlineShare: null,
      verificationRequired: false,
      reviewChain: CHAIN,
    });
    await organiser.put(`/api/campaigns/${campaign.id}/quotas`, {
      entries: [{ unitId: tree.villageA.id, categoryId: families(), quota: 3 }],
    });
    for (const name of ['王一', '王二', '王三']) {
      idNumbers[name] = makeIdNumber('320684', '19580505');
      const person = await clerkA.post('/api/registry/people', {
        name,
        idNumber: idNumbers[name],
        phone: '13912345678',
        unitId: tree.villageA.id,
        address: '甲村三组18号',
        householdSize: 3,
        categoryIds: [],
        hardship: { cause: '因病致贫', notes: '老伴常年卧床' },
      });
      const nomination = await clerkA.post(`/api/campaigns/${campaign.id}/nominations`, {
        personId: person.json().person.id,
        categoryId: families(),
        unitId: tree.villageA.id,
        consent: true,
      });
      nominationIds[name] = nomination.json().nomination.id;
    }
    const submitted = await clerkA.post(`/api/campaigns/${campaign.id}/nominations/submit`, {
      ids: Object.values(nominationIds),
    });
    expect(submitted.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const families = () => campaign.categories[0]!.id;

  it('says who acts on the step a name waits at, and whether the reader may', async () => {
    const seenByClerk = (await clerkA.get(`/api/campaigns/${campaign.id}/nominations?status=in-review`)).json();
    expect(seenByClerk.nominations[0].reviewStep).toEqual({
      label: '镇街审核',
      unitName: '测试镇',
      roles: ['reviewer', 'organiser'],
      canAct: false,
    });
    const seenByReviewer = (
      await townReviewer.get(`/api/campaigns/${campaign.id}/nominations?status=in-review`)
    ).json();
    expect(seenByReviewer.nominations[0].reviewStep).toMatchObject({ label: '镇街审核', canAct: true });
    const seenByOrganiser = (await organiser.get(`/api/campaigns/${campaign.id}/nominations?status=in-review`)).json();
    expect(seenByOrganiser.nominations[0].reviewStep).toMatchObject({ unitName: '测试镇', canAct: false });
  });

  it("keeps the reviewer's opinion in each name's history and the audit row", async () => {
    const ids = [nominationIds['王一']!, nominationIds['王二']!];
    const approved = await townReviewer.post(`/api/campaigns/${campaign.id}/nominations/review`, {
      ids,
      action: 'approve',
      opinion: '经镇民政办复核，情况属实，同意上报',
    });
    expect(approved.statusCode).toBe(200);
    const events = await database.db
      .selectFrom('nomination_event')
      .select(['nomination_id', 'reason'])
      .where('nomination_id', 'in', ids)
      .where('to_state', '=', 'in-review')
      .where('from_state', '=', 'in-review')
      .execute();
    expect(events.map((event) => event.reason)).toEqual([
      '经镇民政办复核，情况属实，同意上报',
      '经镇民政办复核，情况属实，同意上报',
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'approveStep')
      .where('entity_id', '=', String(ids[0]))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ opinion: '经镇民政办复核，情况属实，同意上报' });

    const detail = (await clerkA.get(`/api/campaigns/${campaign.id}/nominations/${ids[0]}`)).json().nomination;
    expect(detail.history.at(-1)).toMatchObject({ toState: 'in-review', reason: '经镇民政办复核，情况属实，同意上报' });
  });

  it('returns a name with the opinion as its reason, and refuses a return without one', async () => {
    const id = nominationIds['王三']!;
    const bare = await townReviewer.post(`/api/campaigns/${campaign.id}/nominations/review`, {
      ids: [id],
      action: 'return',
      opinion: '  ',
    });
    expect(bare.json()).toMatchObject({ code: 'REASON_REQUIRED' });
    const returned = await townReviewer.post(`/api/campaigns/${campaign.id}/nominations/review`, {
      ids: [id],
      action: 'return',
      opinion: '缺少低保证复印件',
    });
    expect(returned.json().states[0]).toEqual({ status: 'returned', stepIndex: 0, reason: '缺少低保证复印件' });
  });

  it('shows the visitor the household: address, phones, members and hardship, ID numbers masked', async () => {
    const response = await townVisitor.get(`/api/campaigns/${campaign.id}/nominations/${nominationIds['王一']}`);
    expect(response.statusCode).toBe(200);
    const { household } = response.json().nomination;
    expect(household).toMatchObject({
      address: '甲村三组18号',
      phone: '13912345678',
      householdSize: 3,
      birthDate: '1958-05-05',
      hardship: '因病致贫；老伴常年卧床',
      members: [{ name: '王一', relation: '户主', idMasked: expect.stringContaining('*') }],
    });
    expect(response.body).not.toContain(idNumbers['王一']);
    const outsider = await signedInClient(
      app,
      await makeAccount(database.db, { role: 'visitor', unit: tree.villageB }),
    );
    expect((await outsider.get(`/api/campaigns/${campaign.id}/nominations/${nominationIds['王一']}`)).statusCode).toBe(
      404,
    );
  });

  it("takes the plan's unit counts as quotas, never below the places already taken", async () => {
    const view = (await organiser.get(`/api/campaigns/${campaign.id}`)).json().campaign;
    const saved = await organiser.put(`/api/campaigns/${campaign.id}/unit-plans`, {
      version: view.version,
      plans: [
        { unitId: tree.town.id, categoryId: families(), plannedCount: 10 },
        // village A already put three names forward: a plan of 2 must not cut its quota of 3
        { unitId: tree.villageA.id, categoryId: families(), plannedCount: 2 },
        { unitId: tree.villageB.id, categoryId: families(), plannedCount: 4 },
      ],
    });
    expect(saved.statusCode).toBe(200);
    expect((await clerkA.get(`/api/campaigns/${campaign.id}/quotas/from-plan`)).statusCode).toBe(403);
    expect((await clerkA.post(`/api/campaigns/${campaign.id}/quotas/from-plan`)).statusCode).toBe(403);

    const preview = (await organiser.get(`/api/campaigns/${campaign.id}/quotas/from-plan`)).json().preview;
    const expected = {
      changes: [
        { unitId: tree.town.id, unitName: '测试镇', categoryName: '困难家庭', from: null, to: 10 },
        { unitId: tree.villageB.id, unitName: '乙村', from: null, to: 4 },
      ],
      keptAbovePlan: [{ unitId: tree.villageA.id, unitName: '甲村', planned: 2, taken: 3, quota: 3 }],
      unchanged: 0,
    };
    expect(preview).toMatchObject(expected);
    const before = (await organiser.get(`/api/campaigns/${campaign.id}/quotas`)).json().quotas;
    expect(before).toHaveLength(1);

    const taken = await organiser.post(`/api/campaigns/${campaign.id}/quotas/from-plan`);
    expect(taken.statusCode).toBe(200);
    expect(taken.json().result).toMatchObject(expected);
    const quotas = (await organiser.get(`/api/campaigns/${campaign.id}/quotas`)).json().quotas;
    const quotaOf = (unitId: number) => quotas.find((row: { unitId: number }) => row.unitId === unitId)?.quota;
    expect([quotaOf(tree.town.id), quotaOf(tree.villageA.id), quotaOf(tree.villageB.id)]).toEqual([10, 3, 4]);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['after_json', 'unit_id'])
      .where('action', '=', 'set-quotas-from-plan')
      .where('entity_id', '=', String(campaign.id))
      .executeTakeFirstOrThrow();
    expect(audit.unit_id).toBe(tree.district.id);
    expect(JSON.parse(audit.after_json!).keptAbovePlan).toHaveLength(1);

    // the town's quota is now split among its villages (3 + 4): the plan may not cut it below that
    const view2 = (await organiser.get(`/api/campaigns/${campaign.id}`)).json().campaign;
    await organiser.put(`/api/campaigns/${campaign.id}/unit-plans`, {
      version: view2.version,
      plans: [{ unitId: tree.town.id, categoryId: families(), plannedCount: 6 }],
    });
    const again = (await organiser.post(`/api/campaigns/${campaign.id}/quotas/from-plan`)).json().result;
    expect(again).toMatchObject({ changes: [], keptAbovePlan: [{ unitName: '测试镇', planned: 6, taken: 7 }] });
  });

  it("puts a unit code that exists, in the reader's own tree, into the import template's example row", async () => {
    const villageCode = `V${uniqueSuffix()}`;
    await database.db.updateTable('unit').set({ code: villageCode }).where('id', '=', tree.villageA.id).execute();
    const exampleCode = async (client: Client) => {
      const response = await client.get('/api/registry/import-template.xlsx');
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      return String(workbook.worksheets[0]!.getRow(2).getCell(4).value);
    };
    expect(await exampleCode(clerkA)).toBe(villageCode);
    expect(await exampleCode(organiser)).toBe(villageCode);
  });
});
