/**
 * Limits that must hold when many requests arrive at once: a quota, one place per person per
 * campaign, a quota split down the tree, a review step taken once. Each race fires its requests
 * together (on PostgreSQL each runs on its own pooled connection), is repeated, and then the stored
 * rows, the history lines and the audit rows are counted: a change takes effect once, and only the
 * request that made it records it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/people.ts';

const RACERS = 6;
const ROUNDS = 3;

describe.each(DIALECTS)('limits under concurrency on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let organiser: Client;
  let townClerk: Client;
  let clerks: Client[];
  let reviewers: Client[];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    organiser = await signedInClient(app, await makeAccount(database.db, { role: 'organiser', unit: tree.district }));
    townClerk = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.town }));
    clerks = await Promise.all(
      [1, 2].map(async () =>
        signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA })),
      ),
    );
    reviewers = await Promise.all(
      [1, 2, 3].map(async () =>
        signedInClient(app, await makeAccount(database.db, { role: 'reviewer', unit: tree.town })),
      ),
    );
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  /** A campaign of one category with verification off and a one-step chain at the town. */
  async function freshCampaign(villageQuota: number) {
    const created = await organiser.post('/api/campaigns', {
      name: `并发测试${Math.random().toString(36).slice(2, 8)}`,
      year: 2027,
      organiserUnitId: tree.district.id,
      categories: [{ name: '困难家庭', layer: 'general', plannedCount: 10, cashFen: 50_000, giftFen: 0 }],
    });
    expect(created.statusCode).toBe(201);
    const campaign = created.json().campaign as { id: number; categories: { id: number }[] };
    const categoryId = campaign.categories[0]!.id;
    const settings = await organiser.put(`/api/campaigns/${campaign.id}/identification`, {
      firstDeadline: null,
      finalDeadline: null,
      firstDeadlineShare: null,
      noticeDays: 3,
      verificationRequired: false,
      reviewChain: [{ label: '镇街审核', unit: { levelsUp: 1 }, roles: ['reviewer'] }],
      categories: [{ categoryId, registryCategoryId: null, minAge: null, criteria: [] }],
    });
    expect(settings.statusCode).toBe(200);
    const quota = await organiser.put(`/api/campaigns/${campaign.id}/quotas`, {
      entries: [{ unitId: tree.villageA.id, categoryId, quota: villageQuota }],
    });
    expect(quota.statusCode).toBe(200);
    return { campaignId: campaign.id, categoryId };
  }

  async function registerPeople(count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const response = await clerks[0]!.post('/api/registry/people', {
        name: `并发${String.fromCharCode(0x4e00 + Math.floor(Math.random() * 2000))}${i}`,
        idNumber: makeIdNumber('320684', '19600101'),
        unitId: tree.villageA.id,
        categoryIds: [],
      });
      expect(response.statusCode).toBe(201);
      ids.push(response.json().person.id);
    }
    return ids;
  }

  function nominate(client: Client, campaignId: number, categoryId: number, personId: number) {
    return client.post(`/api/campaigns/${campaignId}/nominations`, {
      personId,
      categoryId,
      unitId: tree.villageA.id,
      consent: true,
      checklist: {},
    });
  }

  async function storedNominations(campaignId: number) {
    return database.db
      .selectFrom('nomination')
      .select(['id', 'person_id', 'state'])
      .where('campaign_id', '=', campaignId)
      .execute();
  }

  async function historyLines(nominationIds: number[], to: string) {
    if (nominationIds.length === 0) return 0;
    const rows = await database.db
      .selectFrom('nomination_event')
      .select('id')
      .where('nomination_id', 'in', nominationIds)
      .where('to_state', '=', to)
      .execute();
    return rows.length;
  }

  async function auditRows(action: string, nominationIds: number[]) {
    if (nominationIds.length === 0) return 0;
    const rows = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', action)
      .where('entity', '=', 'nomination')
      .where('entity_id', 'in', nominationIds.map(String))
      .execute();
    return rows.length;
  }

  it('quota 1 and six nominations of six people at once: exactly one is stored, recorded and audited', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { campaignId, categoryId } = await freshCampaign(1);
      const people = await registerPeople(RACERS);
      const responses = await Promise.all(
        people.map((personId, i) => nominate(clerks[i % 2]!, campaignId, categoryId, personId)),
      );
      const codes = responses.map((response) => response.statusCode).sort();
      expect(codes).toEqual([201, 422, 422, 422, 422, 422]);
      for (const refused of responses.filter((response) => response.statusCode === 422)) {
        expect(refused.json().code).toBe('OVER_QUOTA');
      }
      const stored = await storedNominations(campaignId);
      expect(stored).toHaveLength(1);
      const ids = stored.map((row) => row.id);
      expect(await historyLines(ids, 'nominated')).toBe(1);
      expect(await auditRows('nominate', ids)).toBe(1);
    }
  });

  it('one person nominated six times at once by two clerks, the town and the organiser: one row, one 201, one history line', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { campaignId, categoryId } = await freshCampaign(5);
      const [personId] = await registerPeople(1);
      const nominators = [clerks[0]!, clerks[1]!, townClerk, organiser, clerks[0]!, organiser];
      const responses = await Promise.all(
        nominators.map((client) => nominate(client, campaignId, categoryId, personId!)),
      );
      expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1);
      for (const refused of responses.filter((response) => response.statusCode !== 201)) {
        expect(refused.statusCode).toBe(422);
        expect(refused.json().code).toBe('ALREADY_NOMINATED');
      }
      const stored = await storedNominations(campaignId);
      expect(stored).toHaveLength(1);
      expect(await historyLines([stored[0]!.id], 'nominated')).toBe(1);
      expect(await auditRows('nominate', [stored[0]!.id])).toBe(1);
    }
  });

  it('after a withdrawal, six re-nominations at once bring the name back once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { campaignId, categoryId } = await freshCampaign(5);
      const [personId] = await registerPeople(1);
      const first = await nominate(clerks[0]!, campaignId, categoryId, personId!);
      expect(first.statusCode).toBe(201);
      const id = first.json().nomination.id as number;
      const withdrawn = await clerks[0]!.post(`/api/campaigns/${campaignId}/nominations/${id}/withdraw`, {
        reason: '本人放弃',
      });
      expect(withdrawn.statusCode).toBe(200);
      const responses = await Promise.all(
        Array.from({ length: RACERS }, (_, i) => nominate(clerks[i % 2]!, campaignId, categoryId, personId!)),
      );
      expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1);
      for (const refused of responses.filter((response) => response.statusCode !== 201)) {
        expect(refused.json().code).toBe('ALREADY_NOMINATED');
      }
      expect(await historyLines([id], 'nominated')).toBe(2);
      expect(await auditRows('nominate', [id])).toBe(2);
    }
  });

  it('a withdrawn place freed and taken by six at once: the quota still holds', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { campaignId, categoryId } = await freshCampaign(1);
      const [firstPerson, ...others] = await registerPeople(RACERS + 1);
      const first = await nominate(clerks[0]!, campaignId, categoryId, firstPerson!);
      const id = first.json().nomination.id as number;
      await clerks[0]!.post(`/api/campaigns/${campaignId}/nominations/${id}/withdraw`, { reason: '迁出本村' });
      const responses = await Promise.all(
        [firstPerson!, ...others.slice(0, RACERS - 1)].map((personId, i) =>
          nominate(clerks[i % 2]!, campaignId, categoryId, personId),
        ),
      );
      expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1);
      const counted = (await storedNominations(campaignId)).filter((row) => row.state !== 'withdrawn');
      expect(counted).toHaveLength(1);
    }
  });

  it('a town splitting its quota in two requests at once cannot give its villages more than it holds', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { campaignId, categoryId } = await freshCampaign(0);
      const held = await organiser.put(`/api/campaigns/${campaignId}/quotas`, {
        entries: [{ unitId: tree.town.id, categoryId, quota: 2 }],
      });
      expect(held.statusCode).toBe(200);
      const [toA, toB] = await Promise.all([
        townClerk.put(`/api/campaigns/${campaignId}/quotas`, {
          entries: [{ unitId: tree.villageA.id, categoryId, quota: 2 }],
        }),
        townClerk.put(`/api/campaigns/${campaignId}/quotas`, {
          entries: [{ unitId: tree.villageB.id, categoryId, quota: 2 }],
        }),
      ]);
      expect([toA!.statusCode, toB!.statusCode].sort()).toEqual([200, 422]);
      const quotas = await database.db
        .selectFrom('campaign_quota')
        .select(['unit_id', 'quota'])
        .where('category_id', '=', categoryId)
        .where('unit_id', 'in', [tree.villageA.id, tree.villageB.id])
        .execute();
      expect(quotas.reduce((sum, row) => sum + row.quota, 0)).toBeLessThanOrEqual(2);
    }
  });

  it('a quota cannot be lowered below the places taken while names are being put forward', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { campaignId, categoryId } = await freshCampaign(3);
      const people = await registerPeople(3);
      const [lowered, ...nominated] = await Promise.all([
        organiser.put(`/api/campaigns/${campaignId}/quotas`, {
          entries: [{ unitId: tree.villageA.id, categoryId, quota: 1 }],
        }),
        ...people.map((personId, i) => nominate(clerks[i % 2]!, campaignId, categoryId, personId)),
      ]);
      const quota = await database.db
        .selectFrom('campaign_quota')
        .select('quota')
        .where('category_id', '=', categoryId)
        .where('unit_id', '=', tree.villageA.id)
        .executeTakeFirstOrThrow();
      const taken = (await storedNominations(campaignId)).length;
      expect(taken).toBeLessThanOrEqual(quota.quota);
      expect(taken).toBe(nominated.filter((response) => response.statusCode === 201).length);
      if (lowered!.statusCode !== 200) expect(lowered!.json().code).toBe('QUOTA_SPLIT_INVALID');
    }
  });

  it('three reviewers approving the same names at once, in different orders: each name moves once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { campaignId, categoryId } = await freshCampaign(4);
      const people = await registerPeople(4);
      const ids: number[] = [];
      for (const personId of people) {
        ids.push((await nominate(clerks[0]!, campaignId, categoryId, personId)).json().nomination.id);
      }
      const submitted = await clerks[0]!.post(`/api/campaigns/${campaignId}/nominations/submit`, { ids });
      expect(submitted.statusCode).toBe(200);
      const orders = [ids, [...ids].reverse(), [ids[2]!, ids[0]!, ids[3]!, ids[1]!]];
      const responses = await Promise.all(
        reviewers.map((reviewer, i) =>
          reviewer.post(`/api/campaigns/${campaignId}/nominations/review`, { ids: orders[i], action: 'approve' }),
        ),
      );
      const codes = responses.map((response) => response.statusCode).sort();
      expect(codes).toEqual([200, 409, 409]);
      for (const refused of responses.filter((response) => response.statusCode === 409)) {
        expect(refused.json().code).toBe('NOMINATION_CHANGED');
      }
      expect(await historyLines(ids, 'approved')).toBe(ids.length);
      expect(await auditRows('approveStep', ids)).toBe(ids.length);
    }
  });

  it('one ID number registered six times at once: one person, the others told it is registered', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const idNumber = makeIdNumber('320684', '19580203');
      const responses = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          clerks[i % 2]!.post('/api/registry/people', {
            name: '重复登记',
            idNumber,
            unitId: tree.villageA.id,
            categoryIds: [],
          }),
        ),
      );
      expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1);
      for (const refused of responses.filter((response) => response.statusCode !== 201)) {
        expect(refused.statusCode).toBe(409);
        expect(refused.json().code).toBe('PERSON_EXISTS');
      }
      const personId = responses.find((response) => response.statusCode === 201)!.json().person.id as number;
      const created = await database.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'create')
        .where('entity', '=', 'person')
        .where('entity_id', '=', String(personId))
        .execute();
      expect(created).toHaveLength(1);
    }
  });

  it('publishing the notices twice at once: one notice per unit, the second told it is published', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { campaignId, categoryId } = await freshCampaign(2);
      const people = await registerPeople(2);
      const ids: number[] = [];
      for (const personId of people) {
        ids.push((await nominate(clerks[0]!, campaignId, categoryId, personId)).json().nomination.id);
      }
      await clerks[0]!.post(`/api/campaigns/${campaignId}/nominations/submit`, { ids });
      expect(
        (await reviewers[0]!.post(`/api/campaigns/${campaignId}/nominations/review`, { ids, action: 'approve' }))
          .statusCode,
      ).toBe(200);
      const responses = await Promise.all([1, 2, 3].map(() => organiser.post(`/api/campaigns/${campaignId}/notices`)));
      const published = responses.filter((response) => response.statusCode < 300);
      expect(published).toHaveLength(1);
      for (const refused of responses.filter((response) => response.statusCode >= 300)) {
        // the later clicks find nothing left to publish: a clear answer, not a 500
        expect(refused.statusCode).toBe(422);
        expect(refused.json().code).toBe('NOTHING_TO_PUBLISH');
      }
      const notices = await database.db
        .selectFrom('public_notice')
        .select('id')
        .where('campaign_id', '=', campaignId)
        .execute();
      expect(notices).toHaveLength(1);
      expect(await historyLines(ids, 'noticed')).toBe(ids.length);
    }
  });
});
