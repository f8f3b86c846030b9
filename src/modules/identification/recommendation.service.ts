/**
 * Recommendations from the public (篇八: "大家可推荐活动对象…如被定为慰问对象,由提供信息者负责带队
 * 慰问"): a family is proposed to a unit of the campaign; the unit's clerk sees it in a list, takes it
 * up (then nominates from the registry) or declines with a note; the recommender follows it by code.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findVisibleCampaignHeader } from '../campaign/campaign.repository.ts';
import { assertCampaignOpen } from '../campaign/campaign.service.ts';
import { assertCan, unitIdInScope, type Actor } from '../org/scope.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { safeCell } from '../registry/import-file.ts';
import { listQuotas } from './identification.repository.ts';
import { nominateInTransaction } from './identification.service.ts';
import { normalizeTrackingCode, trackingCode, validateObjectionText } from './public-notice.ts';

export interface RecommendationInput {
  unitId: number;
  familyName: string;
  address: string;
  situation: string;
  recommenderName: string;
  recommenderContact: string;
}

export async function submitRecommendation(
  db: Db,
  campaignId: number,
  input: RecommendationInput,
): Promise<{ trackingCode: string }> {
  const situation = validateObjectionText(input.situation, 'situation');
  const fields = {
    familyName: validateObjectionText(input.familyName, 'familyName').slice(0, 50),
    address: validateObjectionText(input.address, 'address').slice(0, 200),
    recommenderName: validateObjectionText(input.recommenderName, 'recommenderName').slice(0, 50),
    recommenderContact: validateObjectionText(input.recommenderContact, 'recommenderContact').slice(0, 100),
  };
  return db.transaction().execute(async (trx) => {
    const campaign = await trx
      .selectFrom('campaign')
      .innerJoin('unit', 'unit.id', 'campaign.unit_id')
      .select(['campaign.id', 'unit.path'])
      .where('campaign.id', '=', campaignId)
      .where('campaign.status', '!=', 'closed')
      .executeTakeFirst();
    if (!campaign) throw notFound('campaign', '活动');
    const unit = await trx.selectFrom('unit').select(['id', 'path']).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit || !unit.path.startsWith(campaign.path))
      throw invalid('UNIT_UNKNOWN', 'choose a unit of this campaign', '请选择本活动范围内的村（社区）', 'unitId');
    const code = trackingCode();
    await trx
      .insertInto('recommendation')
      .values({
        campaign_id: campaignId,
        unit_id: unit.id,
        family_name: fields.familyName,
        address: fields.address,
        situation,
        recommender_name: fields.recommenderName,
        recommender_contact: fields.recommenderContact,
        status: 'open',
        tracking_code: code,
        created_at: nowIso(),
      })
      .execute();
    return { trackingCode: code };
  });
}

export interface RecommendationForm {
  campaignName: string;
  organiserName: string;
  /** the units taking part (those given a quota): a family is recommended to one of them */
  units: { id: number; name: string }[];
}

/** What the public recommendation page needs: the campaign's name and the units a family can be recommended to. */
export async function recommendationForm(db: Db, campaignId: number): Promise<RecommendationForm> {
  const campaign = await db
    .selectFrom('campaign')
    .innerJoin('unit', 'unit.id', 'campaign.unit_id')
    .select(['campaign.name', 'unit.name as organiser_name'])
    .where('campaign.id', '=', campaignId)
    .where('campaign.status', '!=', 'closed')
    .executeTakeFirst();
  if (!campaign) throw notFound('campaign', '活动');
  const units = await db
    .selectFrom('campaign_quota')
    .innerJoin('unit', 'unit.id', 'campaign_quota.unit_id')
    .select(['unit.id', 'unit.name', 'unit.path'])
    .distinct()
    .where('campaign_quota.campaign_id', '=', campaignId)
    .where('campaign_quota.quota', '>', 0)
    .orderBy('unit.path')
    .execute();
  return {
    campaignName: campaign.name,
    organiserName: campaign.organiser_name,
    units: units.map((unit) => ({ id: unit.id, name: unit.name })),
  };
}

export async function recommendationByCode(db: Db, code: string) {
  const normalized = normalizeTrackingCode(code);
  const row = normalized
    ? await db
        .selectFrom('recommendation')
        .select(['status', 'note', 'created_at', 'handled_at'])
        .where('tracking_code', '=', normalized)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('recommendation', '查询码对应的推荐');
  return { status: row.status, note: row.note, createdAt: row.created_at, handledAt: row.handled_at };
}

export async function listRecommendations(db: Db, actor: Actor, campaignId: number) {
  assertCan(actor, 'nominations.manage');
  const rows = await db
    .selectFrom('recommendation')
    .innerJoin('unit', 'unit.id', 'recommendation.unit_id')
    .leftJoin('nomination', 'nomination.recommendation_id', 'recommendation.id')
    .selectAll('recommendation')
    .select(['unit.name as unit_name', 'nomination.id as nomination_id'])
    .where('recommendation.campaign_id', '=', campaignId)
    .where((eb) => unitIdInScope(eb.ref('recommendation.unit_id'), actor))
    .orderBy('recommendation.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    unitName: row.unit_name,
    familyName: row.family_name,
    address: row.address,
    situation: row.situation,
    recommenderName: row.recommender_name,
    recommenderContact: row.recommender_contact,
    status: row.status,
    note: row.note,
    createdAt: row.created_at,
    /** the nomination the family was taken up as, if any */
    nominationId: row.nomination_id,
  }));
}

export interface HandleRecommendationInput {
  accepted: boolean;
  note: string;
  /** taking the family up as a nomination of the recommendation's unit, in the same transaction */
  nomination?: { personId: number; categoryId: number; consent: boolean; checklist?: Record<string, boolean> };
}

/**
 * The clerk takes the family up (the recommender leads the visit) or declines with a note. Taken up
 * with a person from the registry, the family is nominated under the recommendation's unit, and the
 * nomination remembers the recommendation; a nomination the rules refuse leaves the recommendation open.
 */
export async function handleRecommendation(
  db: Db,
  actor: Actor,
  campaignId: number,
  id: number,
  input: HandleRecommendationInput,
  now: Date = new Date(),
): Promise<{ nominationId: number | null }> {
  assertCan(actor, 'nominations.manage');
  const note = validateObjectionText(input.note, 'note').slice(0, 500);
  if (!input.accepted && input.nomination)
    throw invalid(
      'NOMINATION_ON_DECLINE',
      'a declined recommendation is not nominated',
      '不予采纳的推荐不能申报',
      'nomination',
    );
  return db.transaction().execute(async (trx) => {
    await assertCampaignOpen(trx, actor, campaignId);
    const row = await trx
      .selectFrom('recommendation')
      .select(['id', 'unit_id'])
      .where('id', '=', id)
      .where('campaign_id', '=', campaignId)
      .where((eb) => unitIdInScope(eb.ref('unit_id'), actor))
      .executeTakeFirst();
    if (!row) throw notFound('recommendation', '推荐');
    const result = await trx
      .updateTable('recommendation')
      .set({ status: input.accepted ? 'accepted' : 'declined', note, handled_by: actor.username, handled_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw conflict('ALREADY_HANDLED', 'this recommendation was handled meanwhile', '该推荐已被处理');
    const nomination = input.nomination
      ? await nominateInTransaction(
          trx,
          actor,
          campaignId,
          { ...input.nomination, unitId: row.unit_id, recommendationId: id },
          now,
        )
      : null;
    await appendAudit(trx, actor, {
      action: input.accepted ? 'accept-recommendation' : 'decline-recommendation',
      entity: 'recommendation',
      entityId: id,
      unitId: row.unit_id,
      after: { note, nominationId: nomination?.id ?? null },
    });
    return { nominationId: nomination?.id ?? null };
  });
}

/** The allocation table (分配表, 篇七) as a spreadsheet: one row per unit, one column per category. */
export async function renderQuotaTable(
  db: Db,
  actor: Actor,
  campaignId: number,
): Promise<{ fileName: string; buffer: Buffer }> {
  const header = await findVisibleCampaignHeader(db, actor, campaignId);
  if (!header) throw notFound('campaign', '活动');
  const categories = await db
    .selectFrom('campaign_category')
    .select(['id', 'name'])
    .where('campaign_id', '=', campaignId)
    .orderBy('sort')
    .execute();
  const quotas = await listQuotas(db, actor, campaignId);
  const units = [...new Map(quotas.map((quota) => [quota.unitId, quota.unitName])).entries()];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名额分配表');
  sheet.addRow([safeCell(`${header.name}名额分配表`)]).font = { bold: true, size: 14 };
  sheet.addRow(['单位', ...categories.map((category) => safeCell(category.name)), '合计']).font = { bold: true };
  const totals = categories.map(() => 0);
  for (const [unitId, unitName] of units) {
    const values = categories.map((category, index) => {
      const quota = quotas.find((entry) => entry.unitId === unitId && entry.categoryId === category.id)?.quota ?? 0;
      totals[index]! += quota;
      return quota;
    });
    sheet.addRow([safeCell(unitName), ...values, values.reduce((a, b) => a + b, 0)]);
  }
  sheet.addRow(['合计', ...totals, totals.reduce((a, b) => a + b, 0)]).font = { bold: true };
  sheet.getColumn(1).width = 24;
  return { fileName: `${header.name}-名额分配表.xlsx`, buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
