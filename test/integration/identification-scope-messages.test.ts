/**
 * A clerk is told a person is already on the list without learning which unit, outside the clerk's
 * own subtree, put them forward (a person who moved from village A to village B).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/people.ts';

describe.each(DIALECTS)('identification messages within scope on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('names the nominating unit to those who may see it, and only “another unit” to the others', async () => {
    const tree = await makeTree(database.db);
    const organiser = await signedInClient(
      app,
      await makeAccount(database.db, { role: 'organiser', unit: tree.district }),
      'zh-CN',
    );
    const clerkA = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    const clerkB = await signedInClient(
      app,
      await makeAccount(database.db, { role: 'clerk', unit: tree.villageB }),
      'zh-CN',
    );
    const campaign = (
      await organiser.post('/api/campaigns', {
        name: '迁居测试',
        year: 2027,
        organiserUnitId: tree.district.id,
        categories: [{ name: '困难家庭', layer: 'general', plannedCount: 4, cashFen: 50_000, giftFen: 0 }],
      })
    ).json().campaign as { id: number; categories: { id: number }[] };
    const categoryId = campaign.categories[0]!.id;
    await organiser.put(`/api/campaigns/${campaign.id}/quotas`, {
      entries: [
        { unitId: tree.villageA.id, categoryId, quota: 2 },
        { unitId: tree.villageB.id, categoryId, quota: 2 },
      ],
    });
    const person = await clerkA.post('/api/registry/people', {
      name: '迁居者',
      idNumber: makeIdNumber('320684', '19610101'),
      unitId: tree.villageA.id,
      categoryIds: [],
    });
    const personId = person.json().person.id as number;
    const body = (unitId: number) => ({ personId, categoryId, unitId, consent: true, checklist: {} });
    expect((await clerkA.post(`/api/campaigns/${campaign.id}/nominations`, body(tree.villageA.id))).statusCode).toBe(
      201,
    );
    // the family moves to village B after being put forward in village A
    await database.db.updateTable('person').set({ unit_id: tree.villageB.id }).where('id', '=', personId).execute();
    await database.db
      .updateTable('household')
      .set({ unit_id: tree.villageB.id })
      .where('id', '=', person.json().person.householdId ?? -1)
      .execute();

    const fromB = await clerkB.post(`/api/campaigns/${campaign.id}/nominations`, body(tree.villageB.id));
    expect(fromB.statusCode).toBe(422);
    expect(fromB.json().code).toBe('ALREADY_NOMINATED');
    expect(fromB.json().message).toContain('其他单位');
    expect(fromB.body).not.toContain('甲村');

    const fromOrganiser = await organiser.post(`/api/campaigns/${campaign.id}/nominations`, body(tree.villageB.id));
    expect(fromOrganiser.json().code).toBe('ALREADY_NOMINATED');
    expect(fromOrganiser.json().message).toContain('甲村');
  });
});
