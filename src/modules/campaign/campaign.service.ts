import type { Db, DbOrTx } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { assertCan, isPathInScope, isSystem, type Actor } from '../org/scope.ts';
import * as units from '../org/unit.repository.ts';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.ts';
import { apportion, computeBudget, type Budget } from './budget.ts';
import type { Campaign, CatalogueItem } from './campaign.ts';
import * as campaigns from './campaign.repository.ts';
import {
  assertBudgetInRange,
  assertYear,
  throwIfProblems,
  validateCategories,
  validatePhases,
} from './campaign-rules.ts';
import {
  assertCampaignOpenForChanges,
  assertMayReopen,
  campaignStage,
  mayReopen,
  type CampaignStage,
} from './campaign-state.ts';
import type { CreateCampaignInput, UnitPlansInput, UpdateCampaignInput } from './campaign.schemas.ts';

export interface CampaignView {
  campaign: Campaign;
  budget: Budget;
  /** false once the campaign is closed: everything in it is frozen */
  canEdit: boolean;
  /** the actor may reopen the closed campaign (the organiser's superior, or an administrator above it) */
  canReopen: boolean;
}

export interface CampaignSummary extends campaigns.CampaignSummaryRow {
  grandTotalFen: number;
  categoryCount: number;
  /** where the campaign really is, from its status and where its names are */
  stage: CampaignStage;
}

export async function listCampaigns(db: Db, actor: Actor): Promise<CampaignSummary[]> {
  assertCan(actor, 'campaigns.read');
  const rows = await campaigns.listVisibleCampaigns(db, actor);
  const names = await campaigns.nominationStatusCounts(
    db,
    rows.map((row) => row.id),
  );
  return Promise.all(
    rows.map(async (row) => {
      const view = await getCampaign(db, actor, row.id);
      return {
        ...row,
        grandTotalFen: view.budget.grandTotalFen,
        categoryCount: view.campaign.categories.length,
        stage: campaignStage(row.status, names.get(row.id) ?? []),
      };
    }),
  );
}

export async function getCampaign(db: DbOrTx, actor: Actor, id: number): Promise<CampaignView> {
  assertCan(actor, 'campaigns.read');
  const header = await campaigns.findVisibleCampaignHeader(db, actor, id);
  if (!header) throw notFound('campaign', '活动');
  const campaign = await campaigns.loadCampaign(db, actor, header);
  return {
    campaign,
    budget: computeBudget(campaign.categories, campaign.unitPlans, campaign.matchingFunds),
    canEdit: canEditCampaign(actor, header.organiserUnitPath) && header.status !== 'closed',
    canReopen: header.status === 'closed' && mayReopen(actor, header.organiserUnitPath),
  };
}

/**
 * The freeze, inside the caller's transaction: a campaign the actor cannot see is not found (a closed
 * one is not told apart from a missing one), and the status of one it can see is read under a row
 * lock (campaign.repository.ts), so a close and a change cannot pass each other. `update` when the
 * change itself writes the campaign row.
 */
export async function assertCampaignOpen(
  db: DbOrTx,
  actor: Actor,
  campaignId: number,
  mode: 'share' | 'update' = 'share',
): Promise<void> {
  const visible = await campaigns.findVisibleCampaignHeader(db, actor, campaignId);
  const status = visible ? await campaigns.lockCampaignStatus(db, campaignId, mode) : undefined;
  if (!status) throw notFound('campaign', '活动');
  assertCampaignOpenForChanges({ status });
}

function canEditCampaign(actor: Actor, organiserPath: string): boolean {
  return isPathInScope(organiserPath, actor) && (actor.role === 'admin' || actor.role === 'organiser');
}

async function requireEditable(db: DbOrTx, actor: Actor, id: number): Promise<campaigns.CampaignHeader> {
  assertCan(actor, 'campaigns.manage');
  const header = await campaigns.findVisibleCampaignHeader(db, actor, id);
  if (!header) throw notFound('campaign', '活动');
  if (!canEditCampaign(actor, header.organiserUnitPath)) {
    throw forbidden('only the organising unit can change this campaign', '只有组织单位可以修改此活动');
  }
  return header;
}

function validatePlan(input: Pick<CreateCampaignInput, 'year' | 'phases' | 'categories'>): void {
  assertYear(input.year);
  throwIfProblems([...validatePhases(input.phases), ...validateCategories(priceItemsForValidation(input.categories))]);
}

/** Items' prices are resolved from the catalogue later; for "has a standard" any item counts. */
function priceItemsForValidation(categories: CreateCampaignInput['categories']) {
  return categories.map((category) => ({
    ...category,
    items: category.items.map((item) => ({ ...item, unitPriceFen: 1 })),
  }));
}

/** Snapshots each item's catalogue price into the standard: later price edits do not move old budgets. */
async function priceCategories(
  db: DbOrTx,
  actor: Actor,
  categories: CreateCampaignInput['categories'],
): Promise<campaigns.CategoryInput[]> {
  const catalogue = new Map((await campaigns.listItemsVisible(db, actor)).map((item) => [item.id, item]));
  return categories.map((category, index) => ({
    ...category,
    items: category.items.map((item, itemIndex) => {
      const entry = catalogue.get(item.itemId);
      if (!entry) {
        throw invalid(
          'ITEM_UNKNOWN',
          `item ${item.itemId} is not in the catalogue`,
          `物资${item.itemId}不在物资目录中`,
          `categories.${index}.items.${itemIndex}.itemId`,
        );
      }
      return { itemId: item.itemId, quantity: item.quantity, unitPriceFen: entry.unitPriceFen };
    }),
  }));
}

export async function createCampaign(db: Db, actor: Actor, input: CreateCampaignInput): Promise<CampaignView> {
  assertCan(actor, 'campaigns.manage');
  validatePlan(input);
  return db.transaction().execute(async (trx) => {
    const organiser = await units.findUnitInScope(trx, actor, input.organiserUnitId);
    if (!organiser)
      throw invalid('UNIT_UNKNOWN', 'organiser unit not found', '组织单位不存在或无权访问', 'organiserUnitId');
    const id = await campaigns.insertCampaign(trx, organiser.id, actor.accountId || null, {
      name: input.name,
      slogan: input.slogan,
      purpose: input.purpose,
      requirements: input.requirements,
      year: input.year,
    });
    await campaigns.replacePhases(trx, id, input.phases);
    await campaigns.replaceActivities(trx, id, input.activities);
    const priced = await priceCategories(
      trx,
      actor,
      input.categories.map((c) => ({ ...c, id: null })),
    );
    assertBudgetInRange({ categories: priced, unitPlans: [], matchingFunds: [] });
    await campaigns.saveCategories(trx, id, priced);
    const view = await getCampaign(trx, actor, id);
    await appendAudit(trx, actor, {
      action: 'create',
      entity: 'campaign',
      entityId: id,
      unitId: organiser.id,
      after: view.campaign,
    });
    return view;
  });
}

export async function updateCampaign(
  db: Db,
  actor: Actor,
  id: number,
  input: UpdateCampaignInput,
): Promise<CampaignView> {
  validatePlan(input);
  return db.transaction().execute(async (trx) => {
    const header = await requireEditable(trx, actor, id);
    await assertCampaignOpen(trx, actor, id, 'update');
    const before = await campaigns.loadCampaign(trx, actor, header);
    const known = new Set(before.categories.map((category) => category.id));
    input.categories.forEach((category, index) => {
      if (category.id !== null && !known.has(category.id)) {
        throw invalid(
          'CATEGORY_UNKNOWN',
          `category ${category.id} is not part of this campaign`,
          '类别不属于此活动',
          `categories.${index}.id`,
        );
      }
    });
    const priced = await priceCategories(trx, actor, input.categories);
    // the saved unit plans and matching funds stay: the new standards must still fit with them
    assertBudgetInRange(
      { categories: priced, unitPlans: before.unitPlans, matchingFunds: before.matchingFunds },
      { unitPlan: (_index, categoryIndex) => `categories.${categoryIndex}.cashFen`, matchingFund: () => 'categories' },
    );
    // Guard: re-checked here, inside the transaction, by the version in the WHERE clause; two editors
    // saving the same version cannot both win.
    const saved = await campaigns.updateCampaignHeader(trx, id, input.version, {
      name: input.name,
      slogan: input.slogan,
      purpose: input.purpose,
      requirements: input.requirements,
      year: input.year,
      status: input.status,
    });
    if (!saved) throw staleVersion();
    if (input.status !== header.status) await recordStatusChange(trx, actor, header, input.status, null);
    await campaigns.replacePhases(trx, id, input.phases);
    await campaigns.replaceActivities(trx, id, input.activities);
    await campaigns.saveCategories(trx, id, priced);
    const view = await getCampaign(trx, actor, id);
    await appendAudit(trx, actor, {
      action: 'update',
      entity: 'campaign',
      entityId: id,
      unitId: header.organiserUnitId,
      before,
      after: view.campaign,
    });
    return view;
  });
}

async function recordStatusChange(
  db: DbOrTx,
  actor: Actor,
  header: campaigns.CampaignHeader,
  toStatus: Campaign['status'],
  reason: string | null,
): Promise<void> {
  await campaigns.insertStatusEvent(db, {
    campaignId: header.id,
    unitId: header.organiserUnitId,
    actor: actor.username,
    fromStatus: header.status,
    toStatus,
    reason,
  });
}

/**
 * Reopening a closed campaign: an act of the organiser's superior (or an administrator above it),
 * with its reason in the campaign's history and the audit log.
 */
export async function reopenCampaign(db: Db, actor: Actor, id: number, reason: string): Promise<CampaignView> {
  assertCan(actor, 'campaigns.manage');
  return db.transaction().execute(async (trx) => {
    const header = await campaigns.findVisibleCampaignHeader(trx, actor, id);
    if (!header) throw notFound('campaign', '活动');
    const why = assertMayReopen(actor, header, reason);
    if (!(await campaigns.reopenCampaign(trx, id))) {
      throw conflict('CAMPAIGN_NOT_CLOSED', 'the campaign was reopened meanwhile', '该活动已被他人重新开启');
    }
    await recordStatusChange(trx, actor, header, 'active', why);
    await appendAudit(trx, actor, {
      action: 'reopen',
      entity: 'campaign',
      entityId: id,
      unitId: header.organiserUnitId,
      before: { status: header.status },
      after: { status: 'active', reason: why },
    });
    return getCampaign(trx, actor, id);
  });
}

/** The campaign's status history: each close and reopening, who, when, and why. */
export async function getCampaignHistory(db: Db, actor: Actor, id: number): Promise<campaigns.CampaignStatusEvent[]> {
  assertCan(actor, 'campaigns.read');
  const header = await campaigns.findVisibleCampaignHeader(db, actor, id);
  if (!header) throw notFound('campaign', '活动');
  return campaigns.listStatusEvents(db, id);
}

function staleVersion() {
  return conflict(
    'STALE_VERSION',
    'someone else changed this campaign meanwhile: reload and apply your change again',
    '此活动已被他人修改，请刷新后重新修改',
  );
}

/**
 * Planned counts per unit and matching funds (配套). Units must lie inside both the organiser's subtree
 * and the actor's; the actor's other units' plans are replaced, nobody else's are touched.
 */
export async function saveUnitPlans(db: Db, actor: Actor, id: number, input: UnitPlansInput): Promise<CampaignView> {
  assertCan(actor, 'unitPlans.manage');
  return db.transaction().execute(async (trx) => {
    const header = await campaigns.findVisibleCampaignHeader(trx, actor, id);
    if (!header) throw notFound('campaign', '活动');
    await assertCampaignOpen(trx, actor, id, 'update');
    const before = await campaigns.loadCampaign(trx, actor, header);
    const categoryIds = new Set(await campaigns.categoryIdsOf(trx, id));
    const unitIds = new Set([
      ...input.plans.map((plan) => plan.unitId),
      ...input.matchingFunds.map((fund) => fund.unitId),
    ]);
    for (const unitId of unitIds) {
      const unit = await units.findUnitInScope(trx, actor, unitId);
      if (!unit || !unit.path.startsWith(header.organiserUnitPath)) {
        throw invalid(
          'UNIT_UNKNOWN',
          `unit ${unitId} is not part of this campaign or not yours`,
          '单位不在本活动范围内或无权访问',
          'unitId',
        );
      }
    }
    input.plans.forEach((plan, index) => {
      if (!categoryIds.has(plan.categoryId)) {
        throw invalid(
          'CATEGORY_UNKNOWN',
          `category ${plan.categoryId} is not part of this campaign`,
          '类别不属于此活动',
          `plans.${index}.categoryId`,
        );
      }
    });
    assertBudgetInRange({
      categories: before.categories,
      unitPlans: input.plans,
      matchingFunds: input.matchingFunds,
    });
    if (!(await campaigns.touchCampaign(trx, id, input.version))) throw staleVersion();
    await campaigns.replaceUnitPlansInScope(trx, actor, id, input.plans);
    await campaigns.replaceMatchingFundsInScope(trx, actor, id, input.matchingFunds);
    const view = await getCampaign(trx, actor, id);
    await appendAudit(trx, actor, {
      action: 'update-unit-plans',
      entity: 'campaign',
      entityId: id,
      unitId: header.organiserUnitId,
      before: { unitPlans: before.unitPlans, matchingFunds: before.matchingFunds },
      after: { unitPlans: view.campaign.unitPlans, matchingFunds: view.campaign.matchingFunds },
    });
    return view;
  });
}

/** Spreads each category's planned count evenly over the given units (largest remainder). */
export async function distributeEvenly(
  db: Db,
  actor: Actor,
  id: number,
  input: { version: number; unitIds: number[]; categoryIds?: number[] },
): Promise<CampaignView> {
  const view = await getCampaign(db, actor, id);
  const chosen = view.campaign.categories.filter(
    (category) => !input.categoryIds || input.categoryIds.includes(category.id),
  );
  const chosenIds = new Set(chosen.map((category) => category.id));
  const kept = view.campaign.unitPlans.filter((plan) => !chosenIds.has(plan.categoryId));
  const spread = chosen.flatMap((category) => {
    const shares = apportion(
      category.plannedCount,
      input.unitIds.map((unitId) => ({ unitId, weight: 1 })),
    );
    return [...shares].map(([unitId, plannedCount]) => ({ unitId, categoryId: category.id, plannedCount }));
  });
  return saveUnitPlans(db, actor, id, {
    version: input.version,
    plans: [...kept, ...spread],
    matchingFunds: view.campaign.matchingFunds.map((fund) => ({
      unitId: fund.unitId,
      amountFen: fund.amountFen,
      note: fund.note,
    })),
  });
}

// ——— the item catalogue ———

export async function listItems(db: Db, actor: Actor): Promise<CatalogueItem[]> {
  return campaigns.listItemsVisible(db, actor);
}

export async function createItem(db: Db, actor: Actor, item: Omit<CatalogueItem, 'id'>): Promise<CatalogueItem> {
  assertCan(actor, 'items.manage');
  return db.transaction().execute(async (trx) => {
    // the catalogue belongs to the creator's unit and is shared with its subtree
    const ownerUnitId = isSystem(actor) ? (await units.findFirstRoot(trx))!.id : actor.unitId;
    const id = await campaigns.insertItem(trx, ownerUnitId, item);
    await appendAudit(trx, actor, { action: 'create', entity: 'item', entityId: id, unitId: ownerUnitId, after: item });
    return { id, ...item };
  });
}

export async function updateItem(
  db: Db,
  actor: Actor,
  id: number,
  item: Omit<CatalogueItem, 'id'>,
): Promise<CatalogueItem> {
  assertCan(actor, 'items.manage');
  return db.transaction().execute(async (trx) => {
    if (!(await campaigns.updateItem(trx, actor, id, item))) throw notFound('item', '物资');
    await appendAudit(trx, actor, {
      action: 'update',
      entity: 'item',
      entityId: id,
      unitId: actor.unitId,
      after: item,
    });
    return { id, ...item };
  });
}
