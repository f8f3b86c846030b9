import { sql } from 'kysely';
import { holdLimits, lockRows, type LimitKey } from '../../db/limit-guard.ts';
import type { DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { bulkInsert } from '../../db/dialect.ts';
import { narrowScope, unitIdInScope, type Actor } from '../org/scope.ts';
import { isDemocraticVote, type DemocraticVote } from './democratic-vote.ts';
import type { NominationState, NominationStatus } from './nomination-state.ts';

// ——— quotas ———

export interface QuotaRow {
  categoryId: number;
  unitId: number;
  unitName: string;
  unitPath: string;
  quota: number;
}

export async function listQuotas(db: DbOrTx, actor: Actor, campaignId: number): Promise<QuotaRow[]> {
  const rows = await db
    .selectFrom('campaign_quota')
    .innerJoin('unit', 'unit.id', 'campaign_quota.unit_id')
    .select(['campaign_quota.category_id', 'campaign_quota.unit_id', 'unit.name', 'unit.path', 'campaign_quota.quota'])
    .where('campaign_quota.campaign_id', '=', campaignId)
    .where((eb) => unitIdInScope(eb.ref('campaign_quota.unit_id'), actor))
    .orderBy('unit.path')
    .execute();
  return rows.map((row) => ({
    categoryId: row.category_id,
    unitId: row.unit_id,
    unitName: row.name,
    unitPath: row.path,
    quota: row.quota,
  }));
}

/** Unscoped: the quota of one unit and category (for the checks of a nomination). */
export async function quotaOf(db: DbOrTx, categoryId: number, unitId: number): Promise<number | null> {
  const row = await db
    .selectFrom('campaign_quota')
    .select('quota')
    .where('category_id', '=', categoryId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return row ? row.quota : null;
}

export async function upsertQuota(
  db: DbOrTx,
  campaignId: number,
  categoryId: number,
  unitId: number,
  quota: number,
): Promise<void> {
  const updated = await db
    .updateTable('campaign_quota')
    .set({ quota })
    .where('category_id', '=', categoryId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db
      .insertInto('campaign_quota')
      .values({ campaign_id: campaignId, category_id: categoryId, unit_id: unitId, quota })
      .execute();
  }
}

/** People in the registry holding a registry category, per unit subtree root. */
/** The quotas already set for the direct children of a unit in a category. */
export async function childQuotas(
  db: DbOrTx,
  categoryId: number,
  parentUnitId: number,
): Promise<{ unitId: number; unitName: string; quota: number }[]> {
  const rows = await db
    .selectFrom('campaign_quota')
    .innerJoin('unit', 'unit.id', 'campaign_quota.unit_id')
    .select(['campaign_quota.unit_id', 'unit.name', 'campaign_quota.quota'])
    .where('campaign_quota.category_id', '=', categoryId)
    .where('unit.parent_id', '=', parentUnitId)
    .execute();
  return rows.map((row) => ({ unitId: row.unit_id, unitName: row.name, quota: row.quota }));
}

export async function registeredPerUnit(
  db: DbOrTx,
  registryCategoryId: number,
  units: { id: number; path: string }[],
): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  for (const unit of units) {
    const row = await db
      .selectFrom('person_category')
      .innerJoin('person', 'person.id', 'person_category.person_id')
      .innerJoin('unit', 'unit.id', 'person.unit_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_category.category_id', '=', registryCategoryId)
      .where('person.merged_into_id', 'is', null)
      .where('unit.path', 'like', `${unit.path}%`)
      .executeTakeFirstOrThrow();
    result.set(unit.id, Number(row.n));
  }
  return result;
}

// ——— nominations ———

export interface NominationRow {
  id: number;
  campaignId: number;
  categoryId: number;
  unitId: number;
  unitPath: string;
  personId: number;
  state: NominationState;
  nominatedBy: number | null;
  verifiedBy: number | null;
  version: number;
}

export function encodeState(state: NominationState): { state: string; step_index: number; reason: string | null } {
  return {
    state: state.status,
    step_index: 'stepIndex' in state ? state.stepIndex : 0,
    reason: 'reason' in state ? state.reason : null,
  };
}

export function decodeState(status: string, stepIndex: number, reason: string | null): NominationState {
  switch (status as NominationStatus) {
    case 'in-review':
      return { status: 'in-review', stepIndex };
    case 'returned':
    case 'rejected':
      return { status: status as 'returned' | 'rejected', stepIndex, reason: reason ?? '' };
    case 'rejected-by-verification':
    case 'removed-by-objection':
    case 'removed-by-correction':
    case 'withdrawn':
      return { status: status as 'withdrawn', reason: reason ?? '' };
    default:
      return { status: status as 'nominated' } as NominationState;
  }
}

export async function countUsedQuota(
  db: DbOrTx,
  categoryId: number,
  unitId: number,
  countedStatuses: readonly string[],
): Promise<number> {
  const row = await db
    .selectFrom('nomination')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category_id', '=', categoryId)
    .where('unit_id', '=', unitId)
    .where('state', 'in', countedStatuses)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Unscoped on purpose: a person may be on this campaign's list under another unit (checked before nominating). */
export async function findNominationOfPerson(db: DbOrTx, campaignId: number, personId: number) {
  return db
    .selectFrom('nomination')
    .innerJoin('unit', 'unit.id', 'nomination.unit_id')
    .select(['nomination.id', 'nomination.state', 'unit.name as unit_name', 'unit.path as unit_path'])
    .where('nomination.campaign_id', '=', campaignId)
    .where('nomination.person_id', '=', personId)
    .executeTakeFirst();
}

export interface NewNomination {
  campaignId: number;
  categoryId: number;
  unitId: number;
  personId: number;
  state: NominationState;
  nominatedBy: number | null;
  checklist: unknown;
  consentAt: string;
}

/** Brings a withdrawn nomination back as a new one (the unique campaign + person key keeps one row). */
/** The limits a nomination is checked against (limit-guard.ts): its unit's quota in the category. */
export function quotaLimit(categoryId: number, unitId: number): LimitKey {
  return { limit: 'quota', owner: [categoryId, unitId] };
}

/** One place per person per campaign, whatever the unit. */
export function personPlaceLimit(campaignId: number, personId: number): LimitKey {
  return { limit: 'person-place', owner: [campaignId, personId] };
}

/**
 * Holds a nomination's limits until the transaction ends: the person's one place in the campaign
 * and the unit's quota in the category. Taken before either is read, so the count and the insert
 * see the same list.
 */
export async function holdNominationLimits(
  trx: DbOrTx,
  nomination: { campaignId: number; personId: number; categoryId: number; unitId: number },
): Promise<void> {
  await holdLimits(trx, [
    personPlaceLimit(nomination.campaignId, nomination.personId),
    quotaLimit(nomination.categoryId, nomination.unitId),
  ]);
}

/** Holds the quotas of these (category, unit) pairs until the transaction ends. */
export async function holdQuotaLimits(
  trx: DbOrTx,
  quotas: readonly { categoryId: number; unitId: number }[],
): Promise<void> {
  await holdLimits(
    trx,
    quotas.map((quota) => quotaLimit(quota.categoryId, quota.unitId)),
  );
}

/** Publishing a campaign's notices, one request at a time. */
export async function holdNoticePublishing(trx: DbOrTx, campaignId: number): Promise<void> {
  await holdLimits(trx, [{ limit: 'notice-publish', owner: [campaignId] }]);
}

/** Takes the nomination rows of a batch in id order, until the transaction ends (limit-guard.ts). */
export async function lockNominations(trx: DbOrTx, ids: readonly number[]): Promise<void> {
  await lockRows(trx, 'nomination', ids);
}

/** Brings a withdrawn row back; false when it is no longer withdrawn (someone brought it back first). */
export async function reopenNomination(db: DbOrTx, id: number, values: NewNomination): Promise<boolean> {
  const result = await db
    .updateTable('nomination')
    .set({
      category_id: values.categoryId,
      unit_id: values.unitId,
      ...encodeState(values.state),
      nominated_by: values.nominatedBy,
      verified_by: null,
      verifier: null,
      consent_at: values.consentAt,
      checklist_json: JSON.stringify(values.checklist ?? {}),
      snapshot_json: null,
      amount_fen: null,
      version: sql<number>`version + 1`,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('state', '=', 'withdrawn')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertNomination(db: DbOrTx, values: NewNomination): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('nomination')
    .values({
      campaign_id: values.campaignId,
      category_id: values.categoryId,
      unit_id: values.unitId,
      person_id: values.personId,
      ...encodeState(values.state),
      nominated_by: values.nominatedBy,
      consent_at: values.consentAt,
      checklist_json: JSON.stringify(values.checklist ?? {}),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findNominationInScope(db: DbOrTx, actor: Actor, id: number): Promise<NominationRow | undefined> {
  return (await findNominationsInScope(db, actor, [id])).get(id);
}

export async function findNominationsInScope(
  db: DbOrTx,
  actor: Actor,
  ids: number[],
): Promise<Map<number, NominationRow>> {
  const found = new Map<number, NominationRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('nomination')
      .innerJoin('unit', 'unit.id', 'nomination.unit_id')
      .select([
        'nomination.id',
        'nomination.campaign_id',
        'nomination.category_id',
        'nomination.unit_id',
        'unit.path',
        'nomination.person_id',
        'nomination.state',
        'nomination.step_index',
        'nomination.reason',
        'nomination.nominated_by',
        'nomination.verified_by',
        'nomination.version',
      ])
      .where('nomination.id', 'in', ids.slice(i, i + 500))
      .where((eb) => unitIdInScope(eb.ref('nomination.unit_id'), actor))
      .execute();
    for (const row of rows) {
      found.set(row.id, {
        id: row.id,
        campaignId: row.campaign_id,
        categoryId: row.category_id,
        unitId: row.unit_id,
        unitPath: row.path,
        personId: row.person_id,
        state: decodeState(row.state, row.step_index, row.reason),
        nominatedBy: row.nominated_by,
        verifiedBy: row.verified_by,
        version: row.version,
      });
    }
  }
  return found;
}

/**
 * The guard: the change lands only if the nomination is still in the state (and version) the caller
 * read. Two reviewers approving at once: one update changes a row, the other changes none.
 */
export async function moveNomination(
  db: DbOrTx,
  nomination: NominationRow,
  next: NominationState,
  extra: Partial<{
    verified_by: number | null;
    verifier: string | null;
    snapshot_json: string | null;
    amount_fen: number | null;
  }> = {},
): Promise<boolean> {
  const current = encodeState(nomination.state);
  const result = await db
    .updateTable('nomination')
    .set({ ...encodeState(next), ...extra, version: sql<number>`version + 1`, updated_at: nowIso() })
    .where('id', '=', nomination.id)
    .where('version', '=', nomination.version)
    .where('state', '=', current.state)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function appendNominationEvents(
  db: DbOrTx,
  actor: Actor,
  events: { nomination: { id: number; unitId: number }; from: string | null; to: string; reason: string | null }[],
): Promise<void> {
  const at = nowIso();
  await bulkInsert(
    db,
    'nomination_event',
    events.map((event) => ({
      nomination_id: event.nomination.id,
      unit_id: event.nomination.unitId,
      at,
      actor: actor.username,
      from_state: event.from,
      to_state: event.to,
      reason: event.reason,
    })),
  );
}

export async function appendNominationEvent(
  db: DbOrTx,
  nomination: { id: number; unitId: number },
  actor: Actor,
  from: string | null,
  to: string,
  reason: string | null,
): Promise<void> {
  await appendNominationEvents(db, actor, [{ nomination, from, to, reason }]);
}

export interface NominationListItem {
  id: number;
  personId: number;
  name: string;
  idMasked: string;
  unitId: number;
  unitName: string;
  categoryId: number;
  categoryName: string;
  status: string;
  stepIndex: number;
  reason: string | null;
  nominatedBy: number | null;
  verifiedBy: number | null;
  /** the democratic review's verdict (民主评议): a name voted down does not go up */
  democraticVote: DemocraticVote;
  version: number;
  updatedAt: string;
}

export interface NominationFilter {
  status?: string;
  unitPath?: string;
}

/** A list filtered to a unit reads that unit's subtree only: one subtree test, not two. */
function listScope(actor: Actor, filter: NominationFilter): Actor {
  return filter.unitPath ? narrowScope(actor, filter.unitPath) : actor;
}

/** How many names the list has under a filter, for paging (same scope and filter as listNominations). */
export async function countNominations(
  db: DbOrTx,
  actor: Actor,
  campaignId: number,
  filter: NominationFilter,
): Promise<number> {
  let query = db
    .selectFrom('nomination')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('nomination.campaign_id', '=', campaignId)
    .where((eb) => unitIdInScope(eb.ref('nomination.unit_id'), listScope(actor, filter)));
  if (filter.status) query = query.where('nomination.state', '=', filter.status);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function listNominations(
  db: DbOrTx,
  actor: Actor,
  campaignId: number,
  filter: NominationFilter & { limit: number; offset: number },
): Promise<NominationListItem[]> {
  let query = db
    .selectFrom('nomination')
    .innerJoin('unit', 'unit.id', 'nomination.unit_id')
    .innerJoin('person', 'person.id', 'nomination.person_id')
    .innerJoin('campaign_category', 'campaign_category.id', 'nomination.category_id')
    .select([
      'nomination.id',
      'nomination.person_id',
      'person.name',
      'person.id_masked',
      'nomination.unit_id',
      'unit.name as unit_name',
      'nomination.category_id',
      'campaign_category.name as category_name',
      'nomination.state',
      'nomination.step_index',
      'nomination.reason',
      'nomination.nominated_by',
      'nomination.verified_by',
      'nomination.democratic_vote',
      'nomination.version',
      'nomination.updated_at',
    ])
    .where('nomination.campaign_id', '=', campaignId)
    .where((eb) => unitIdInScope(eb.ref('nomination.unit_id'), listScope(actor, filter)))
    .orderBy('nomination.id')
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.status) query = query.where('nomination.state', '=', filter.status);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    personId: row.person_id,
    name: row.name,
    idMasked: row.id_masked,
    unitId: row.unit_id,
    unitName: row.unit_name,
    categoryId: row.category_id,
    categoryName: row.category_name,
    status: row.state,
    stepIndex: row.step_index,
    reason: row.reason,
    nominatedBy: row.nominated_by,
    verifiedBy: row.verified_by,
    democraticVote: voteOf(row.democratic_vote),
    version: row.version,
    updatedAt: row.updated_at,
  }));
}

function voteOf(stored: string | null): DemocraticVote {
  return isDemocraticVote(stored) ? stored : null;
}

/** The democratic review's verdict on each name (in the actor's subtree), with the person's name for messages. */
export async function democraticVotesOf(
  db: DbOrTx,
  actor: Actor,
  ids: number[],
): Promise<Map<number, { vote: DemocraticVote; personName: string }>> {
  const votes = new Map<number, { vote: DemocraticVote; personName: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('nomination')
      .innerJoin('person', 'person.id', 'nomination.person_id')
      .select(['nomination.id', 'nomination.democratic_vote', 'person.name'])
      .where('nomination.id', 'in', ids.slice(i, i + 500))
      .where((eb) => unitIdInScope(eb.ref('nomination.unit_id'), actor))
      .execute();
    for (const row of rows) votes.set(row.id, { vote: voteOf(row.democratic_vote), personName: row.name });
  }
  return votes;
}

/**
 * Records a verdict; with `expected`, only over that verdict (an override lands once, on a name still
 * voted down). The version moves too: a reviewer approving from a screen read before the verdict
 * changed gets a conflict from the guarded move, not an approval of a name just voted down.
 */
export async function setDemocraticVote(
  db: DbOrTx,
  id: number,
  vote: Exclude<DemocraticVote, null>,
  expected?: Exclude<DemocraticVote, null>,
): Promise<boolean> {
  let query = db
    .updateTable('nomination')
    .set({ democratic_vote: vote, version: sql<number>`version + 1` })
    .where('id', '=', id);
  if (expected) query = query.where('democratic_vote', '=', expected);
  return Number((await query.executeTakeFirst()).numUpdatedRows) === 1;
}

/** Per unit and state: the organiser's progress view, in one grouped query. */
export async function progressCounts(db: DbOrTx, actor: Actor, campaignId: number) {
  return db
    .selectFrom('nomination')
    .select([
      'nomination.unit_id',
      'nomination.category_id',
      'nomination.state',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('nomination.campaign_id', '=', campaignId)
    .where((eb) => unitIdInScope(eb.ref('nomination.unit_id'), actor))
    .groupBy(['nomination.unit_id', 'nomination.category_id', 'nomination.state'])
    .execute();
}

export async function insertVerification(
  db: DbOrTx,
  values: {
    nominationId: number;
    unitId: number;
    visitedOn: string;
    visitors: string;
    findings: unknown;
    eligible: boolean;
    reason: string | null;
    recordedBy: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('verification')
    .values({
      nomination_id: values.nominationId,
      unit_id: values.unitId,
      visited_on: values.visitedOn,
      visitors: values.visitors,
      findings_json: JSON.stringify(values.findings ?? {}),
      eligible: values.eligible ? 1 : 0,
      reason: values.reason,
      recorded_by: values.recordedBy,
      recorded_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface VisitHousehold {
  sex: string;
  birthDate: string;
  phone: string | null;
  address: string | null;
  householdPhone: string | null;
  householdSize: number | null;
  /** everyone registered in the household, the person included; ID numbers masked */
  members: { name: string; relation: string; idMasked: string; birthDate: string }[];
}

/**
 * Where the visitor goes and whom they meet: the person's address, phones and household, read only
 * inside the reader's subtree (null when the person is outside it).
 */
export async function householdForVisit(db: DbOrTx, actor: Actor, personId: number): Promise<VisitHousehold | null> {
  const person = await db
    .selectFrom('person')
    .innerJoin('household', 'household.id', 'person.household_id')
    .select([
      'person.sex',
      'person.birth_date',
      'person.phone',
      'person.household_id',
      'household.address',
      'household.phone as household_phone',
      'household.size',
    ])
    .where('person.id', '=', personId)
    .where((eb) => unitIdInScope(eb.ref('person.unit_id'), actor))
    .executeTakeFirst();
  if (!person) return null;
  const members = await db
    .selectFrom('person')
    .select(['name', 'relation', 'id_masked', 'birth_date'])
    .where('household_id', '=', person.household_id)
    .where('merged_into_id', 'is', null)
    .where((eb) => unitIdInScope(eb.ref('person.unit_id'), actor))
    .orderBy('id')
    .execute();
  return {
    sex: person.sex,
    birthDate: person.birth_date,
    phone: person.phone,
    address: person.address,
    householdPhone: person.household_phone,
    householdSize: person.size,
    members: members.map((member) => ({
      name: member.name,
      relation: member.relation,
      idMasked: member.id_masked,
      birthDate: member.birth_date,
    })),
  };
}

export async function registryCategoryNamesOf(db: DbOrTx, personId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('person_category')
    .innerJoin('hardship_category', 'hardship_category.id', 'person_category.category_id')
    .select('hardship_category.name')
    .where('person_category.person_id', '=', personId)
    .execute();
  return rows.map((row) => row.name);
}

export async function registryCategoryName(db: DbOrTx, id: number): Promise<string | null> {
  const row = await db.selectFrom('hardship_category').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

/** Active bars on the person, or on any of the given units (the lines above the person and the nominating unit). */
export async function barsOnPersonOrUnits(db: DbOrTx, personId: number, unitIds: number[], today: string) {
  const rows = await db
    .selectFrom('blacklist_entry')
    .leftJoin('unit', 'unit.id', 'blacklist_entry.target_unit_id')
    .select([
      'blacklist_entry.subject_kind',
      'blacklist_entry.person_id',
      'unit.path',
      'unit.name',
      'blacklist_entry.reason',
      'blacklist_entry.until',
      'blacklist_entry.lifted_at',
    ])
    .where('blacklist_entry.lifted_at', 'is', null)
    .where('blacklist_entry.until', '>=', today)
    .where((eb) =>
      eb.or([
        eb('blacklist_entry.person_id', '=', personId),
        eb('blacklist_entry.target_unit_id', 'in', unitIds.length > 0 ? unitIds : [-1]),
      ]),
    )
    .execute();
  return rows.map((row) => ({
    subjectKind: row.subject_kind as 'person' | 'unit',
    personId: row.person_id,
    targetUnitPath: row.path,
    targetUnitName: row.name,
    reason: row.reason,
    until: row.until,
    liftedAt: row.lifted_at,
  }));
}
