/**
 * The demo a newcomer starts with is a complete campaign for 海门区: identification set up, quotas per
 * village from the plan, a list under way, and an account for every step of the review chain, so the
 * whole path can be walked with the printed accounts alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, TEST_CIPHER, type Client } from '../helpers/build-app.ts';
import { DEMO_PASSWORD, loadDemo, type DemoSummary } from '../../src/demo/load-demo.ts';

describe.each(DIALECTS)('the demo on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let demo: DemoSummary;
  const as = (username: string): Promise<Client> => signedInClient(app, { username, password: DEMO_PASSWORD });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    demo = await loadDemo(database.db, TEST_CIPHER);
    app = await buildTestApp(database.db);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('writes the plan for 海门区, with identification set up', async () => {
    const organiser = await as('organiser');
    const { campaign } = (await organiser.get(`/api/campaigns/${demo.campaignId}`)).json();
    expect(campaign.name).toContain('海门区');
    const words = [
      campaign.purpose,
      campaign.requirements,
      ...campaign.phases.map((phase: { description: string }) => phase.description),
      ...campaign.activities.map((activity: { description: string; responsibleUnits: string }) =>
        [activity.description, activity.responsibleUnits].join(''),
      ),
    ].join('\n');
    expect(words).toContain('海门区');
    expect(words).not.toMatch(/全市|市委|市民政局|我市/);

    const { settings } = (await organiser.get(`/api/campaigns/${demo.campaignId}/identification`)).json();
    expect(settings).toMatchObject({
      firstDeadline: '2026-12-15',
      finalDeadline: '2026-12-20',
      firstDeadlineShare: 70,
    });
    const byName = new Map(
      campaign.categories.map((category: { id: number; name: string }) => [category.id, category.name]),
    );
    const setting = (name: string) =>
      settings.categories.find((entry: { categoryId: number }) => byName.get(entry.categoryId) === name);
    expect(setting('百岁老人')).toMatchObject({ minAge: 100, registryCategoryId: expect.any(Number) });
    expect(setting('农村低保人员').criteria.length).toBeGreaterThan(0);
    const linked = settings.categories.filter(
      (entry: { registryCategoryId: number | null }) => entry.registryCategoryId,
    );
    expect(linked.length).toBeGreaterThanOrEqual(11);
  });

  it('gives the towns the plan as quotas and shares them among the villages', async () => {
    const organiser = await as('organiser');
    const { campaign } = (await organiser.get(`/api/campaigns/${demo.campaignId}`)).json();
    const preview = (await organiser.get(`/api/campaigns/${demo.campaignId}/quotas/from-plan`)).json().preview;
    expect(preview.changes).toEqual([]);
    expect(preview.unchanged).toBe(campaign.unitPlans.length);
    const village = await as('village-clerk');
    const quotas = (await village.get(`/api/campaigns/${demo.campaignId}/quotas`)).json().quotas;
    expect(quotas.reduce((sum: number, row: { quota: number }) => sum + row.quota, 0)).toBeGreaterThan(10);
  });

  it('has an account for each step of the review chain, and the list can go all the way up', async () => {
    expect(demo.reviewSteps.map((step) => [step.label, step.username])).toEqual([
      ['镇街审核', 'town-reviewer'],
      ['区县审批', 'reviewer'],
    ]);
    const village = await as('village-clerk');
    const waiting = (await village.get(`/api/campaigns/${demo.campaignId}/nominations?status=in-review`)).json();
    expect(waiting.total).toBe(3);
    expect(waiting.nominations[0].reviewStep).toMatchObject({ label: '镇街审核', canAct: false });
    const listed = (await village.get(`/api/campaigns/${demo.campaignId}/nominations`)).json().nominations;
    expect(listed.map((row: { status: string }) => row.status).sort()).toEqual(
      ['in-review', 'in-review', 'in-review', 'nominated', 'verified', 'verifying'].sort(),
    );

    const ids = waiting.nominations.map((row: { id: number }) => row.id);
    const town = await as('town-reviewer');
    const townView = (await town.get(`/api/campaigns/${demo.campaignId}/nominations?status=in-review`)).json();
    expect(townView.nominations.every((row: { reviewStep: { canAct: boolean } }) => row.reviewStep.canAct)).toBe(true);
    const first = await town.post(`/api/campaigns/${demo.campaignId}/nominations/review`, {
      ids,
      action: 'approve',
      opinion: '经镇民政办审核，同意上报',
    });
    expect(first.statusCode).toBe(200);
    const district = await as('reviewer');
    const last = await district.post(`/api/campaigns/${demo.campaignId}/nominations/review`, {
      ids,
      action: 'approve',
    });
    expect(last.json().states.map((state: { status: string }) => state.status)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);

    const visitor = await as('visitor');
    const detail = (await visitor.get(`/api/campaigns/${demo.campaignId}/nominations/${ids[0]}`)).json().nomination;
    expect(detail.household.address).toMatch(/组\d+号$/);
  });
});
