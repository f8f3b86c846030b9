/**
 * One explicit action that takes the plan's 单位分配 as identification quotas (plan-quotas.ts): a preview
 * for the organiser's confirmation, then the change itself in one audited transaction that computes
 * it again, so what is written is what the places taken allow at that moment.
 */
import type { Db, DbOrTx } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { assertCampaignOpen, getCampaign } from '../campaign/campaign.service.ts';
import { assertCan, type Actor } from '../org/scope.ts';
import { listUnitsInScope } from '../org/unit.repository.ts';
import { forbidden } from '../shared/errors.ts';
import * as repo from './identification.repository.ts';
import { QUOTA_COUNTED_STATUSES } from './nomination-state.ts';
import { quotasFromPlan, type PlanQuotas } from './plan-quotas.ts';

export async function previewQuotasFromPlan(db: Db, actor: Actor, campaignId: number): Promise<PlanQuotas> {
  return (await planQuotasOf(db, actor, campaignId)).result;
}

export async function takeQuotasFromPlan(db: Db, actor: Actor, campaignId: number): Promise<PlanQuotas> {
  return db.transaction().execute(async (trx) => {
    await assertCampaignOpen(trx, actor, campaignId);
    const { result, organiserUnitId } = await planQuotasOf(trx, actor, campaignId, { holdQuotas: true });
    for (const change of result.changes)
      await repo.upsertQuota(trx, campaignId, change.categoryId, change.unitId, change.to);
    await appendAudit(trx, actor, {
      action: 'set-quotas-from-plan',
      entity: 'campaign',
      entityId: campaignId,
      unitId: organiserUnitId,
      before: result.changes.map(({ unitId, categoryId, from }) => ({ unitId, categoryId, quota: from })),
      after: {
        changes: result.changes.map(({ unitId, categoryId, to }) => ({ unitId, categoryId, quota: to })),
        keptAbovePlan: result.keptAbovePlan,
      },
    });
    return result;
  });
}

/** The plan belongs to the organising unit: only it turns the plan into quotas. */
async function planQuotasOf(db: DbOrTx, actor: Actor, campaignId: number, options = { holdQuotas: false }) {
  assertCan(actor, 'quotas.manage');
  const view = await getCampaign(db, actor, campaignId);
  if (!view.canEdit) throw forbidden('only the organising unit can do this', '只有组织单位可以执行此操作');
  const { campaign } = view;
  const [units, quotas] = await Promise.all([listUnitsInScope(db, actor), repo.listQuotas(db, actor, campaignId)]);
  const paths = new Map(units.map((unit) => [unit.id, unit.path]));
  const categoryNames = new Map(campaign.categories.map((category) => [category.id, category.name]));
  const plans = campaign.unitPlans
    .filter((plan) => paths.has(plan.unitId))
    .map((plan) => ({
      ...plan,
      unitPath: paths.get(plan.unitId)!,
      categoryName: categoryNames.get(plan.categoryId) ?? '',
    }));
  // applying: the quotas are held before the places taken are counted (limit-guard.ts), so a
  // nomination arriving meanwhile is counted before, or waits and is checked against the new quota
  if (options.holdQuotas) await repo.holdQuotaLimits(db, plans);
  const used = [];
  for (const plan of plans) {
    used.push({
      unitId: plan.unitId,
      categoryId: plan.categoryId,
      used: await repo.countUsedQuota(db, plan.categoryId, plan.unitId, QUOTA_COUNTED_STATUSES),
    });
  }
  return { result: quotasFromPlan({ plans, quotas, used }), organiserUnitId: campaign.organiserUnitId };
}
