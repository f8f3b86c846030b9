/**
 * Public notice (公示) and objections (异议): the approved list of each unit is published for N days
 * with masked names; anyone may object to a name or report a family left out and follow the answer
 * by a tracking code; a sustained objection removes the name; when the period is over and nothing is
 * open, the list is locked as final.
 */
import type { Db, DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { findVisibleCampaignHeader } from '../campaign/campaign.repository.ts';
import { assertCampaignOpen } from '../campaign/campaign.service.ts';
import { assertCan, isPathInScope, SYSTEM_ACTOR, unitIdInScope, type Actor } from '../org/scope.ts';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.ts';
import * as repo from './identification.repository.ts';
import { transition } from './nomination-state.ts';
import {
  assertCanLock,
  noticeEntry,
  noticePeriod,
  normalizeTrackingCode,
  trackingCode,
  validateObjectionText,
  type NoticePeriod,
} from './public-notice.ts';

export interface PublishedNotice {
  id: number;
  unitId: number;
  unitName: string;
  names: number;
  period: NoticePeriod;
}

/** Publishes every unit's approved names: one notice per unit. Publishing a unit twice is refused. */
export async function publishNotices(
  db: Db,
  actor: Actor,
  campaignId: number,
  now: Date = new Date(),
): Promise<PublishedNotice[]> {
  assertCan(actor, 'campaigns.manage');
  return db.transaction().execute(async (trx) => {
    await repo.holdNoticePublishing(trx, campaignId); // a second click waits, then finds it published
    const header = await findVisibleCampaignHeader(trx, actor, campaignId);
    if (!header) throw notFound('campaign', '活动');
    if (!isPathInScope(header.organiserUnitPath, actor))
      throw forbidden('only the organising unit publishes the notice', '只有组织单位可以发布公示');
    await assertCampaignOpen(trx, actor, campaignId);
    const campaign = await trx
      .selectFrom('campaign')
      .select('notice_days')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    const approved = await trx
      .selectFrom('nomination')
      .innerJoin('unit', 'unit.id', 'nomination.unit_id')
      .select(['nomination.unit_id', 'unit.name'])
      .where('nomination.campaign_id', '=', campaignId)
      .where('nomination.state', '=', 'approved')
      .groupBy(['nomination.unit_id', 'unit.name'])
      .execute();
    if (approved.length === 0)
      throw invalid('NOTHING_TO_PUBLISH', 'no approved names to publish', '没有已批准的名单可以公示');
    const period = noticePeriod(now, campaign.notice_days);
    const published: PublishedNotice[] = [];
    for (const unit of approved) {
      const existing = await trx
        .selectFrom('public_notice')
        .select('id')
        .where('campaign_id', '=', campaignId)
        .where('unit_id', '=', unit.unit_id)
        .executeTakeFirst();
      if (existing)
        throw conflict(
          'ALREADY_PUBLISHED',
          `the list of ${unit.name} is already published`,
          `${unit.name}的名单已经公示，不能重复发布`,
        );
      const notice = await trx
        .insertInto('public_notice')
        .values({
          campaign_id: campaignId,
          unit_id: unit.unit_id,
          published_at: period.publishedAt,
          ends_at: period.endsAt,
          status: 'open',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const names = await moveAll(trx, actor, campaignId, unit.unit_id, 'approved', { type: 'publish' });
      published.push({ id: notice.id, unitId: unit.unit_id, unitName: unit.name, names, period });
      await appendAudit(trx, actor, {
        action: 'publish-notice',
        entity: 'public_notice',
        entityId: notice.id,
        unitId: unit.unit_id,
        after: { names, period },
      });
    }
    return published;
  });
}

async function moveAll(
  db: DbOrTx,
  actor: Actor,
  campaignId: number,
  unitId: number,
  fromState: string,
  event: { type: 'publish' } | { type: 'lock' },
): Promise<number> {
  const ids = await db
    .selectFrom('nomination')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .where('state', '=', fromState)
    .execute();
  for (const { id } of ids) {
    const nomination = (await repo.findNominationInScope(db, actor, id))!;
    const next = transition(nomination.state, event);
    if (!(await repo.moveNomination(db, nomination, next)))
      throw conflict('NOMINATION_CHANGED', 'the list changed meanwhile: try again', '名单已被他人修改，请重试');
    await repo.appendNominationEvent(db, nomination, actor, nomination.state.status, next.status, null);
  }
  return ids.length;
}

export type NoticeStatus = 'open' | 'ended' | 'locked';

export interface NoticeListItem {
  id: number;
  unitId: number;
  unitName: string;
  publishedAt: string;
  period: { firstDay: string; lastDay: string; endsAt: string; textZh: string };
  /** open: objections taken; ended: the period is over, the list waits to be locked; locked: final */
  status: NoticeStatus;
  /** names on the notice now (removed names no longer count) */
  names: number;
  openObjections: number;
  /** the page anyone can open without signing in */
  publicPath: string;
}

export function noticeStatusOf(stored: string, endsAt: string, now: Date): NoticeStatus {
  if (stored === 'locked') return 'locked';
  return now.toISOString() < endsAt ? 'open' : 'ended';
}

/** The campaign's notices whose unit lies in the actor's subtree, with the names on each and what is still open. */
export async function listNotices(
  db: Db,
  actor: Actor,
  campaignId: number,
  now: Date = new Date(),
): Promise<NoticeListItem[]> {
  assertCan(actor, 'campaigns.read');
  const header = await findVisibleCampaignHeader(db, actor, campaignId);
  if (!header) throw notFound('campaign', '活动');
  const notices = await db
    .selectFrom('public_notice')
    .innerJoin('unit', 'unit.id', 'public_notice.unit_id')
    .innerJoin('campaign', 'campaign.id', 'public_notice.campaign_id')
    .select([
      'public_notice.id',
      'public_notice.unit_id',
      'unit.name as unit_name',
      'public_notice.published_at',
      'public_notice.ends_at',
      'public_notice.status',
      'campaign.notice_days',
    ])
    .where('public_notice.campaign_id', '=', campaignId)
    .where((eb) => unitIdInScope(eb.ref('public_notice.unit_id'), actor))
    .orderBy('unit.path')
    .execute();
  if (notices.length === 0) return [];
  const [names, objections] = await Promise.all([
    namesPerUnit(
      db,
      campaignId,
      notices.map((notice) => notice.unit_id),
    ),
    openObjectionsPerNotice(
      db,
      notices.map((notice) => notice.id),
    ),
  ]);
  return notices.map((notice) => {
    const period = noticePeriod(notice.published_at, notice.notice_days);
    return {
      id: notice.id,
      unitId: notice.unit_id,
      unitName: notice.unit_name,
      publishedAt: period.publishedAt,
      period: { firstDay: period.firstDay, lastDay: period.lastDay, endsAt: period.endsAt, textZh: period.textZh },
      status: noticeStatusOf(notice.status, notice.ends_at, now),
      names: names.get(notice.unit_id) ?? 0,
      openObjections: objections.get(notice.id) ?? 0,
      publicPath: `/public/notices/${notice.id}`,
    };
  });
}

async function namesPerUnit(db: DbOrTx, campaignId: number, unitIds: number[]): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('nomination')
    .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', 'in', unitIds)
    .where('state', 'in', ['noticed', 'final'])
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((row) => [row.unit_id, Number(row.n)]));
}

async function openObjectionsPerNotice(db: DbOrTx, noticeIds: number[]): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('objection')
    .select(['notice_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('notice_id', 'in', noticeIds)
    .where('status', '=', 'open')
    .groupBy('notice_id')
    .execute();
  return new Map(rows.map((row) => [row.notice_id, Number(row.n)]));
}

export interface PublicNoticeView {
  id: number;
  campaignName: string;
  unitName: string;
  period: { firstDay: string; lastDay: string; endsAt: string; textZh: string };
  isOpen: boolean;
  entries: { nominationId: number; maskedName: string; category: string; amountYuan: string }[];
  howToObject: string;
}

/** The public page (no sign-in): masked names, category and amount; never an ID number or address. */
export async function getPublicNotice(db: Db, noticeId: number, now: Date = new Date()): Promise<PublicNoticeView> {
  const notice = await db
    .selectFrom('public_notice')
    .innerJoin('campaign', 'campaign.id', 'public_notice.campaign_id')
    .innerJoin('unit', 'unit.id', 'public_notice.unit_id')
    .select([
      'public_notice.id',
      'public_notice.campaign_id',
      'public_notice.unit_id',
      'public_notice.published_at',
      'public_notice.ends_at',
      'campaign.name as campaign_name',
      'campaign.notice_days',
      'unit.name as unit_name',
    ])
    .where('public_notice.id', '=', noticeId)
    .executeTakeFirst();
  if (!notice) throw notFound('notice', '公示');
  const rows = await db
    .selectFrom('nomination')
    .innerJoin('person', 'person.id', 'nomination.person_id')
    .innerJoin('campaign_category', 'campaign_category.id', 'nomination.category_id')
    .select(['nomination.id', 'person.name', 'campaign_category.name as category', 'nomination.amount_fen'])
    .where('nomination.campaign_id', '=', notice.campaign_id)
    .where('nomination.unit_id', '=', notice.unit_id)
    .where('nomination.state', 'in', ['noticed', 'final'])
    .orderBy('nomination.id')
    .execute();
  const period = noticePeriod(notice.published_at, notice.notice_days);
  return {
    id: notice.id,
    campaignName: notice.campaign_name,
    unitName: notice.unit_name,
    period: { firstDay: period.firstDay, lastDay: period.lastDay, endsAt: period.endsAt, textZh: period.textZh },
    isOpen: now.toISOString() < notice.ends_at,
    entries: rows.map((row) => ({
      nominationId: row.id,
      ...pick(noticeEntry({ name: row.name }, row.category, row.amount_fen ?? 0)),
    })),
    howToObject: `公示期间（${period.textZh}），对名单有异议或发现遗漏的困难家庭，可在本页提交，提交后凭查询码查看处理结果；也可向${notice.unit_name}反映。`,
  };
}

function pick(entry: ReturnType<typeof noticeEntry>) {
  return { maskedName: entry.maskedName, category: entry.category, amountYuan: entry.amountYuan };
}

export interface ObjectionInput {
  kind: 'objection' | 'left-out';
  nominationId?: number;
  text: string;
  contact?: string;
}

/** Anyone may object while the notice is open; they get a tracking code for the answer. */
export async function submitObjection(
  db: Db,
  noticeId: number,
  input: ObjectionInput,
  now: Date = new Date(),
): Promise<{ trackingCode: string }> {
  const text = validateObjectionText(input.text);
  const contact = input.contact ? validateObjectionText(input.contact, 'contact').slice(0, 100) : null;
  return db.transaction().execute(async (trx) => {
    const notice = await trx.selectFrom('public_notice').selectAll().where('id', '=', noticeId).executeTakeFirst();
    if (!notice) throw notFound('notice', '公示');
    // the public's objection: a closed campaign's notice takes none (its status is no secret)
    await assertCampaignOpen(trx, SYSTEM_ACTOR, notice.campaign_id);
    if (now.toISOString() >= notice.ends_at)
      throw invalid('NOTICE_CLOSED', 'the notice period is over', '公示期已结束，不能再提交异议');
    if (input.kind === 'objection') {
      const nomination = input.nominationId
        ? await trx
            .selectFrom('nomination')
            .select('id')
            .where('id', '=', input.nominationId)
            .where('campaign_id', '=', notice.campaign_id)
            .where('unit_id', '=', notice.unit_id)
            .where('state', '=', 'noticed')
            .executeTakeFirst()
        : undefined;
      if (!nomination)
        throw invalid('NAME_UNKNOWN', 'choose a name on this notice', '请选择本公示中的姓名', 'nominationId');
    }
    const code = trackingCode();
    await trx
      .insertInto('objection')
      .values({
        notice_id: noticeId,
        unit_id: notice.unit_id,
        nomination_id: input.kind === 'objection' ? input.nominationId! : null,
        kind: input.kind,
        text,
        contact,
        tracking_code: code,
        status: 'open',
        created_at: nowIso(),
      })
      .execute();
    return { trackingCode: code };
  });
}

export async function objectionByCode(db: Db, code: string) {
  const normalized = normalizeTrackingCode(code);
  const row = normalized
    ? await db
        .selectFrom('objection')
        .select(['kind', 'status', 'answer', 'created_at', 'answered_at'])
        .where('tracking_code', '=', normalized)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('objection', '查询码对应的异议');
  return {
    kind: row.kind,
    status: row.status,
    answer: row.answer,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
  };
}

export async function listObjections(db: Db, actor: Actor, campaignId: number) {
  assertCan(actor, 'nominations.review');
  const rows = await db
    .selectFrom('objection')
    .innerJoin('public_notice', 'public_notice.id', 'objection.notice_id')
    .innerJoin('unit', 'unit.id', 'objection.unit_id')
    .leftJoin('nomination', 'nomination.id', 'objection.nomination_id')
    .leftJoin('person', 'person.id', 'nomination.person_id')
    .select([
      'objection.id',
      'objection.kind',
      'objection.text',
      'objection.contact',
      'objection.status',
      'objection.answer',
      'objection.created_at',
      'unit.name as unit_name',
      'person.name as person_name',
      'objection.nomination_id',
      'objection.verification_id',
    ])
    .where('public_notice.campaign_id', '=', campaignId)
    .where((eb) => unitIdInScope(eb.ref('objection.unit_id'), actor))
    .orderBy('objection.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    text: row.text,
    contact: row.contact,
    status: row.status,
    answer: row.answer,
    createdAt: row.created_at,
    unitName: row.unit_name,
    personName: row.person_name,
    nominationId: row.nomination_id,
    /** the home visit that looked into it, when one was recorded */
    verificationId: row.verification_id,
  }));
}

export interface AnswerInput {
  sustained: boolean;
  answer: string;
  investigation?: { visitedOn: string; visitors: string; findings?: string };
}

/**
 * The unit answers; a sustained objection to a name removes it from the list. The home visit that
 * looked into an objection about a name is kept as a verification of that name, linked to the objection.
 */
export async function answerObjection(
  db: Db,
  actor: Actor,
  campaignId: number,
  objectionId: number,
  input: AnswerInput,
) {
  assertCan(actor, 'nominations.review');
  const answer = validateObjectionText(input.answer, 'answer');
  await db.transaction().execute(async (trx) => {
    await assertCampaignOpen(trx, actor, campaignId);
    const objection = await trx
      .selectFrom('objection')
      .innerJoin('public_notice', 'public_notice.id', 'objection.notice_id')
      .select(['objection.id', 'objection.nomination_id', 'objection.unit_id', 'objection.status'])
      .where('objection.id', '=', objectionId)
      .where('public_notice.campaign_id', '=', campaignId)
      .where((eb) => unitIdInScope(eb.ref('objection.unit_id'), actor))
      .executeTakeFirst();
    if (!objection) throw notFound('objection', '异议');
    if (input.investigation && !objection.nomination_id)
      throw invalid(
        'INVESTIGATION_WITHOUT_NAME',
        'a family left out has no nomination to record the visit on: nominate it first',
        '反映遗漏的家庭尚未申报，入户核查请在申报后记录',
        'investigation',
      );
    const answered = await trx
      .updateTable('objection')
      .set({
        status: input.sustained ? 'sustained' : 'dismissed',
        answer,
        answered_at: nowIso(),
        answered_by: actor.username,
      })
      .where('id', '=', objectionId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(answered.numUpdatedRows) !== 1)
      throw conflict('ALREADY_ANSWERED', 'this objection was answered meanwhile', '该异议已被处理');
    if (input.investigation && objection.nomination_id) {
      const verificationId = await repo.insertVerification(trx, {
        nominationId: objection.nomination_id,
        unitId: objection.unit_id,
        visitedOn: input.investigation.visitedOn,
        visitors: input.investigation.visitors,
        findings: input.investigation.findings ? { note: input.investigation.findings } : {},
        eligible: !input.sustained,
        reason: input.sustained ? answer.slice(0, 500) : null,
        recordedBy: actor.accountId || null,
      });
      await trx
        .updateTable('objection')
        .set({ verification_id: verificationId })
        .where('id', '=', objectionId)
        .execute();
    }
    if (input.sustained && objection.nomination_id) {
      const nomination = (await repo.findNominationInScope(trx, actor, objection.nomination_id))!;
      const next = transition(nomination.state, { type: 'sustainObjection', reason: answer });
      if (!(await repo.moveNomination(trx, nomination, next)))
        throw conflict('NOMINATION_CHANGED', 'the name changed meanwhile', '该名单已被他人修改');
      await repo.appendNominationEvent(trx, nomination, actor, nomination.state.status, next.status, answer);
    }
    await appendAudit(trx, actor, {
      action: input.sustained ? 'sustain-objection' : 'dismiss-objection',
      entity: 'objection',
      entityId: objectionId,
      unitId: objection.unit_id,
      after: { answer, investigation: input.investigation ?? null },
    });
  });
}

/** After the period, with nothing open, the unit's list becomes final; from then on only corrections change it. */
export async function lockNotice(db: Db, actor: Actor, campaignId: number, noticeId: number, now: Date = new Date()) {
  assertCan(actor, 'campaigns.manage');
  return db.transaction().execute(async (trx) => {
    const header = await findVisibleCampaignHeader(trx, actor, campaignId);
    if (!header || !isPathInScope(header.organiserUnitPath, actor)) throw notFound('campaign', '活动');
    await assertCampaignOpen(trx, actor, campaignId);
    const notice = await trx
      .selectFrom('public_notice')
      .selectAll()
      .where('id', '=', noticeId)
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
    if (!notice) throw notFound('notice', '公示');
    if (notice.status === 'locked')
      throw conflict('ALREADY_LOCKED', 'this list is already final', '该名单已锁定为最终名单');
    const campaign = await trx
      .selectFrom('campaign')
      .select('notice_days')
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    const open = await trx
      .selectFrom('objection')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('notice_id', '=', noticeId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    assertCanLock({
      period: noticePeriod(notice.published_at, campaign.notice_days),
      now,
      openObjections: Number(open.n),
    });
    const locked = await trx
      .updateTable('public_notice')
      .set({ status: 'locked', locked_at: nowIso() })
      .where('id', '=', noticeId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1)
      throw conflict('ALREADY_LOCKED', 'this list is already final', '该名单已锁定为最终名单');
    const names = await moveAll(trx, actor, campaignId, notice.unit_id, 'noticed', { type: 'lock' });
    await appendAudit(trx, actor, {
      action: 'lock-list',
      entity: 'public_notice',
      entityId: noticeId,
      unitId: notice.unit_id,
      after: { names },
    });
    return { names };
  });
}
