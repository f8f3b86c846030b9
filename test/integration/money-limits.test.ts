import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { smallCampaignRequest } from '../helpers/campaign-input.ts';

/** Figures each within its own bound can still multiply or add up past Number.MAX_SAFE_INTEGER fen. */
describe.each(DIALECTS)('money and counts too large for a budget, on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let organiser: Client;
  let organiserZh: Client;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  /** 100,000.00 yuan a piece: the dearest item the catalogue takes */
  let dearItemId: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    const account = await makeAccount(database.db, { role: 'organiser', unit: tree.district });
    organiser = await signedInClient(app, account);
    organiserZh = await signedInClient(app, account, 'zh-CN,zh;q=0.9');
    const item = await organiser.post('/api/items', {
      name: '金条',
      spec: '1kg',
      unitLabel: '根',
      unitPriceFen: 10_000_000,
    });
    dearItemId = item.json().item.id;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  function campaignWith(categories: Record<string, unknown>[]) {
    return { ...smallCampaignRequest(tree.district.id), categories };
  }

  /** 1,000 items at 100,000.00 yuan for each of 10,000,000 people: every figure in bounds, the total not. */
  const dearCategory = () => ({
    name: '困难户',
    layer: 'general',
    plannedCount: 10_000_000,
    cashFen: 0,
    giftFen: 0,
    items: [{ itemId: dearItemId, quantity: 1000 }],
  });

  function fieldsOf(response: { json(): unknown }): (string | undefined)[] {
    return (response.json() as { details: { field?: string }[] }).details.map((detail) => detail.field);
  }

  it('refuses 100,000,000 people × 1e12 fen at the schema, naming both fields, in Chinese and in English', async () => {
    const huge = [{ name: '困难户', layer: 'general', plannedCount: 100_000_000, cashFen: 1e12, giftFen: 0 }];
    const zh = await organiserZh.post('/api/campaigns', campaignWith(huge));
    expect(zh.statusCode).toBe(400);
    expect(fieldsOf(zh)).toEqual(['categories.0.plannedCount', 'categories.0.cashFen']);
    expect(zh.json().message).toMatch(/^categories\.0\.plannedCount: .*数值过大/);
    const en = await organiser.post('/api/campaigns', campaignWith(huge));
    expect(en.statusCode).toBe(400);
    expect(en.json().details[0].message).toBe('categories.0.plannedCount: must be at most 10,000,000 people');
    expect(en.json().details[1].message).toBe(
      'categories.0.cashFen: must be at most 100,000.00 yuan (10,000,000 fen) per person',
    );
  });

  it('bounds an item quantity and a catalogue price at the schema', async () => {
    const quantity = await organiser.post(
      '/api/campaigns',
      campaignWith([{ ...dearCategory(), plannedCount: 1, items: [{ itemId: dearItemId, quantity: 1_000_000 }] }]),
    );
    expect(quantity.statusCode).toBe(400);
    expect(fieldsOf(quantity)).toEqual(['categories.0.items.0.quantity']);
    const price = await organiser.post('/api/items', { name: '礼包', spec: '盒', unitLabel: '盒', unitPriceFen: 1e12 });
    expect(price.statusCode).toBe(400);
    expect(fieldsOf(price)).toEqual(['unitPriceFen']);
  });

  it('refuses a line total past the safe range with a 422 naming the planned count, in Chinese and in English', async () => {
    const zh = await organiserZh.post('/api/campaigns', campaignWith([dearCategory()]));
    expect(zh.statusCode).toBe(422);
    expect(zh.json()).toMatchObject({ code: 'BUDGET_OUT_OF_RANGE', details: [{ field: 'categories.0.plannedCount' }] });
    expect(zh.json().message).toContain('困难户');
    expect(zh.json().message).toMatch(/超出/);
    const en = await organiser.post('/api/campaigns', campaignWith([dearCategory()]));
    expect(en.statusCode).toBe(422);
    expect(en.json().message).toMatch(/困难户.*too large/);
  });

  it('refuses a grand total past the safe range, naming the category where it overflows', async () => {
    // 46 × 10,000,000 people × 200,000.00 yuan = 9.2e15 fen, just past 2^53 − 1
    const categories = Array.from({ length: 46 }, (_, index) => ({
      name: `类别${index}`,
      layer: 'general',
      plannedCount: 10_000_000,
      cashFen: 10_000_000,
      giftFen: 10_000_000,
    }));
    const response = await organiser.post('/api/campaigns', campaignWith(categories));
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'BUDGET_OUT_OF_RANGE',
      details: [{ field: 'categories.45.plannedCount' }],
    });
    const fits = await organiser.post('/api/campaigns', campaignWith(categories.slice(0, 45)));
    expect(fits.statusCode).toBe(201);
    expect(fits.json().budget.grandTotalFen).toBe(45 * 10_000_000 * 20_000_000);
  });

  it('refuses the same on an update of a saved campaign', async () => {
    const created = (await organiser.post('/api/campaigns', smallCampaignRequest(tree.district.id))).json().campaign;
    const response = await organiserZh.put(`/api/campaigns/${created.id}`, {
      version: created.version,
      status: 'draft',
      name: created.name,
      slogan: null,
      purpose: null,
      requirements: null,
      year: 2027,
      phases: [],
      activities: [],
      categories: [{ ...dearCategory(), id: created.categories[0].id }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().details[0].field).toBe('categories.0.plannedCount');
  });

  it("refuses a unit's planned count whose total passes the safe range", async () => {
    const created = (
      await organiser.post('/api/campaigns', campaignWith([{ ...dearCategory(), plannedCount: 1 }]))
    ).json().campaign;
    const response = await organiser.put(`/api/campaigns/${created.id}/unit-plans`, {
      version: created.version,
      plans: [{ unitId: tree.villageA.id, categoryId: created.categories[0].id, plannedCount: 10_000_000 }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'BUDGET_OUT_OF_RANGE',
      details: [{ field: 'plans.0.plannedCount' }],
    });
  });

  it('reads a written plan with impossible figures as a problem on its line, and drafts the rest', async () => {
    const text = [
      '一、面上慰问',
      '1、低保户100人，安排慰问金100元/人，计10000元。',
      '2、困难户100000000人，安排慰问金10000000000元/人，计1元。',
    ].join('\n');
    const lint = await organiser.post('/api/plans/lint', { text });
    expect(lint.statusCode).toBe(200);
    expect(lint.json().problems).toContainEqual(expect.objectContaining({ line: 3, kind: 'unreadable-line' }));
    const imported = await organiser.post('/api/plans/import', { text, organiserUnitId: tree.district.id });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().campaign.categories.map((category: { name: string }) => category.name)).toEqual(['低保户']);
  });

  it('bounds a quota at the schema like a planned count', async () => {
    const created = (await organiser.post('/api/campaigns', smallCampaignRequest(tree.district.id))).json().campaign;
    const response = await organiser.put(`/api/campaigns/${created.id}/quotas`, {
      entries: [{ unitId: tree.villageA.id, categoryId: created.categories[0].id, quota: 100_000_000 }],
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['entries.0.quota']);
  });
});
