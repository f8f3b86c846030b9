import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { withRowLock } from '../../db/dialect.ts';
import type { NominationStatus } from '../identification/nomination-state.ts';
import { pathIsAncestorOrSelfOfActor, unitIdInScope, unitPathInScope, type Actor } from '../org/scope.ts';
import type {
  Campaign,
  CampaignActivity,
  CampaignCategory,
  CampaignPhase,
  CampaignStatus,
  CatalogueItem,
  CategoryLayer,
  MatchingFund,
  UnitPlan,
} from './campaign.ts';

export interface CampaignSummaryRow {
  id: number;
  name: string;
  year: number;
  status: CampaignStatus;
  organiserUnitId: number;
  organiserUnitName: string;
  updatedAt: string;
}

/**
 * A campaign is visible to accounts inside the organiser's subtree, and to accounts below it that
 * take part (a village clerk sees the district's campaign) — never to a sibling branch.
 */
function visibleCampaigns(db: DbOrTx, actor: Actor) {
  return db
    .selectFrom('campaign')
    .innerJoin('unit', 'unit.id', 'campaign.unit_id')
    .where((eb) => eb.or([unitPathInScope(eb, actor), pathIsAncestorOrSelfOfActor(eb.ref('unit.path'), actor)]));
}

export async function listVisibleCampaigns(db: DbOrTx, actor: Actor): Promise<CampaignSummaryRow[]> {
  const rows = await visibleCampaigns(db, actor)
    .select([
      'campaign.id',
      'campaign.name',
      'campaign.year',
      'campaign.status',
      'campaign.unit_id',
      'unit.name as unit_name',
      'campaign.updated_at',
    ])
    .orderBy('campaign.year', 'desc')
    .orderBy('campaign.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    year: row.year,
    status: row.status as CampaignStatus,
    organiserUnitId: row.unit_id,
    organiserUnitName: row.unit_name,
    updatedAt: row.updated_at,
  }));
}

export interface CampaignHeader {
  id: number;
  name: string;
  slogan: string | null;
  purpose: string | null;
  requirements: string | null;
  year: number;
  status: CampaignStatus;
  organiserUnitId: number;
  organiserUnitName: string;
  organiserUnitPath: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function findVisibleCampaignHeader(
  db: DbOrTx,
  actor: Actor,
  id: number,
): Promise<CampaignHeader | undefined> {
  const row = await visibleCampaigns(db, actor)
    .selectAll('campaign')
    .select(['unit.name as unit_name', 'unit.path as unit_path'])
    .where('campaign.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    slogan: row.slogan,
    purpose: row.purpose,
    requirements: row.requirements,
    year: row.year,
    status: row.status as CampaignStatus,
    organiserUnitId: row.unit_id,
    organiserUnitName: row.unit_name,
    organiserUnitPath: row.unit_path,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Loads the whole campaign; unit plans and matching funds are limited to the actor's subtree. */
export async function loadCampaign(db: DbOrTx, actor: Actor, header: CampaignHeader): Promise<Campaign> {
  const [phases, activities, categories, unitPlans, matchingFunds] = await Promise.all([
    loadPhases(db, header.id),
    loadActivities(db, header.id),
    loadCategories(db, header.id),
    loadUnitPlans(db, actor, header.id),
    loadMatchingFunds(db, actor, header.id),
  ]);
  const { organiserUnitPath: _path, ...rest } = header;
  return { ...rest, phases, activities, categories, unitPlans, matchingFunds };
}

async function loadPhases(db: DbOrTx, campaignId: number): Promise<CampaignPhase[]> {
  const rows = await db
    .selectFrom('campaign_phase')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('sort')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    description: row.description,
    sort: row.sort,
  }));
}

async function loadActivities(db: DbOrTx, campaignId: number): Promise<CampaignActivity[]> {
  const rows = await db
    .selectFrom('campaign_activity')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('sort')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    responsibleUnits: row.responsible_units,
    dueOn: row.due_on,
    sort: row.sort,
  }));
}

async function loadCategories(db: DbOrTx, campaignId: number): Promise<CampaignCategory[]> {
  const rows = await db
    .selectFrom('campaign_category')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('sort')
    .execute();
  const itemRows = await db
    .selectFrom('campaign_category_item')
    .innerJoin('campaign_category', 'campaign_category.id', 'campaign_category_item.category_id')
    .innerJoin('item', 'item.id', 'campaign_category_item.item_id')
    .select([
      'campaign_category_item.category_id',
      'campaign_category_item.item_id',
      'campaign_category_item.quantity',
      'campaign_category_item.unit_price_fen',
      'item.name',
      'item.spec',
      'item.unit_label',
    ])
    .where('campaign_category.campaign_id', '=', campaignId)
    .orderBy('campaign_category_item.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    layer: row.layer as CategoryLayer,
    plannedCount: row.planned_count,
    countNote: row.count_note,
    cashFen: row.cash_fen,
    giftFen: row.gift_fen,
    description: row.description,
    sort: row.sort,
    items: itemRows
      .filter((item) => item.category_id === row.id)
      .map((item) => ({
        itemId: item.item_id,
        name: item.name,
        spec: item.spec,
        unitLabel: item.unit_label,
        quantity: item.quantity,
        unitPriceFen: item.unit_price_fen,
      })),
  }));
}

async function loadUnitPlans(db: DbOrTx, actor: Actor, campaignId: number): Promise<UnitPlan[]> {
  const rows = await db
    .selectFrom('campaign_unit_plan')
    .innerJoin('unit', 'unit.id', 'campaign_unit_plan.unit_id')
    .select([
      'campaign_unit_plan.unit_id',
      'unit.name',
      'campaign_unit_plan.category_id',
      'campaign_unit_plan.planned_count',
    ])
    .where('campaign_unit_plan.campaign_id', '=', campaignId)
    .where((eb) => unitPathInScope(eb, actor))
    .orderBy('unit.path')
    .orderBy('campaign_unit_plan.category_id')
    .execute();
  return rows.map((row) => ({
    unitId: row.unit_id,
    unitName: row.name,
    categoryId: row.category_id,
    plannedCount: row.planned_count,
  }));
}

async function loadMatchingFunds(db: DbOrTx, actor: Actor, campaignId: number): Promise<MatchingFund[]> {
  const rows = await db
    .selectFrom('campaign_matching_fund')
    .innerJoin('unit', 'unit.id', 'campaign_matching_fund.unit_id')
    .select([
      'campaign_matching_fund.unit_id',
      'unit.name',
      'campaign_matching_fund.amount_fen',
      'campaign_matching_fund.note',
    ])
    .where('campaign_matching_fund.campaign_id', '=', campaignId)
    .where((eb) => unitPathInScope(eb, actor))
    .orderBy('unit.path')
    .execute();
  return rows.map((row) => ({ unitId: row.unit_id, unitName: row.name, amountFen: row.amount_fen, note: row.note }));
}

export interface CampaignHeaderInput {
  name: string;
  slogan: string | null;
  purpose: string | null;
  requirements: string | null;
  year: number;
}

export async function insertCampaign(
  db: DbOrTx,
  organiserUnitId: number,
  createdBy: number | null,
  input: CampaignHeaderInput,
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('campaign')
    .values({
      ...input,
      unit_id: organiserUnitId,
      status: 'draft',
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Optimistic lock: the update only lands when the version is still the one the editor loaded.
 * Returns false when someone else saved in between.
 */
export async function updateCampaignHeader(
  db: DbOrTx,
  id: number,
  expectedVersion: number,
  input: CampaignHeaderInput & { status: CampaignStatus },
): Promise<boolean> {
  const result = await db
    .updateTable('campaign')
    .set({ ...input, version: sql<number>`version + 1`, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replacePhases(
  db: DbOrTx,
  campaignId: number,
  phases: Omit<CampaignPhase, 'id' | 'sort'>[],
): Promise<void> {
  await db.deleteFrom('campaign_phase').where('campaign_id', '=', campaignId).execute();
  if (phases.length === 0) return;
  await db
    .insertInto('campaign_phase')
    .values(
      phases.map((phase, sort) => ({
        campaign_id: campaignId,
        name: phase.name,
        starts_on: phase.startsOn,
        ends_on: phase.endsOn,
        description: phase.description,
        sort,
      })),
    )
    .execute();
}

export async function replaceActivities(
  db: DbOrTx,
  campaignId: number,
  activities: Omit<CampaignActivity, 'id' | 'sort'>[],
): Promise<void> {
  await db.deleteFrom('campaign_activity').where('campaign_id', '=', campaignId).execute();
  if (activities.length === 0) return;
  await db
    .insertInto('campaign_activity')
    .values(
      activities.map((activity, sort) => ({
        campaign_id: campaignId,
        title: activity.title,
        description: activity.description,
        responsible_units: activity.responsibleUnits,
        due_on: activity.dueOn,
        sort,
      })),
    )
    .execute();
}

export interface CategoryInput {
  id: number | null;
  name: string;
  layer: CategoryLayer;
  plannedCount: number;
  countNote: string | null;
  cashFen: number;
  giftFen: number;
  description: string | null;
  items: { itemId: number; quantity: number; unitPriceFen: number }[];
}

/**
 * Categories keep their ids across saves (unit plans point at them): existing ones are updated,
 * new ones inserted, missing ones deleted (their unit plans go with them by cascade).
 */
export async function saveCategories(db: DbOrTx, campaignId: number, categories: CategoryInput[]): Promise<void> {
  const existing = await db
    .selectFrom('campaign_category')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .execute();
  const keep = new Set(categories.map((category) => category.id).filter((id): id is number => id !== null));
  const removed = existing.map((row) => row.id).filter((id) => !keep.has(id));
  if (removed.length > 0) {
    await db.deleteFrom('campaign_unit_plan').where('category_id', 'in', removed).execute();
    await db.deleteFrom('campaign_category_item').where('category_id', 'in', removed).execute();
    await db.deleteFrom('campaign_category').where('id', 'in', removed).execute();
  }
  for (const [sort, category] of categories.entries()) {
    const values = {
      name: category.name,
      layer: category.layer,
      planned_count: category.plannedCount,
      count_note: category.countNote,
      cash_fen: category.cashFen,
      gift_fen: category.giftFen,
      description: category.description,
      sort,
    };
    let categoryId = category.id;
    if (categoryId === null) {
      const row = await db
        .insertInto('campaign_category')
        .values({ ...values, campaign_id: campaignId })
        .returning('id')
        .executeTakeFirstOrThrow();
      categoryId = row.id;
    } else {
      await db
        .updateTable('campaign_category')
        .set(values)
        .where('id', '=', categoryId)
        .where('campaign_id', '=', campaignId)
        .execute();
      await db.deleteFrom('campaign_category_item').where('category_id', '=', categoryId).execute();
    }
    if (category.items.length > 0) {
      await db
        .insertInto('campaign_category_item')
        .values(
          category.items.map((item) => ({
            category_id: categoryId,
            item_id: item.itemId,
            quantity: item.quantity,
            unit_price_fen: item.unitPriceFen,
          })),
        )
        .execute();
    }
  }
}

export async function categoryIdsOf(db: DbOrTx, campaignId: number): Promise<number[]> {
  const rows = await db.selectFrom('campaign_category').select('id').where('campaign_id', '=', campaignId).execute();
  return rows.map((row) => row.id);
}

/** Replaces the unit plans of the units in the actor's subtree only; others' plans are untouched. */
export async function replaceUnitPlansInScope(
  db: DbOrTx,
  actor: Actor,
  campaignId: number,
  plans: { unitId: number; categoryId: number; plannedCount: number }[],
): Promise<void> {
  await db
    .deleteFrom('campaign_unit_plan')
    .where('campaign_id', '=', campaignId)
    .where((eb) => unitIdInScope(eb.ref('unit_id'), actor))
    .execute();
  const nonZero = plans.filter((plan) => plan.plannedCount > 0);
  for (let i = 0; i < nonZero.length; i += 300) {
    await db
      .insertInto('campaign_unit_plan')
      .values(
        nonZero.slice(i, i + 300).map((plan) => ({
          campaign_id: campaignId,
          unit_id: plan.unitId,
          category_id: plan.categoryId,
          planned_count: plan.plannedCount,
        })),
      )
      .execute();
  }
}

export async function replaceMatchingFundsInScope(
  db: DbOrTx,
  actor: Actor,
  campaignId: number,
  funds: { unitId: number; amountFen: number; note: string | null }[],
): Promise<void> {
  await db
    .deleteFrom('campaign_matching_fund')
    .where('campaign_id', '=', campaignId)
    .where((eb) => unitIdInScope(eb.ref('unit_id'), actor))
    .execute();
  if (funds.length === 0) return;
  await db
    .insertInto('campaign_matching_fund')
    .values(
      funds.map((fund) => ({
        campaign_id: campaignId,
        unit_id: fund.unitId,
        amount_fen: fund.amountFen,
        note: fund.note,
      })),
    )
    .execute();
}

export async function touchCampaign(db: DbOrTx, id: number, expectedVersion: number): Promise<boolean> {
  const result = await db
    .updateTable('campaign')
    .set({ version: sql<number>`version + 1`, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ——— status: the freeze, its history, the stage ———

/**
 * The campaign's status, read under a row lock held to the end of the transaction (the caller has
 * checked the actor may see it): a close waits for changes already past this check, and a change
 * that comes after a close sees it. `update` for a change that itself writes the campaign row, so
 * two such changes queue instead of deadlocking on their shared locks.
 */
export async function lockCampaignStatus(
  db: DbOrTx,
  id: number,
  mode: 'share' | 'update' = 'share',
): Promise<CampaignStatus | undefined> {
  const row = await withRowLock(
    db,
    db.selectFrom('campaign').select('status').where('id', '=', id),
    mode,
  ).executeTakeFirst();
  return row?.status as CampaignStatus | undefined;
}

/** Back to active, only if it is still closed (two superiors reopening at once: one wins). */
export async function reopenCampaign(db: DbOrTx, id: number): Promise<boolean> {
  const result = await db
    .updateTable('campaign')
    .set({ status: 'active', version: sql<number>`version + 1`, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'closed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface CampaignStatusEvent {
  at: string;
  actor: string;
  fromStatus: CampaignStatus;
  toStatus: CampaignStatus;
  reason: string | null;
}

export async function insertStatusEvent(
  db: DbOrTx,
  event: { campaignId: number; unitId: number; actor: string } & Omit<CampaignStatusEvent, 'at' | 'actor'>,
): Promise<void> {
  await db
    .insertInto('campaign_status_event')
    .values({
      campaign_id: event.campaignId,
      unit_id: event.unitId,
      at: nowIso(),
      actor: event.actor,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      reason: event.reason,
    })
    .execute();
}

export async function listStatusEvents(db: DbOrTx, campaignId: number): Promise<CampaignStatusEvent[]> {
  const rows = await db
    .selectFrom('campaign_status_event')
    .select(['at', 'actor', 'from_status', 'to_status', 'reason'])
    .where('campaign_id', '=', campaignId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    at: row.at,
    actor: row.actor,
    fromStatus: row.from_status as CampaignStatus,
    toStatus: row.to_status as CampaignStatus,
    reason: row.reason,
  }));
}

/**
 * Names per campaign and status, for the stage a list shows: a campaign-wide fact (no names, no
 * units), so it is counted over the whole campaign, whoever reads the list.
 */
export async function nominationStatusCounts(
  db: DbOrTx,
  campaignIds: number[],
): Promise<Map<number, { status: NominationStatus; n: number }[]>> {
  const counts = new Map<number, { status: NominationStatus; n: number }[]>();
  if (campaignIds.length === 0) return counts;
  const rows = await db
    .selectFrom('nomination')
    .select(['campaign_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', 'in', campaignIds)
    .groupBy(['campaign_id', 'state'])
    .execute();
  for (const row of rows) {
    const list = counts.get(row.campaign_id) ?? [];
    list.push({ status: row.state as NominationStatus, n: Number(row.n) });
    counts.set(row.campaign_id, list);
  }
  return counts;
}

// ——— item catalogue ———

export async function listItemsVisible(db: DbOrTx, actor: Actor): Promise<CatalogueItem[]> {
  const rows = await db
    .selectFrom('item')
    .innerJoin('unit', 'unit.id', 'item.unit_id')
    .select(['item.id', 'item.name', 'item.spec', 'item.unit_label', 'item.unit_price_fen'])
    .where((eb) => eb.or([unitPathInScope(eb, actor), pathIsAncestorOrSelfOfActor(eb.ref('unit.path'), actor)]))
    .orderBy('item.name')
    .orderBy('item.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    spec: row.spec,
    unitLabel: row.unit_label,
    unitPriceFen: row.unit_price_fen,
  }));
}

export async function insertItem(db: DbOrTx, unitId: number, item: Omit<CatalogueItem, 'id'>): Promise<number> {
  const row = await db
    .insertInto('item')
    .values({
      unit_id: unitId,
      name: item.name,
      spec: item.spec,
      unit_label: item.unitLabel,
      unit_price_fen: item.unitPriceFen,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateItem(
  db: DbOrTx,
  actor: Actor,
  id: number,
  item: Omit<CatalogueItem, 'id'>,
): Promise<boolean> {
  const result = await db
    .updateTable('item')
    .set({ name: item.name, spec: item.spec, unit_label: item.unitLabel, unit_price_fen: item.unitPriceFen })
    .where('id', '=', id)
    .where((eb) => unitIdInScope(eb.ref('unit_id'), actor))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
