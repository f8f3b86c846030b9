import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { smallCampaignRequest } from '../helpers/campaign-input.ts';

/** A clerk of village A cannot list, read, change or export anything of village B, even by guessing ids. */
describe.each(DIALECTS)('unit subtree scoping on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let clerkA: Client;
  let adminA: Client;
  let campaignOfB: { id: number; version: number };
  let districtCampaignId: number;
  let accountOfBId: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    clerkA = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    adminA = await signedInClient(app, await makeAccount(database.db, { role: 'admin', unit: tree.villageA }));
    const organiserB = await makeAccount(database.db, { role: 'organiser', unit: tree.villageB });
    accountOfBId = organiserB.actor.accountId;
    const clientB = await signedInClient(app, organiserB);
    campaignOfB = (
      await clientB.post('/api/campaigns', { ...smallCampaignRequest(tree.villageB.id), name: '乙村自办慰问' })
    ).json().campaign;

    const districtOrganiser = await signedInClient(
      app,
      await makeAccount(database.db, { role: 'organiser', unit: tree.district }),
    );
    const district = (await districtOrganiser.post('/api/campaigns', smallCampaignRequest(tree.district.id))).json()
      .campaign;
    districtCampaignId = district.id;
    await districtOrganiser.post(`/api/campaigns/${district.id}/unit-plans/distribute`, {
      version: district.version,
      unitIds: [tree.villageA.id, tree.villageB.id],
    });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('lists only units of its own subtree', async () => {
    const units = (await clerkA.get('/api/units')).json().units;
    expect(units.map((unit: { name: string }) => unit.name)).toEqual(['甲村']);
  });

  it('cannot read, rename, move under or close a unit of B by its id (404, like a missing one)', async () => {
    expect((await clerkA.get(`/api/units/${tree.villageB.id}`)).statusCode).toBe(404);
    expect((await adminA.patch(`/api/units/${tree.villageB.id}`, { name: '被改名' })).statusCode).toBe(404);
    expect((await adminA.post(`/api/units/${tree.villageB.id}/close`)).statusCode).toBe(404);
    expect(
      (await adminA.post('/api/units', { parentId: tree.villageB.id, name: '插入', kind: 'other' })).statusCode,
    ).toBe(422);
    expect((await adminA.patch(`/api/units/${tree.villageA.id}`, { parentId: tree.villageB.id })).statusCode).toBe(422);
  });

  it("does not see B's own campaign in lists, by id, or as a Word export", async () => {
    const names = (await clerkA.get('/api/campaigns')).json().campaigns.map((c: { name: string }) => c.name);
    expect(names).not.toContain('乙村自办慰问');
    expect((await clerkA.get(`/api/campaigns/${campaignOfB.id}`)).statusCode).toBe(404);
    expect((await clerkA.get(`/api/campaigns/${campaignOfB.id}/plan.docx`)).statusCode).toBe(404);
  });

  it("cannot change B's campaign", async () => {
    const response = await adminA.put(`/api/campaigns/${campaignOfB.id}`, {
      version: campaignOfB.version,
      status: 'draft',
      name: '篡改',
      year: 2027,
      phases: [],
      activities: [],
      categories: [],
    });
    expect(response.statusCode).toBe(404);
  });

  it("sees the district campaign it takes part in, but only its own unit's planned counts", async () => {
    const view = (await clerkA.get(`/api/campaigns/${districtCampaignId}`)).json();
    expect(view.canEdit).toBe(false);
    expect(new Set(view.campaign.unitPlans.map((plan: { unitId: number }) => plan.unitId))).toEqual(
      new Set([tree.villageA.id]),
    );
  });

  it("cannot list, reset or disable B's accounts, nor read B's audit trail", async () => {
    const accounts = (await adminA.get('/api/accounts')).json().accounts;
    expect(accounts.every((account: { unitId: number }) => account.unitId === tree.villageA.id)).toBe(true);
    expect((await adminA.post(`/api/accounts/${accountOfBId}/reset-password`)).statusCode).toBe(404);
    expect((await adminA.post(`/api/accounts/${accountOfBId}/disabled`, { disabled: true })).statusCode).toBe(404);
    const audit = (await adminA.get(`/api/audit?entity=campaign&entityId=${campaignOfB.id}`)).json().entries;
    expect(audit).toEqual([]);
  });

  it('a clerk cannot manage accounts or units at all (403)', async () => {
    expect((await clerkA.get('/api/accounts')).statusCode).toBe(403);
    expect(
      (await clerkA.post('/api/units', { parentId: tree.villageA.id, name: '小组', kind: 'other' })).statusCode,
    ).toBe(403);
    expect((await clerkA.post('/api/campaigns', smallCampaignRequest(tree.villageA.id))).statusCode).toBe(403);
  });
});
