import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { anonymousClient, buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { pianWuRequest, smallCampaignRequest } from '../helpers/campaign-input.ts';
import { PIAN_WU_CATEGORIES } from '../../src/modules/campaign/pian-wu.ts';
import { BODY_LIMIT_BYTES } from '../../src/server/app.ts';
import fs from 'node:fs';
import path from 'node:path';

describe.each(DIALECTS)('campaigns and budget on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let organiser: Client;
  let tree: Awaited<ReturnType<typeof makeTree>>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    organiser = await signedInClient(app, await makeAccount(database.db, { role: 'organiser', unit: tree.district }));
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('needs a session (401) before anything', async () => {
    expect((await anonymousClient(app).post('/api/campaigns', pianWuRequest(tree.district.id))).statusCode).toBe(401);
  });

  it('gives the 篇五 plan every line as printed and 2,776,000.00 + 37,500.00 = 2,813,500.00 yuan', async () => {
    const response = await organiser.post('/api/campaigns', pianWuRequest(tree.district.id));
    expect(response.statusCode).toBe(201);
    const { budget, campaign } = response.json();
    expect(campaign.categories).toHaveLength(14);
    for (const spec of PIAN_WU_CATEGORIES) {
      const line = budget.lines.find((l: { name: string }) => l.name === spec.name);
      expect(line.totalFen).toBe((spec.printedTotalYuan ?? 22_000) * 100);
    }
    expect(budget.layers.map((layer: { totalFen: number }) => layer.totalFen)).toEqual([277_600_000, 3_750_000]);
    expect(budget.grandTotalFen).toBe(281_350_000);
    const reloaded = (await organiser.get(`/api/campaigns/${campaign.id}`)).json();
    expect(reloaded.budget.grandTotalFen).toBe(281_350_000);
  });

  it('prices in-kind items from the catalogue into the standard', async () => {
    const rice = (
      await organiser.post('/api/items', { name: '大米', spec: '20斤/袋', unitLabel: '袋', unitPriceFen: 6000 })
    ).json().item;
    const oil = (
      await organiser.post('/api/items', { name: '食用油', spec: '5L/桶', unitLabel: '桶', unitPriceFen: 7500 })
    ).json().item;
    const body = {
      ...smallCampaignRequest(tree.district.id),
      categories: [
        {
          name: '特别贫困家庭',
          layer: 'general',
          plannedCount: 188,
          cashFen: 200_000,
          giftFen: 0,
          items: [
            { itemId: rice.id, quantity: 2 },
            { itemId: oil.id, quantity: 1 },
          ],
        },
      ],
    };
    const { budget, campaign } = (await organiser.post('/api/campaigns', body)).json();
    expect(campaign.categories[0].items).toMatchObject([
      { name: '大米', quantity: 2, unitPriceFen: 6000 },
      { name: '食用油', quantity: 1 },
    ]);
    expect(budget.lines[0].perPersonFen).toBe(200_000 + 12_000 + 7500);
    expect(budget.grandTotalFen).toBe(188 * 219_500);
  });

  it('saves an edit with the version it was loaded at, and refuses a stale one (409)', async () => {
    const created = (await organiser.post('/api/campaigns', smallCampaignRequest(tree.district.id))).json().campaign;
    const edit = {
      version: created.version,
      status: 'active',
      name: created.name,
      slogan: '情暖万家',
      purpose: null,
      requirements: null,
      year: 2027,
      phases: [{ name: '慰问阶段', startsOn: '2027-01-10', endsOn: '2027-02-10', description: null }],
      activities: [],
      categories: created.categories.map((category: { id: number; name: string }) => ({
        id: category.id,
        name: category.name,
        layer: 'general',
        plannedCount: 20,
        cashFen: 10_000,
        giftFen: 0,
      })),
    };
    const saved = await organiser.put(`/api/campaigns/${created.id}`, edit);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().budget.grandTotalFen).toBe(2 * 20 * 10_000);
    expect(saved.json().campaign.categories.map((category: { id: number }) => category.id)).toEqual(
      created.categories.map((category: { id: number }) => category.id),
    );
    const stale = await organiser.put(`/api/campaigns/${created.id}`, edit);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('spreads planned counts over units and keeps matching funds apart', async () => {
    const created = (await organiser.post('/api/campaigns', smallCampaignRequest(tree.district.id))).json().campaign;
    const spread = await organiser.post(`/api/campaigns/${created.id}/unit-plans/distribute`, {
      version: created.version,
      unitIds: [tree.villageA.id, tree.villageB.id],
    });
    expect(spread.statusCode).toBe(200);
    const view = spread.json();
    expect(view.budget.units).toEqual([
      { unitId: tree.villageA.id, unitName: '甲村', count: 6, totalFen: 5 * 50_000 + 50_000 },
      { unitId: tree.villageB.id, unitName: '乙村', count: 6, totalFen: 5 * 50_000 + 50_000 },
    ]);
    const withFunds = await organiser.put(`/api/campaigns/${created.id}/unit-plans`, {
      version: view.campaign.version,
      plans: view.campaign.unitPlans.map((plan: { unitId: number; categoryId: number; plannedCount: number }) => ({
        unitId: plan.unitId,
        categoryId: plan.categoryId,
        plannedCount: plan.plannedCount,
      })),
      matchingFunds: [{ unitId: tree.villageA.id, amountFen: 300_000, note: '村集体配套' }],
    });
    expect(withFunds.json().budget).toMatchObject({
      grandTotalFen: 600_000,
      matchingTotalFen: 300_000,
      overallFen: 900_000,
    });
  });

  it('answers how many households the money serves (篇八)', async () => {
    const response = await organiser.post('/api/budget/affordable', {
      availableFen: 2_000_000,
      perHouseholdFen: 60_000,
    });
    expect(response.json()).toEqual({ households: 33, spentFen: 1_980_000, remainderFen: 20_000 });
  });

  it('exports the plan as a Word document', async () => {
    const created = (await organiser.post('/api/campaigns', pianWuRequest(tree.district.id))).json().campaign;
    const response = await organiser.get(`/api/campaigns/${created.id}/plan.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('篇五'));
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('reads a written plan, reports its 220xx, and imports it as a draft', async () => {
    const seed = fs.readFileSync(path.resolve('test/fixtures/spring-festival-plans.txt'), 'utf8');
    const lint = (await organiser.post('/api/plans/lint', { text: seed })).json();
    expect(lint.totalFen).toBe(281_350_000);
    expect(lint.problems).toMatchObject([{ line: 84, kind: 'unreadable-figure' }]);
    const imported = await organiser.post('/api/plans/import', {
      text: seed,
      organiserUnitId: tree.district.id,
      year: 2027,
    });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().campaign).toMatchObject({ status: 'draft', year: 2027 });
    expect(imported.json().budget.grandTotalFen).toBe(281_350_000);
    const nothing = await organiser.post('/api/plans/import', {
      text: '没有预算的文字',
      organiserUnitId: tree.district.id,
    });
    expect(nothing.statusCode).toBe(422);
  });

  describe('bad input: a clear message naming the field, 400/422, nothing saved', () => {
    async function campaignCount() {
      return (await organiser.get('/api/campaigns')).json().campaigns.length as number;
    }

    async function expectRejected(body: unknown, status: number, field: string) {
      const before = await campaignCount();
      const response = await organiser.post('/api/campaigns', body);
      expect(response.statusCode).toBe(status);
      const json = response.json();
      expect(json.details.map((detail: { field: string }) => detail.field)).toContain(field);
      if (status === 400) expect(json.message).toContain(field);
      expect(await campaignCount()).toBe(before);
      return json;
    }

    function withCategory(patch: Record<string, unknown>) {
      const body = smallCampaignRequest(tree.district.id);
      return { ...body, categories: [{ ...body.categories[0]!, ...patch }] };
    }

    it('a negative count', async () => {
      await expectRejected(withCategory({ plannedCount: -3 }), 400, 'categories.0.plannedCount');
    });

    it('a fractional count', async () => {
      await expectRejected(withCategory({ plannedCount: 2.5 }), 400, 'categories.0.plannedCount');
    });

    it('a price with more than two decimals (a fraction of a fen)', async () => {
      await expectRejected(withCategory({ cashFen: 10_000.5 }), 400, 'categories.0.cashFen');
    });

    it('a category without a standard', async () => {
      const json = await expectRejected(withCategory({ cashFen: 0, giftFen: 0 }), 422, 'categories.0.cashFen');
      expect(json.code).toBe('PLAN_INVALID');
    });

    it('a phase that ends before it starts', async () => {
      const body = {
        ...smallCampaignRequest(tree.district.id),
        phases: [{ name: '宣传阶段', startsOn: '2027-01-10', endsOn: '2026-12-20' }],
      };
      await expectRejected(body, 422, 'phases.0.endsOn');
    });

    it('in Chinese when the client asks for it', async () => {
      const zh = await signedInClient(
        app,
        await makeAccount(database.db, { role: 'organiser', unit: tree.district }),
        'zh-CN',
      );
      const response = await zh.post('/api/campaigns', {
        ...smallCampaignRequest(tree.district.id),
        phases: [{ name: '宣传阶段', startsOn: '2027-01-10', endsOn: '2026-12-20' }],
      });
      expect(response.json().message).toContain('结束日期');
    });

    it('an over-long field and an over-long body', async () => {
      await expectRejected({ ...smallCampaignRequest(tree.district.id), name: '长'.repeat(121) }, 400, 'name');
      const huge = await organiser.post('/api/campaigns', {
        ...smallCampaignRequest(tree.district.id),
        purpose: 'x'.repeat(BODY_LIMIT_BYTES + 10),
      });
      expect(huge.statusCode).toBe(400);
      expect(huge.json().code).toBe('FST_ERR_CTP_BODY_TOO_LARGE');
    });

    it('a malformed JSON body', async () => {
      const response = await organiser.request('POST', '/api/campaigns', '{"name": "半截', {
        'content-type': 'application/json',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
    });
  });
});
