/**
 * Identification use cases: the campaign's identification settings, quotas (名额), nominations,
 * home verification, and review up the tree. Every state change goes through the state machine
 * (nomination-state.ts) and is re-checked inside the transaction by the guarded update.
 */
import type { Db, DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { appendAudit, appendAuditMany } from '../audit/audit.repository.ts';
import { findVisibleCampaignHeader, type CampaignHeader } from '../campaign/campaign.repository.ts';
import { perPersonFen } from '../campaign/budget.ts';
import { assertCampaignOpen, getCampaign } from '../campaign/campaign.service.ts';
import { assertCan, isPathInScope, unitPathInScope, type Actor } from '../org/scope.ts';
import { hardshipHistory } from '../registry/registry.repository.ts';
import { addToBlacklist } from '../registry/registry.service.ts';
import type { Role } from '../org/roles.ts';
import { findUnitById, findUnitInScope, listUnitsInScope } from '../org/unit.repository.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../shared/errors.ts';
import { assertCanSubmit, assertDeadlineConfig } from './deadlines.ts';
import { assertMayOverride, assertNotVotedDown, voteOfDecision } from './democratic-vote.ts';
import {
  quotaStandings,
  unitProgress,
  type FirstDeadlineRule,
  type QuotaStanding,
  type UnitProgress,
} from './progress.ts';
import * as repo from './identification.repository.ts';
import { renderApplicationForm } from './application-form.ts';
import { chinaDateOf } from './china-time.ts';
import {
  assertCriteria,
  assertFindings,
  checkEligibility,
  checklistComplete,
  type Criterion,
  type VisitFindings,
} from './eligibility.ts';
import {
  nominate,
  QUOTA_COUNTED_STATUSES,
  transition,
  type NominationEvent,
  type NominationState,
  type NominationStatus,
} from './nomination-state.ts';
import { allocateByRule, assertQuotaSplit, assertQuotasCoverUsed, assertWithinQuota } from './quota.ts';
import {
  assertCanActOnStep,
  assertSeparationOfDuties,
  canActOnStep,
  isLastStep,
  stepHolder,
  stepUnitPath,
  validateChain,
  VILLAGE_TOWN_DISTRICT_CHAIN,
  type ReviewChain,
} from './review-chain.ts';

// ——— settings ———

export interface IdentificationSettings {
  opensOn: string | null;
  firstDeadline: string | null;
  finalDeadline: string | null;
  /** percent of each unit's quota due by the first deadline (篇七: 70) */
  firstDeadlineShare: number | null;
  noticeDays: number;
  verificationRequired: boolean;
  reviewChain: ReviewChain;
  categories: { categoryId: number; registryCategoryId: number | null; minAge: number | null; criteria: Criterion[] }[];
}

async function campaignRow(db: DbOrTx, id: number) {
  return db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function getIdentificationSettings(
  db: DbOrTx,
  actor: Actor,
  campaignId: number,
): Promise<IdentificationSettings> {
  const header = await visibleCampaign(db, actor, campaignId);
  const row = await campaignRow(db, header.id);
  const categories = await db
    .selectFrom('campaign_category')
    .select(['id', 'registry_category_id', 'min_age', 'criteria_json'])
    .where('campaign_id', '=', campaignId)
    .orderBy('sort')
    .execute();
  return {
    opensOn: row.opens_on,
    firstDeadline: row.first_deadline,
    finalDeadline: row.final_deadline,
    firstDeadlineShare: row.first_deadline_share,
    noticeDays: row.notice_days,
    verificationRequired: row.verification_required === 1,
    reviewChain: row.review_chain_json
      ? (JSON.parse(row.review_chain_json) as ReviewChain)
      : VILLAGE_TOWN_DISTRICT_CHAIN,
    categories: categories.map((category) => ({
      categoryId: category.id,
      registryCategoryId: category.registry_category_id,
      minAge: category.min_age,
      criteria: category.criteria_json ? (JSON.parse(category.criteria_json) as Criterion[]) : [],
    })),
  };
}

export async function saveIdentificationSettings(
  db: Db,
  actor: Actor,
  campaignId: number,
  input: Omit<IdentificationSettings, 'opensOn'> & { opensOn?: string | null },
): Promise<IdentificationSettings> {
  assertCan(actor, 'campaigns.manage');
  assertDeadlineConfig({
    opensOn: input.opensOn ?? null,
    firstDeadline: input.firstDeadline,
    finalDeadline: input.finalDeadline,
    share: (input.firstDeadlineShare ?? 100) / 100,
  });
  validateChain(input.reviewChain);
  await db.transaction().execute(async (trx) => {
    const header = await organisedCampaign(trx, actor, campaignId);
    await assertCampaignOpen(trx, actor, campaignId, 'update');
    const before = await getIdentificationSettings(trx, actor, campaignId);
    await trx
      .updateTable('campaign')
      .set({
        opens_on: input.opensOn ?? null,
        first_deadline: input.firstDeadline,
        final_deadline: input.finalDeadline,
        first_deadline_share: input.firstDeadlineShare,
        notice_days: input.noticeDays,
        verification_required: input.verificationRequired ? 1 : 0,
        review_chain_json: JSON.stringify(input.reviewChain),
        updated_at: nowIso(),
      })
      .where('id', '=', campaignId)
      .execute();
    for (const category of input.categories) {
      assertCriteria(category.criteria);
      await trx
        .updateTable('campaign_category')
        .set({
          registry_category_id: category.registryCategoryId,
          min_age: category.minAge,
          criteria_json: JSON.stringify(category.criteria),
        })
        .where('id', '=', category.categoryId)
        .where('campaign_id', '=', campaignId)
        .execute();
    }
    await appendAudit(trx, actor, {
      action: 'update-identification',
      entity: 'campaign',
      entityId: campaignId,
      unitId: header.organiserUnitId,
      before,
      after: input,
    });
  });
  return getIdentificationSettings(db, actor, campaignId);
}

async function visibleCampaign(db: DbOrTx, actor: Actor, campaignId: number): Promise<CampaignHeader> {
  assertCan(actor, 'campaigns.read');
  const header = await findVisibleCampaignHeader(db, actor, campaignId);
  if (!header) throw notFound('campaign', '活动');
  return header;
}

async function organisedCampaign(db: DbOrTx, actor: Actor, campaignId: number): Promise<CampaignHeader> {
  const header = await visibleCampaign(db, actor, campaignId);
  if (!isPathInScope(header.organiserUnitPath, actor))
    throw forbidden('only the organising unit can do this', '只有组织单位可以执行此操作');
  return header;
}

// ——— quotas ———

export interface QuotaInput {
  unitId: number;
  categoryId: number;
  quota: number;
}

/**
 * Sets quotas for units in the actor's subtree. The organiser allocates to any unit of the campaign;
 * a unit that holds a quota splits it among its own children, never beyond what it holds.
 */
export async function setQuotas(
  db: Db,
  actor: Actor,
  campaignId: number,
  entries: QuotaInput[],
): Promise<repo.QuotaRow[]> {
  assertCan(actor, 'quotas.manage');
  await db.transaction().execute(async (trx) => {
    const header = await visibleCampaign(trx, actor, campaignId);
    await assertCampaignOpen(trx, actor, campaignId);
    const categories = new Map(
      (
        await trx.selectFrom('campaign_category').select(['id', 'name']).where('campaign_id', '=', campaignId).execute()
      ).map((c) => [c.id, c.name]),
    );
    const isOrganiser = isPathInScope(header.organiserUnitPath, actor);
    for (const [index, entry] of entries.entries()) {
      if (!categories.has(entry.categoryId))
        throw invalid(
          'CATEGORY_UNKNOWN',
          'category not in this campaign',
          '类别不属于此活动',
          `entries.${index}.categoryId`,
        );
      const unit = await findUnitInScope(trx, actor, entry.unitId);
      if (!unit || !unit.path.startsWith(header.organiserUnitPath))
        throw invalid(
          'UNIT_UNKNOWN',
          'unit not in this campaign or not yours',
          '单位不在本活动范围内或无权访问',
          `entries.${index}.unitId`,
        );
      if (!isOrganiser && unit.id === actor.unitId)
        throw forbidden('your own quota is set by the unit above', '本单位名额由上级单位分配');
    }
    // held before the counts and the parent's quota are read: a nomination or another split of the
    // same quota waits for this one to commit (limit-guard.ts)
    await repo.holdQuotaLimits(trx, [
      ...entries,
      ...[...new Set(entries.map((entry) => entry.categoryId))].map((categoryId) => ({
        categoryId,
        unitId: actor.unitId,
      })),
    ]);
    if (isOrganiser) await assertCoverUsed(trx, actor, entries);
    else await assertSplitsFit(trx, actor, entries, categories.keys());
    for (const entry of entries) await repo.upsertQuota(trx, campaignId, entry.categoryId, entry.unitId, entry.quota);
    await appendAudit(trx, actor, {
      action: 'set-quotas',
      entity: 'campaign',
      entityId: campaignId,
      unitId: actor.unitId || header.organiserUnitId,
      after: entries,
    });
  });
  return repo.listQuotas(db, actor, campaignId);
}

/**
 * A unit splitting its quota down: per category, its children's quotas — those set now and those
 * already set before — add up to at most its own, and none drops below the places it has taken.
 */
async function assertSplitsFit(
  db: DbOrTx,
  actor: Actor,
  entries: QuotaInput[],
  categoryIds: Iterable<number>,
): Promise<void> {
  for (const categoryId of categoryIds) {
    const changed = entries.filter((entry) => entry.categoryId === categoryId);
    if (changed.length === 0) continue;
    const own = (await repo.quotaOf(db, categoryId, actor.unitId)) ?? 0;
    const changedIds = new Set(changed.map((entry) => entry.unitId));
    const untouched = (await repo.childQuotas(db, categoryId, actor.unitId)).filter(
      (child) => !changedIds.has(child.unitId),
    );
    const named = await namedWithUsage(db, actor, changed);
    assertQuotaSplit(own, [...named, ...untouched]);
  }
}

/** The organiser's allocation: no quota below the places its unit has already taken. */
async function assertCoverUsed(db: DbOrTx, actor: Actor, entries: QuotaInput[]): Promise<void> {
  for (const categoryId of new Set(entries.map((entry) => entry.categoryId))) {
    const inCategory = entries.filter((entry) => entry.categoryId === categoryId);
    assertQuotasCoverUsed(await namedWithUsage(db, actor, inCategory));
  }
}

async function namedWithUsage(db: DbOrTx, actor: Actor, entries: QuotaInput[]) {
  return Promise.all(
    entries.map(async (entry) => ({
      unitId: entry.unitId,
      unitName: (await findUnitInScope(db, actor, entry.unitId))?.name ?? String(entry.unitId),
      quota: entry.quota,
      used: await repo.countUsedQuota(db, entry.categoryId, entry.unitId, QUOTA_COUNTED_STATUSES),
    })),
  );
}

/** By rule: in proportion to the people registered in the category's registry category, per unit. */
export async function allocateQuotasByRule(
  db: Db,
  actor: Actor,
  campaignId: number,
  input: { categoryId: number; total: number; unitIds: number[] },
) {
  assertCan(actor, 'quotas.manage');
  const category = await db
    .selectFrom('campaign_category')
    .select(['id', 'registry_category_id', 'name'])
    .where('id', '=', input.categoryId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  if (!category) throw invalid('CATEGORY_UNKNOWN', 'category not in this campaign', '类别不属于此活动', 'categoryId');
  if (category.registry_category_id === null) {
    throw invalid(
      'CATEGORY_NOT_LINKED',
      `link ‘${category.name}’ to a registry category first`,
      `请先为“${category.name}”指定对应的登记库类别`,
      'categoryId',
    );
  }
  const units = await listUnitsInScope(db, actor);
  const chosen = input.unitIds.map((unitId, index) => {
    const unit = units.find((candidate) => candidate.id === unitId);
    if (!unit) throw invalid('UNIT_UNKNOWN', 'unit not found', '单位不存在或无权访问', `unitIds.${index}`);
    return unit;
  });
  const registered = await repo.registeredPerUnit(db, category.registry_category_id, chosen);
  const allocation = allocateByRule(
    input.total,
    chosen.map((unit) => ({ unitId: unit.id, registeredInCategory: registered.get(unit.id) ?? 0 })),
  );
  return setQuotas(
    db,
    actor,
    campaignId,
    allocation.map((entry) => ({ unitId: entry.unitId, categoryId: input.categoryId, quota: entry.quota })),
  );
}

/** The quota table, each quota with what is in against it and where it stands against the first deadline. */
export async function listQuotas(
  db: Db,
  actor: Actor,
  campaignId: number,
  now: Date = new Date(),
): Promise<QuotaStanding[]> {
  await visibleCampaign(db, actor, campaignId);
  const [quotas, counts, settings] = await Promise.all([
    repo.listQuotas(db, actor, campaignId),
    repo.progressCounts(db, actor, campaignId),
    campaignRow(db, campaignId),
  ]);
  return quotaStandings(quotas, statusCounts(counts), firstDeadlineRule(settings, now));
}

function statusCounts(rows: Awaited<ReturnType<typeof repo.progressCounts>>) {
  return rows.map((row) => ({
    unitId: row.unit_id,
    categoryId: row.category_id,
    status: row.state as NominationStatus,
    n: Number(row.n),
  }));
}

function firstDeadlineRule(
  settings: { first_deadline: string | null; first_deadline_share: number | null },
  now: Date,
): FirstDeadlineRule {
  return { now, firstDeadline: settings.first_deadline, share: (settings.first_deadline_share ?? 100) / 100 };
}

// ——— nominations ———

export interface NominateInput {
  personId: number;
  categoryId: number;
  unitId: number;
  consent: boolean;
  checklist?: Record<string, boolean>;
}

export async function nominatePerson(
  db: Db,
  actor: Actor,
  campaignId: number,
  input: NominateInput,
  now: Date = new Date(),
) {
  return db.transaction().execute((trx) => nominateInTransaction(trx, actor, campaignId, input, now));
}

/**
 * The nomination itself, inside the caller's transaction: a recommendation taken up (篇八) becomes a
 * nomination in the same transaction that marks it accepted.
 */
export async function nominateInTransaction(
  trx: DbOrTx,
  actor: Actor,
  campaignId: number,
  input: NominateInput & { recommendationId?: number },
  now: Date,
) {
  assertCan(actor, 'nominations.manage');
  const initial = nominate({ consentRecorded: input.consent });
  // the campaign's row lock first, then the limits, in the order every write path takes them
  await assertCampaignOpen(trx, actor, campaignId);
  // before the list is read: six clerks nominating at once are answered one after the other
  await repo.holdNominationLimits(trx, { campaignId, ...input });
  const header = await visibleCampaign(trx, actor, campaignId);
  const settings = await campaignRow(trx, campaignId);
  assertCanSubmit({ now, opensOn: settings.opens_on, finalDeadline: settings.final_deadline });
  const unit = await findUnitInScope(trx, actor, input.unitId);
  if (!unit || !unit.path.startsWith(header.organiserUnitPath))
    throw invalid('UNIT_UNKNOWN', 'unit not in this campaign or not yours', '单位不在本活动范围内或无权访问', 'unitId');
  const person = await trx
    .selectFrom('person')
    .innerJoin('unit', 'unit.id', 'person.unit_id')
    .select(['person.id', 'person.name', 'person.birth_date', 'person.unit_id', 'unit.path'])
    .where('person.id', '=', input.personId)
    .where('person.merged_into_id', 'is', null)
    .where((eb) => unitPathInScope(eb, actor))
    .executeTakeFirst();
  if (!person)
    throw invalid('PERSON_UNKNOWN', 'person not found in your registry', '登记库中没有此人或无权访问', 'personId');
  const category = await trx
    .selectFrom('campaign_category')
    .selectAll()
    .where('id', '=', input.categoryId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  if (!category) throw invalid('CATEGORY_UNKNOWN', 'category not in this campaign', '类别不属于此活动', 'categoryId');
  await assertEligible(trx, actor, { campaignId, person, unitPath: unit.path, category, now });
  assertChecklist(category, input.checklist ?? {});
  const quota = (await repo.quotaOf(trx, category.id, unit.id)) ?? 0;
  const used = await repo.countUsedQuota(trx, category.id, unit.id, QUOTA_COUNTED_STATUSES);
  assertWithinQuota({ unitName: unit.name, categoryName: category.name, quota, used });
  const values: repo.NewNomination = {
    campaignId,
    categoryId: category.id,
    unitId: unit.id,
    personId: person.id,
    state: initial,
    nominatedBy: actor.accountId || null,
    checklist: input.checklist ?? {},
    consentAt: nowIso(),
  };
  // a withdrawn name may be put forward again: its row comes back, with its history
  const withdrawn = await repo.findNominationOfPerson(trx, campaignId, person.id);
  const id = withdrawn
    ? await reopen(trx, withdrawn.id, values, person.name)
    : await insertNew(trx, values, person.name);
  await repo.appendNominationEvent(trx, { id, unitId: unit.id }, actor, null, initial.status, null);
  if (input.recommendationId)
    await trx
      .updateTable('nomination')
      .set({ recommendation_id: input.recommendationId })
      .where('id', '=', id)
      .execute();
  await appendAudit(trx, actor, {
    action: 'nominate',
    entity: 'nomination',
    entityId: id,
    unitId: unit.id,
    after: { personId: person.id, categoryId: category.id, recommendationId: input.recommendationId ?? null },
  });
  return (await repo.findNominationInScope(trx, actor, id))!;
}

async function reopen(trx: DbOrTx, id: number, values: repo.NewNomination, name: string): Promise<number> {
  if (!(await repo.reopenNomination(trx, id, values))) throw alreadyNominated(name);
  return id;
}

async function insertNew(trx: DbOrTx, values: repo.NewNomination, name: string): Promise<number> {
  return repo.insertNomination(trx, values).catch((error: unknown) => {
    // the unique (campaign, person) key backs the person-place limit held above
    if (/unique|duplicate/i.test(String((error as Error).message))) throw alreadyNominated(name);
    throw error;
  });
}

function alreadyNominated(name: string): DomainError {
  return invalid(
    'ALREADY_NOMINATED',
    `${name} is already on this campaign's list`,
    `${name}已在本活动名单中，同一人不能重复申报`,
    'personId',
  );
}

/** The rules a computer can check (eligibility.ts); the first failure names the error, all are listed. */
async function assertEligible(
  db: DbOrTx,
  actor: Actor,
  input: {
    campaignId: number;
    person: { id: number; name: string; birth_date: string; path: string };
    unitPath: string;
    category: { name: string; registry_category_id: number | null; min_age: number | null };
    now: Date;
  },
): Promise<void> {
  const { person, category } = input;
  const today = chinaDateOf(input.now);
  const [registryCategories, requiredCategory, bars, existing] = await Promise.all([
    repo.registryCategoryNamesOf(db, person.id),
    category.registry_category_id === null ? null : repo.registryCategoryName(db, category.registry_category_id),
    repo.barsOnPersonOrUnits(db, person.id, [...pathUnitIds(person.path), ...pathUnitIds(input.unitPath)], today),
    repo.findNominationOfPerson(db, input.campaignId, person.id),
  ]);
  const result = checkEligibility({
    person: { id: person.id, birthDate: person.birth_date, registryCategories },
    category: { name: category.name, minAge: category.min_age, requiredRegistryCategory: requiredCategory },
    unitPath: input.unitPath,
    referenceDate: today,
    today,
    blacklist: bars,
    existingNominations: existing
      ? [{ unitName: visibleUnitName(actor, existing), status: existing.state as NominationStatus }]
      : [],
  });
  if (result.ok) return;
  const [first] = result.reasons;
  const details = result.reasons.map((reason) => ({
    field: 'personId',
    message: reason.message,
    messageZh: reason.messageZh,
  }));
  throw new DomainError(
    'invalid',
    first!.code,
    `${person.name}: ${first!.message}`,
    `${person.name}：${first!.messageZh}`,
    details,
  );
}

/** A nomination by a unit the reader may not see is told without naming it (a person moved between villages). */
function visibleUnitName(actor: Actor, nomination: { unit_name: string; unit_path: string }): string | null {
  return isPathInScope(nomination.unit_path, actor) ? nomination.unit_name : null;
}

function pathUnitIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

// ——— verification and review ———

async function applyEvent(
  db: DbOrTx,
  actor: Actor,
  nomination: repo.NominationRow,
  event: NominationEvent,
  options: { verificationRequired: boolean },
  extra: Parameters<typeof repo.moveNomination>[3] = {},
): Promise<NominationState> {
  const move = await moveGuarded(db, nomination, event, options, extra);
  await recordMoves(db, actor, [move]);
  return move.next;
}

interface NominationMove {
  nomination: repo.NominationRow;
  event: NominationEvent;
  next: NominationState;
  /** the reviewer's 审核意见, kept in the name's history and the audit row */
  opinion?: string;
}

/** The state machine's next state, written by the guarded update; a name someone moved meanwhile is a 409. */
async function moveGuarded(
  db: DbOrTx,
  nomination: repo.NominationRow,
  event: NominationEvent,
  options: { verificationRequired: boolean },
  extra: Parameters<typeof repo.moveNomination>[3] = {},
): Promise<NominationMove> {
  const next = transition(nomination.state, event, { verificationRequired: options.verificationRequired });
  if (!(await repo.moveNomination(db, nomination, next, extra))) {
    throw conflict(
      'NOMINATION_CHANGED',
      'someone else acted on this name meanwhile: reload',
      '该名单已被他人处理，请刷新后再操作',
    );
  }
  return { nomination, event, next };
}

/** Each move's history line and audit entry, a whole batch written together. */
async function recordMoves(db: DbOrTx, actor: Actor, moves: NominationMove[]): Promise<void> {
  await repo.appendNominationEvents(
    db,
    actor,
    moves.map(({ nomination, next, opinion }) => ({
      nomination,
      from: nomination.state.status,
      to: next.status,
      reason: opinion ?? ('reason' in next ? next.reason : null),
    })),
  );
  await appendAuditMany(
    db,
    actor,
    moves.map(({ nomination, event, next, opinion }) => ({
      action: event.type,
      entity: 'nomination',
      entityId: nomination.id,
      unitId: nomination.unitId,
      before: nomination.state,
      after: opinion ? { ...next, opinion } : next,
    })),
  );
}

export async function nominationFor(
  db: DbOrTx,
  actor: Actor,
  campaignId: number,
  id: number,
): Promise<repo.NominationRow> {
  const nomination = await repo.findNominationInScope(db, actor, id);
  if (!nomination || nomination.campaignId !== campaignId) throw notFound('nomination', '申报');
  return nomination;
}

/** One event on one nomination, in a transaction of its own. */
async function actOnNomination(
  db: Db,
  actor: Actor,
  campaignId: number,
  id: number,
  event: NominationEvent,
  extra: Parameters<typeof repo.moveNomination>[3] = {},
): Promise<NominationState> {
  return db.transaction().execute(async (trx) => {
    await assertCampaignOpen(trx, actor, campaignId);
    const nomination = await nominationFor(trx, actor, campaignId, id);
    const settings = await campaignRow(trx, campaignId);
    return applyEvent(
      trx,
      actor,
      nomination,
      event,
      { verificationRequired: settings.verification_required === 1 },
      extra,
    );
  });
}

export async function assignVerifier(db: Db, actor: Actor, campaignId: number, id: number, verifier: string) {
  assertCan(actor, 'nominations.manage');
  return actOnNomination(db, actor, campaignId, id, { type: 'assignVerifier' }, { verifier });
}

export interface VerificationInput {
  visitedOn: string;
  visitors: string;
  findings: VisitFindings;
  eligible: boolean;
  reason?: string;
}

/** The home visit (入户核实). Not eligible removes the name; its quota is NOT refilled (篇七). */
export async function recordVerification(
  db: Db,
  actor: Actor,
  campaignId: number,
  id: number,
  input: VerificationInput,
) {
  assertCan(actor, 'nominations.verify');
  return db.transaction().execute(async (trx) => {
    await assertCampaignOpen(trx, actor, campaignId);
    const nomination = await nominationFor(trx, actor, campaignId, id);
    const settings = await campaignRow(trx, campaignId);
    assertFindings(await criteriaOf(trx, nomination.categoryId), input.findings, input.eligible);
    const next = await applyEvent(
      trx,
      actor,
      nomination,
      { type: 'recordVerification', eligible: input.eligible, ...(input.reason ? { reason: input.reason } : {}) },
      { verificationRequired: settings.verification_required === 1 },
      { verified_by: actor.accountId || null },
    );
    const verificationId = await repo.insertVerification(trx, {
      nominationId: id,
      unitId: nomination.unitId,
      visitedOn: input.visitedOn,
      visitors: input.visitors,
      findings: input.findings,
      eligible: input.eligible,
      reason: input.reason ?? null,
      recordedBy: actor.accountId || null,
    });
    return { state: next, verificationId };
  });
}

async function criteriaOf(db: DbOrTx, categoryId: number): Promise<Criterion[]> {
  const row = await db
    .selectFrom('campaign_category')
    .select('criteria_json')
    .where('id', '=', categoryId)
    .executeTakeFirst();
  return row?.criteria_json ? (JSON.parse(row.criteria_json) as Criterion[]) : [];
}

/** The unit submits its names up the chain. */
export async function submitNominations(
  db: Db,
  actor: Actor,
  campaignId: number,
  ids: number[],
  now: Date = new Date(),
) {
  assertCan(actor, 'nominations.manage');
  return db.transaction().execute(async (trx) => {
    await assertCampaignOpen(trx, actor, campaignId);
    const settings = await campaignRow(trx, campaignId);
    assertCanSubmit({ now, opensOn: settings.opens_on, finalDeadline: settings.final_deadline });
    await repo.lockNominations(trx, ids);
    const votes = await repo.democraticVotesOf(trx, actor, ids);
    const results: NominationState[] = [];
    for (const id of ids) {
      const nomination = await nominationFor(trx, actor, campaignId, id);
      assertNotVotedDown(votes.get(id)?.vote ?? null, votes.get(id)?.personName ?? String(id));
      const event: NominationEvent = nomination.state.status === 'returned' ? { type: 'resubmit' } : { type: 'submit' };
      results.push(
        await applyEvent(trx, actor, nomination, event, { verificationRequired: settings.verification_required === 1 }),
      );
    }
    return results;
  });
}

/** The opinion (审核意见) of an approval is optional; returning or rejecting needs its reason. */
export type ReviewDecision =
  { action: 'approve'; opinion?: string } | { action: 'return'; reason: string } | { action: 'reject'; reason: string };

/**
 * One review step for a batch of names, all or nothing. Each name is re-checked inside the
 * transaction: two reviewers approving the same batch at once give one approval, and the second
 * gets a conflict instead of a double approval.
 */
export async function reviewNominations(
  db: Db,
  actor: Actor,
  campaignId: number,
  ids: number[],
  decision: ReviewDecision,
) {
  assertCan(actor, 'nominations.review');
  return db.transaction().execute(async (trx) => {
    const header = await visibleCampaign(trx, actor, campaignId);
    await assertCampaignOpen(trx, actor, campaignId);
    const settings = await getIdentificationSettings(trx, actor, campaignId);
    const chain = settings.reviewChain;
    const campaign = decision.action === 'approve' ? await getCampaign(trx, actor, campaignId) : null;
    const moves: NominationMove[] = [];
    // the batch's rows are locked in id order before they are read: reviewers acting on the same
    // names at once (in any order) wait for each other and the later ones find them moved (409),
    // instead of deadlocking; then each name is moved by its own guarded update, and the history
    // and audit lines of the whole batch are written together
    await repo.lockNominations(trx, ids);
    const nominations = await repo.findNominationsInScope(trx, actor, ids);
    const votes = decision.action === 'approve' ? await repo.democraticVotesOf(trx, actor, ids) : null;
    const people =
      decision.action === 'approve'
        ? await snapshotPeople(
            trx,
            [...nominations.values()].map((n) => n.personId),
          )
        : new Map();
    for (const id of ids) {
      const nomination = nominations.get(id);
      if (!nomination || nomination.campaignId !== campaignId) throw notFound('nomination', '申报');
      if (nomination.state.status !== 'in-review') {
        throw conflict(
          'NOMINATION_CHANGED',
          `name ${id} is no longer waiting for review (${nomination.state.status})`,
          '所选名单中有人已不在待审核状态，请刷新后再操作',
        );
      }
      const stepIndex = nomination.state.stepIndex;
      const step = chain[stepIndex]!;
      const stepPath = stepUnitPath(step, nomination.unitPath) ?? header.organiserUnitPath;
      assertCanActOnStep({
        actorRole: actor.role,
        actorUnitPath: actor.unitPath,
        stepUnitPath: stepPath,
        stepRoles: step.roles,
        stepLabel: step.label,
      });
      let event: NominationEvent;
      let extra: Parameters<typeof repo.moveNomination>[3] = {};
      if (decision.action === 'approve') {
        assertNotVotedDown(votes?.get(id)?.vote ?? null, votes?.get(id)?.personName ?? String(id));
        assertSeparationOfDuties({
          actorAccountId: actor.accountId,
          nominatedBy: nomination.nominatedBy ?? -1,
          verifiedBy: nomination.verifiedBy,
        });
        const last = isLastStep(chain, stepIndex);
        event = { type: 'approveStep', stepIndex, isLastStep: last };
        if (last) extra = freezeSnapshot(nomination, campaign!, people.get(nomination.personId)!);
      } else if (decision.action === 'return') {
        event = { type: 'returnStep', stepIndex, reason: decision.reason };
      } else {
        event = { type: 'rejectStep', stepIndex, reason: decision.reason };
      }
      const move = await moveGuarded(
        trx,
        nomination,
        event,
        { verificationRequired: settings.verificationRequired },
        extra,
      );
      moves.push(decision.action === 'approve' && decision.opinion ? { ...move, opinion: decision.opinion } : move);
    }
    await recordMoves(trx, actor, moves);
    return moves.map((move) => move.next);
  });
}

/** The final approval freezes the person's data and the standard: later registry edits do not move it. */
/** What the final approval freezes of each person, read for a whole batch at once. */
async function snapshotPeople(db: DbOrTx, personIds: number[]) {
  const people = new Map<
    number,
    {
      name: string;
      id_masked: string;
      birth_date: string;
      sex: string;
      phone: string | null;
      address: string | null;
      unit_name: string;
    }
  >();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('person')
      .innerJoin('household', 'household.id', 'person.household_id')
      .innerJoin('unit', 'unit.id', 'person.unit_id')
      .select([
        'person.id',
        'person.name',
        'person.id_masked',
        'person.birth_date',
        'person.sex',
        'person.phone',
        'household.address',
        'unit.name as unit_name',
      ])
      .where('person.id', 'in', personIds.slice(i, i + 500))
      .execute();
    for (const { id, ...person } of rows) people.set(id, person);
  }
  return people;
}

function freezeSnapshot(
  nomination: repo.NominationRow,
  view: Awaited<ReturnType<typeof getCampaign>>,
  person: unknown,
) {
  const category = view.campaign.categories.find((candidate) => candidate.id === nomination.categoryId)!;
  const amountFen = perPersonFen(category);
  return {
    snapshot_json: JSON.stringify({
      person,
      standard: {
        category: category.name,
        cashFen: category.cashFen,
        giftFen: category.giftFen,
        items: category.items,
      },
      approvedAt: nowIso(),
    }),
    amount_fen: amountFen,
  };
}

/**
 * The list is final once locked: from then on a name leaves it only through a recorded correction
 * (a person found to have reported falsely, or who died before the visit), by the organising unit,
 * with the reason in the name's history and the audit trail.
 */
export async function correctFinalName(db: Db, actor: Actor, campaignId: number, id: number, reason: string) {
  assertCan(actor, 'campaigns.manage');
  return db.transaction().execute(async (trx) => {
    await organisedCampaign(trx, actor, campaignId);
    await assertCampaignOpen(trx, actor, campaignId);
    const nomination = await nominationFor(trx, actor, campaignId, id);
    const settings = await campaignRow(trx, campaignId);
    return applyEvent(
      trx,
      actor,
      nomination,
      { type: 'correct', reason },
      { verificationRequired: settings.verification_required === 1 },
    );
  });
}

export async function withdrawNomination(db: Db, actor: Actor, campaignId: number, id: number, reason: string) {
  assertCan(actor, 'nominations.manage');
  return actOnNomination(db, actor, campaignId, id, { type: 'withdraw', reason });
}

export async function listCampaignNominations(
  db: Db,
  actor: Actor,
  campaignId: number,
  filter: { status?: string; unitId?: number; page?: number; pageSize?: number },
) {
  await visibleCampaign(db, actor, campaignId);
  let unitPath: string | undefined;
  if (filter.unitId) {
    const unit = await findUnitInScope(db, actor, filter.unitId);
    if (!unit) throw notFound('unit', '单位');
    unitPath = unit.path;
  }
  const pageSize = filter.pageSize ?? 50;
  const page = filter.page ?? 1;
  const where = { ...(filter.status ? { status: filter.status } : {}), ...(unitPath ? { unitPath } : {}) };
  const [nominations, total] = await Promise.all([
    repo.listNominations(db, actor, campaignId, { ...where, limit: pageSize, offset: (page - 1) * pageSize }),
    repo.countNominations(db, actor, campaignId, where),
  ]);
  return { nominations: await withReviewSteps(db, actor, campaignId, nominations), total, page, pageSize };
}

export interface ReviewStepInfo {
  label: string;
  unitName: string;
  roles: readonly Role[];
  /** the reader may act on this step (role and unit match); otherwise the screen says who can */
  canAct: boolean;
}

/** Names waiting at a review step say who acts on it, so an account that cannot is told who can. */
async function withReviewSteps(
  db: Db,
  actor: Actor,
  campaignId: number,
  nominations: repo.NominationListItem[],
): Promise<(repo.NominationListItem & { reviewStep: ReviewStepInfo | null })[]> {
  const waiting = nominations.filter((nomination) => nomination.status === 'in-review');
  if (waiting.length === 0) return nominations.map((nomination) => ({ ...nomination, reviewStep: null }));
  const [header, settings] = await Promise.all([
    visibleCampaign(db, actor, campaignId),
    getIdentificationSettings(db, actor, campaignId),
  ]);
  const units = new Map<number, { name: string; path: string } | undefined>();
  const unitOf = async (id: number) => {
    if (!units.has(id)) units.set(id, await findUnitById(db, id));
    return units.get(id);
  };
  const steps = new Map<number, ReviewStepInfo | null>();
  for (const nomination of waiting) {
    const filedAt = await unitOf(nomination.unitId);
    const holder = filedAt
      ? stepHolder(settings.reviewChain, nomination.stepIndex, filedAt.path, header.organiserUnitPath)
      : null;
    steps.set(
      nomination.id,
      holder && {
        label: holder.label,
        unitName: (await unitOf(holder.unitId))?.name ?? '',
        roles: holder.roles,
        canAct: canActOnStep({
          actorRole: actor.role,
          actorUnitPath: actor.unitPath,
          stepUnitPath: holder.unitPath,
          stepRoles: holder.roles,
        }),
      },
    );
  }
  return nominations.map((nomination) => ({ ...nomination, reviewStep: steps.get(nomination.id) ?? null }));
}

/**
 * The organiser's progress view: per unit, its quota and its names counted once each, in the column of
 * the state they are in now (nomination-state.ts), the removed ones by why, the bar's percentages, and
 * where the unit stands against the first deadline.
 */
export async function campaignProgress(
  db: Db,
  actor: Actor,
  campaignId: number,
  now: Date = new Date(),
): Promise<UnitProgress[]> {
  await visibleCampaign(db, actor, campaignId);
  const [quotas, counts, units, settings] = await Promise.all([
    repo.listQuotas(db, actor, campaignId),
    repo.progressCounts(db, actor, campaignId),
    listUnitsInScope(db, actor),
    campaignRow(db, campaignId),
  ]);
  const names = new Map(units.map((unit) => [unit.id, unit.name]));
  return unitProgress(quotas, statusCounts(counts), names, firstDeadlineRule(settings, now));
}

/**
 * 篇四: a unit whose report was found false loses next year's eligibility — a bar on the unit, through
 * the registry's blacklist, until the end of the next campaign year.
 */
export async function reportFalseSubmission(
  db: Db,
  actor: Actor,
  campaignId: number,
  input: { unitId: number; reason: string },
) {
  // not frozen by a close: a false report is often found at the audit after the campaign has ended,
  // and what it changes is the registry's blacklist for next year, not this campaign
  const header = await organisedCampaign(db, actor, campaignId);
  return addToBlacklist(db, actor, {
    subjectKind: 'unit',
    unitId: input.unitId,
    reason: `${header.name}：上报材料不实（${input.reason}），取消${header.year + 1}年度慰问资格`,
    until: `${header.year + 1}-12-31`,
  });
}

/** The clerk's checklist for the category (篇三: serious illness or an accident, and no large savings). */
function assertChecklist(
  category: { name: string; criteria_json: string | null },
  answers: Record<string, boolean>,
): void {
  const criteria = category.criteria_json ? (JSON.parse(category.criteria_json) as Criterion[]) : [];
  const result = checklistComplete(criteria, answers);
  if (result.complete) return;
  const missing = [
    ...result.missingRequired.map((criterion) => criterion.label),
    ...(result.needsOneOf.length > 0
      ? [`以下至少一项：${result.needsOneOf.map((criterion) => criterion.label).join('；')}`]
      : []),
  ];
  throw invalid(
    'CHECKLIST_INCOMPLETE',
    `the eligibility checklist of ‘${category.name}’ is not complete`,
    `“${category.name}”的条件核对未完成：${missing.join('；')}`,
    'checklist',
  );
}

/** The application form of one nomination, filled from the registry and the campaign. */
export async function applicationForm(
  db: Db,
  actor: Actor,
  campaignId: number,
  id: number,
): Promise<{ fileName: string; buffer: Buffer }> {
  assertCan(actor, 'nominations.manage');
  const nomination = await nominationFor(db, actor, campaignId, id);
  const view = await getCampaign(db, actor, campaignId);
  const category = view.campaign.categories.find((candidate) => candidate.id === nomination.categoryId)!;
  const row = await db
    .selectFrom('person')
    .innerJoin('household', 'household.id', 'person.household_id')
    .select([
      'person.name',
      'person.id_masked',
      'person.sex',
      'person.birth_date',
      'person.phone',
      'person.household_id',
      'household.address',
      'household.size',
    ])
    .where('person.id', '=', nomination.personId)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('person')
    .select(['name', 'relation'])
    .where('household_id', '=', row.household_id)
    .where('merged_into_id', 'is', null)
    .execute();
  const [hardship] = await hardshipHistory(db, [nomination.personId]);
  const details = await db
    .selectFrom('nomination')
    .innerJoin('unit', 'unit.id', 'nomination.unit_id')
    .select(['unit.name', 'nomination.checklist_json', 'nomination.consent_at'])
    .where('nomination.id', '=', id)
    .executeTakeFirstOrThrow();
  const settings = await getIdentificationSettings(db, actor, campaignId);
  const criteria = settings.categories.find((entry) => entry.categoryId === category.id)?.criteria ?? [];
  const answers = details.checklist_json ? (JSON.parse(details.checklist_json) as Record<string, boolean>) : {};
  const buffer = await renderApplicationForm({
    campaignName: view.campaign.name,
    organiserName: view.campaign.organiserUnitName,
    unitName: details.name,
    categoryName: category.name,
    amountFen: perPersonFen(category),
    person: {
      name: row.name,
      idMasked: row.id_masked,
      sex: row.sex as 'male' | 'female',
      birthDate: row.birth_date,
      phone: row.phone,
    },
    household: { address: row.address, size: row.size, members },
    hardship: hardship ?? null,
    checklist: criteria.map((criterion) => ({ label: criterion.label, ticked: answers[criterion.key] === true })),
    consentAt: details.consent_at,
  });
  return { fileName: `申请表-${row.name}.xlsx`, buffer };
}

export interface DemocraticReviewInput {
  unitId: number;
  heldOn: string;
  participants: string;
  decisions: { nominationId: number; agreed: boolean; note?: string }[];
}

/** 民主评议 (篇二): the meeting is recorded with each name's decision, and each decision joins that name's history. */
export async function recordDemocraticReview(db: Db, actor: Actor, campaignId: number, input: DemocraticReviewInput) {
  assertCan(actor, 'nominations.manage');
  return db.transaction().execute(async (trx) => {
    await assertCampaignOpen(trx, actor, campaignId);
    const unit = await findUnitInScope(trx, actor, input.unitId);
    if (!unit) throw invalid('UNIT_UNKNOWN', 'unit not found', '单位不存在或无权访问', 'unitId');
    for (const [index, decision] of input.decisions.entries()) {
      const nomination = await repo.findNominationInScope(trx, actor, decision.nominationId);
      if (!nomination || nomination.campaignId !== campaignId || nomination.unitId !== unit.id) {
        throw invalid(
          'NOMINATION_UNKNOWN',
          'a name is not on this unit’s list',
          '评议的名单不属于本单位',
          `decisions.${index}.nominationId`,
        );
      }
      const note = `民主评议（${input.heldOn}）：${decision.agreed ? '同意' : '不同意'}${decision.note ? `，${decision.note}` : ''}`;
      await repo.appendNominationEvent(trx, nomination, actor, nomination.state.status, nomination.state.status, note);
      await repo.setDemocraticVote(trx, nomination.id, voteOfDecision(decision.agreed));
    }
    const row = await trx
      .insertInto('democratic_review')
      .values({
        campaign_id: campaignId,
        unit_id: unit.id,
        held_on: input.heldOn,
        participants: input.participants,
        decisions_json: JSON.stringify(input.decisions),
        recorded_by: actor.username,
        recorded_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: 'democratic-review',
      entity: 'campaign',
      entityId: campaignId,
      unitId: unit.id,
      after: input,
    });
    return { id: row.id };
  });
}

/**
 * Sets a democratic review's "不同意" aside so the name may go up after all: a reviewer or organiser
 * above the nominating unit, with the reason in the name's history and the audit log.
 */
export async function overrideDemocraticVote(db: Db, actor: Actor, campaignId: number, id: number, reason: string) {
  assertCan(actor, 'nominations.review');
  return db.transaction().execute(async (trx) => {
    await assertCampaignOpen(trx, actor, campaignId);
    const nomination = await nominationFor(trx, actor, campaignId, id);
    const vote = (await repo.democraticVotesOf(trx, actor, [id])).get(id)?.vote ?? null;
    const why = assertMayOverride({
      actorRole: actor.role,
      actorUnitPath: actor.unitPath,
      nominationUnitPath: nomination.unitPath,
      vote,
      reason,
    });
    if (!(await repo.setDemocraticVote(trx, id, 'overridden', 'disagreed')))
      throw conflict(
        'NOMINATION_CHANGED',
        'the verdict changed meanwhile: reload',
        '评议结果已被他人修改，请刷新后再操作',
      );
    const status = nomination.state.status;
    await repo.appendNominationEvent(trx, nomination, actor, status, status, `复核民主评议“不同意”，同意报送：${why}`);
    await appendAudit(trx, actor, {
      action: 'override-democratic-review',
      entity: 'nomination',
      entityId: id,
      unitId: nomination.unitId,
      before: { democraticVote: vote },
      after: { democraticVote: 'overridden', reason: why },
    });
    return { democraticVote: 'overridden' as const };
  });
}

export async function listDemocraticReviews(db: Db, actor: Actor, campaignId: number) {
  await visibleCampaign(db, actor, campaignId);
  const rows = await db
    .selectFrom('democratic_review')
    .innerJoin('unit', 'unit.id', 'democratic_review.unit_id')
    .selectAll('democratic_review')
    .select('unit.name as unit_name')
    .where('democratic_review.campaign_id', '=', campaignId)
    .where((eb) => unitPathInScope(eb, actor))
    .orderBy('democratic_review.held_on', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    unitName: row.unit_name,
    heldOn: row.held_on,
    participants: row.participants,
    decisions: JSON.parse(row.decisions_json) as DemocraticReviewInput['decisions'],
    recordedBy: row.recorded_by,
  }));
}
