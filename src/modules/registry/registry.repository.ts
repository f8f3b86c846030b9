import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { allocateIds, bulkInsertValues } from '../../db/dialect.ts';
import { holdLimits } from '../../db/limit-guard.ts';
import { unitIdInScope, type Actor } from '../org/scope.ts';
import type { ImportCandidate } from './import-row.ts';
import {
  nameBirthKey,
  phoneAddressKey,
  type BlacklistEntry,
  type HardshipRecord,
  type Household,
  type PersonSummary,
} from './registry.ts';
import { ageOn } from './id-number.ts';

// ——— categories ———

export async function listCategories(db: DbOrTx) {
  return db.selectFrom('hardship_category').selectAll().orderBy('sort').orderBy('id').execute();
}

export async function insertCategory(db: DbOrTx, name: string): Promise<number> {
  const max = await db
    .selectFrom('hardship_category')
    .select((eb) => eb.fn.max('sort').as('sort'))
    .executeTakeFirst();
  const row = await db
    .insertInto('hardship_category')
    .values({ name, sort: Number(max?.sort ?? 0) + 1, active: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCategory(
  db: DbOrTx,
  id: number,
  fields: { name?: string; active?: number },
): Promise<boolean> {
  const result = await db.updateTable('hardship_category').set(fields).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function categoryNameExists(db: DbOrTx, name: string): Promise<boolean> {
  return (
    (await db.selectFrom('hardship_category').select('id').where('name', '=', name).executeTakeFirst()) !== undefined
  );
}

// ——— search and read ———

export type PersonSort = 'name' | 'birthDate' | 'createdAt' | 'unit';

export interface PersonSearch {
  match?: { kind: 'idHash' | 'last4' | 'phone' | 'initials' | 'pinyin' | 'name'; value: string };
  /** limit to this unit's subtree (inside the actor's) */
  unitPath?: string;
  categoryId?: number;
  sort: PersonSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Prefix match as a range, so the btree index answers it on both databases. */
function startsWith(column: Expression<string>, prefix: string): Expression<SqlBool> {
  return sql<SqlBool>`(${column} >= ${prefix} and ${column} < ${`${prefix}\uffff`})`;
}

const SORT_COLUMNS = {
  name: 'person.name_pinyin',
  birthDate: 'person.birth_date',
  createdAt: 'person.id',
  unit: 'unit.path',
} as const;

export async function searchPersons(
  db: DbOrTx,
  actor: Actor,
  search: PersonSearch,
): Promise<{ people: PersonSummary[]; hasMore: boolean }> {
  let query = db
    .selectFrom('person')
    .innerJoin('unit', 'unit.id', 'person.unit_id')
    .select([
      'person.id',
      'person.name',
      'person.id_masked',
      'person.birth_date',
      'person.sex',
      'person.phone',
      'person.unit_id',
      'person.household_id',
      'unit.name as unit_name',
    ])
    .where('person.merged_into_id', 'is', null)
    .where((eb) => unitIdInScope(eb.ref('person.unit_id'), actor, { viaOtherIndex: search.match !== undefined }));
  const match = search.match;
  if (match) {
    switch (match.kind) {
      case 'idHash':
        query = query.where('person.id_hash', '=', match.value);
        break;
      case 'last4':
        query = query.where('person.id_last4', '=', match.value);
        break;
      case 'phone':
        query = query.where('person.phone', '=', match.value);
        break;
      case 'initials':
        query = query.where((eb) => startsWith(eb.ref('person.name_initials'), match.value));
        break;
      case 'pinyin':
        query = query.where((eb) => startsWith(eb.ref('person.name_pinyin'), match.value));
        break;
      case 'name':
        query = query.where((eb) => startsWith(eb.ref('person.name'), match.value));
        break;
    }
  }
  if (search.unitPath) query = query.where('unit.path', 'like', `${search.unitPath}%`);
  if (search.categoryId) {
    const categoryId = search.categoryId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_category')
          .select('person_category.person_id')
          .whereRef('person_category.person_id', '=', 'person.id')
          .where('person_category.category_id', '=', categoryId),
      ),
    );
  }
  // Sorting by name follows the index the match uses, so the first page comes straight from the index
  // instead of sorting every match (a "zw" search can match tens of thousands of people).
  if (search.sort === 'name' && match?.kind === 'initials') query = query.orderBy('person.name_initials', search.order);
  if (search.sort === 'name' && match?.kind === 'name') query = query.orderBy('person.name', search.order);
  const rows = await query
    .orderBy(SORT_COLUMNS[search.sort], search.order)
    .orderBy('person.id', search.order)
    .limit(search.limit + 1)
    .offset(search.offset)
    .execute();
  const page = rows.slice(0, search.limit);
  const categories = await categoriesOf(
    db,
    page.map((row) => row.id),
  );
  const today = nowIso().slice(0, 10);
  return {
    hasMore: rows.length > search.limit,
    people: page.map((row) => toPersonSummary(row, categories.get(row.id) ?? [], today)),
  };
}

export interface PersonSummaryRow {
  id: number;
  name: string;
  id_masked: string;
  birth_date: string;
  sex: string;
  phone: string | null;
  unit_id: number;
  unit_name: string;
  household_id: number;
}

/** A person as lists and the person page show them: masked ID, age today, categories. */
export function toPersonSummary(row: PersonSummaryRow, categories: string[], today: string): PersonSummary {
  return {
    id: row.id,
    name: row.name,
    idMasked: row.id_masked,
    birthDate: row.birth_date,
    age: ageOn(row.birth_date, today),
    sex: row.sex as 'male' | 'female',
    phone: row.phone,
    unitId: row.unit_id,
    unitName: row.unit_name,
    categories,
    householdId: row.household_id,
  };
}

export async function categoriesOf(db: DbOrTx, personIds: number[]): Promise<Map<number, string[]>> {
  const result = new Map<number, string[]>();
  if (personIds.length === 0) return result;
  const rows = await db
    .selectFrom('person_category')
    .innerJoin('hardship_category', 'hardship_category.id', 'person_category.category_id')
    .select(['person_category.person_id', 'hardship_category.name'])
    .where('person_category.person_id', 'in', personIds)
    .orderBy('hardship_category.sort')
    .execute();
  for (const row of rows) result.set(row.person_id, [...(result.get(row.person_id) ?? []), row.name]);
  return result;
}

export async function findPersonRowInScope(db: DbOrTx, actor: Actor, id: number) {
  return db
    .selectFrom('person')
    .innerJoin('unit', 'unit.id', 'person.unit_id')
    .selectAll('person')
    .select(['unit.name as unit_name', 'unit.path as unit_path'])
    .where('person.id', '=', id)
    .where((eb) => unitIdInScope(eb.ref('person.unit_id'), actor))
    .executeTakeFirst();
}

export async function findHousehold(db: DbOrTx, id: number): Promise<Household | undefined> {
  const row = await db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, unitId: row.unit_id, address: row.address, phone: row.phone, size: row.size } : undefined;
}

export async function householdMembers(db: DbOrTx, householdId: number) {
  return db
    .selectFrom('person')
    .select(['id', 'name', 'relation', 'id_masked'])
    .where('household_id', '=', householdId)
    .where('merged_into_id', 'is', null)
    .orderBy('id')
    .execute();
}

/**
 * The campaigns a person (and the records merged into them) was put forward in, newest first: the
 * category, where the nomination stands, and the amount approved (null until approval freezes it).
 * Only nominations of units in the reader's subtree.
 */
export async function campaignsOfPeople(db: DbOrTx, actor: Actor, personIds: number[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('nomination')
    .innerJoin('campaign', 'campaign.id', 'nomination.campaign_id')
    .innerJoin('campaign_category', 'campaign_category.id', 'nomination.category_id')
    .select([
      'nomination.id',
      'campaign.id as campaign_id',
      'campaign.name as campaign_name',
      'campaign.year',
      'campaign_category.name as category_name',
      'nomination.state',
      'nomination.amount_fen',
    ])
    .where('nomination.person_id', 'in', personIds)
    .where(unitIdInScope(sql.ref('nomination.unit_id'), actor))
    .orderBy('campaign.year', 'desc')
    .orderBy('nomination.id', 'desc')
    .execute();
  return rows.map((row) => ({
    nominationId: row.id,
    campaignId: row.campaign_id,
    campaignName: row.campaign_name,
    year: row.year,
    categoryName: row.category_name,
    status: row.state,
    amountFen: row.amount_fen,
  }));
}

export async function hardshipHistory(db: DbOrTx, personIds: number[]): Promise<HardshipRecord[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('hardship_record')
    .selectAll()
    .where('person_id', 'in', personIds)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    cause: row.cause,
    monthlyIncomeFen: row.monthly_income_fen,
    illness: row.illness,
    disability: row.disability,
    notes: row.notes,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  }));
}

export async function insertHardshipRecord(
  db: DbOrTx,
  personId: number,
  unitId: number,
  record: Omit<HardshipRecord, 'id' | 'recordedAt' | 'recordedBy'>,
  recordedBy: string,
): Promise<number> {
  const row = await db
    .insertInto('hardship_record')
    .values({
      person_id: personId,
      unit_id: unitId,
      cause: record.cause,
      monthly_income_fen: record.monthlyIncomeFen,
      illness: record.illness,
      disability: record.disability,
      notes: record.notes,
      recorded_at: nowIso(),
      recorded_by: recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setPersonCategories(
  db: DbOrTx,
  personId: number,
  unitId: number,
  categoryIds: number[],
): Promise<void> {
  await db.deleteFrom('person_category').where('person_id', '=', personId).execute();
  if (categoryIds.length === 0) return;
  await db
    .insertInto('person_category')
    .values(categoryIds.map((categoryId) => ({ person_id: personId, category_id: categoryId, unit_id: unitId })))
    .execute();
}

/** Guarded update: lands only if the record is still at the version the editor saw. */
export async function updatePersonFields(
  db: DbOrTx,
  id: number,
  expectedVersion: number,
  fields: Partial<{
    name: string;
    name_initials: string;
    name_pinyin: string;
    phone: string | null;
    relation: string;
    unit_id: number;
    name_birth_key: string;
    phone_address_key: string | null;
  }>,
): Promise<boolean> {
  const result = await db
    .updateTable('person')
    .set({ ...fields, version: sql<number>`version + 1`, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updateHouseholdFields(
  db: DbOrTx,
  id: number,
  fields: Partial<{
    address: string | null;
    address_key: string | null;
    phone: string | null;
    size: number | null;
    unit_id: number;
  }>,
): Promise<void> {
  await db
    .updateTable('household')
    .set({ ...fields, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function personCipher(db: DbOrTx, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('person').select('id_cipher').where('id', '=', id).executeTakeFirst();
  return row?.id_cipher;
}

// ——— export ———

/** A page of the people of the reader's subtree (or of one unit's subtree inside it), in id order. */
export async function peopleToExport(
  db: DbOrTx,
  actor: Actor,
  page: { afterId: number; unitPath?: string; limit: number },
) {
  let query = db
    .selectFrom('person')
    .innerJoin('unit', 'unit.id', 'person.unit_id')
    .innerJoin('household', 'household.id', 'person.household_id')
    .select([
      'person.id',
      'person.name',
      'person.id_masked',
      'person.id_cipher',
      'person.phone',
      'unit.code',
      'unit.name as unit_name',
      'household.address',
      'household.size',
      'person.birth_date',
      'person.sex',
    ])
    .where('person.merged_into_id', 'is', null)
    .where('person.id', '>', page.afterId)
    .where((eb) => unitIdInScope(eb.ref('person.unit_id'), actor))
    .orderBy('person.id')
    .limit(page.limit);
  if (page.unitPath) query = query.where('unit.path', 'like', `${page.unitPath}%`);
  return query.execute();
}

/** Each person's newest hardship note, as an import compares it: the newest record's notes, or null. */
export async function latestHardshipNotes(db: DbOrTx, personIds: number[]): Promise<Map<number, string | null>> {
  const latest = new Map<number, string | null>();
  if (personIds.length === 0) return latest;
  const rows = await db
    .selectFrom('hardship_record')
    .select(['person_id', 'notes'])
    .where('person_id', 'in', personIds)
    .orderBy('person_id')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) if (!latest.has(row.person_id)) latest.set(row.person_id, row.notes);
  return latest;
}

// ——— import ———

export interface ExistingPerson {
  id: number;
  idHash: string;
  unitId: number;
  unitPath: string;
  householdId: number;
  name: string;
  phone: string | null;
  version: number;
}

/** Whether nobody at all is registered yet, in any unit (an import's first-load test; reveals nothing). */
export async function registryIsEmpty(db: DbOrTx): Promise<boolean> {
  const row = await db.selectFrom('person').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

export async function findPeopleByHashes(db: DbOrTx, hashes: string[]): Promise<Map<string, ExistingPerson>> {
  const found = new Map<string, ExistingPerson>();
  for (let i = 0; i < hashes.length; i += 900) {
    const rows = await db
      .selectFrom('person')
      .innerJoin('unit', 'unit.id', 'person.unit_id')
      .select([
        'person.id',
        'person.id_hash',
        'person.unit_id',
        'unit.path',
        'person.household_id',
        'person.name',
        'person.phone',
        'person.version',
      ])
      .where('person.id_hash', 'in', hashes.slice(i, i + 900))
      .execute();
    for (const row of rows) {
      found.set(row.id_hash, {
        id: row.id,
        idHash: row.id_hash,
        unitId: row.unit_id,
        unitPath: row.path,
        householdId: row.household_id,
        name: row.name,
        phone: row.phone,
        version: row.version,
      });
    }
  }
  return found;
}

/** Registry people by possible-duplicate key (see nameBirthKey / phoneAddressKey): key → person id. */
async function findByKeys(
  db: DbOrTx,
  column: 'name_birth_key' | 'phone_address_key',
  keys: string[],
): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += 900) {
    const rows = await db
      .selectFrom('person')
      .select(['id', column])
      .where(column, 'in', unique.slice(i, i + 900))
      .where('merged_into_id', 'is', null)
      .execute();
    for (const row of rows) {
      const key = row[column as keyof typeof row] as string | null;
      if (key && !result.has(key)) result.set(key, row.id);
    }
  }
  return result;
}

function findByNameBirthKeys(db: DbOrTx, keys: string[]): Promise<Map<string, number>> {
  return findByKeys(db, 'name_birth_key', keys);
}

function findByPhoneAddressKeys(db: DbOrTx, keys: string[]): Promise<Map<string, number>> {
  return findByKeys(db, 'phone_address_key', keys);
}

/** Registered people whose possible-duplicate keys match: name pinyin + birth date + unit, and phone + address. */
export async function findLookalikes(
  db: DbOrTx,
  nameKeys: string[],
  contactKeys: string[],
): Promise<{ byName: Map<string, number>; byContact: Map<string, number> }> {
  const byName = await findByNameBirthKeys(db, nameKeys);
  const byContact = await findByPhoneAddressKeys(db, contactKeys);
  return { byName, byContact };
}

export interface EncryptedCandidate extends ImportCandidate {
  idHash: string;
  idCipher: string;
  idMasked: string;
}

const HOUSEHOLD_COLUMNS = ['id', 'unit_id', 'address', 'address_key', 'phone', 'size', 'created_at', 'updated_at'];
const PERSON_COLUMNS = [
  'id',
  'unit_id',
  'household_id',
  'name',
  'name_initials',
  'name_pinyin',
  'id_hash',
  'id_cipher',
  'id_masked',
  'id_last4',
  'birth_date',
  'sex',
  'phone',
  'relation',
  'merged_into_id',
  'name_birth_key',
  'phone_address_key',
  'version',
  'created_at',
  'updated_at',
];
const PERSON_CATEGORY_COLUMNS = ['person_id', 'category_id', 'unit_id'];
const HARDSHIP_NOTE_COLUMNS = ['person_id', 'unit_id', 'notes', 'recorded_at', 'recorded_by'];

/**
 * A batch of new people, each the head of a new household, with their categories and hardship note.
 * Rows go in as value lists (bulkInsertValues): an import writes a million of them.
 */
export async function insertPeople(
  db: DbOrTx,
  candidates: EncryptedCandidate[],
  recordedBy: string,
): Promise<Map<string, number>> {
  const now = nowIso();
  const householdIds = await allocateIds(db, 'household', candidates.length);
  const personIds = await allocateIds(db, 'person', candidates.length);
  const households: unknown[][] = [];
  const people: unknown[][] = [];
  const categoryLinks: unknown[][] = [];
  const hardshipNotes: unknown[][] = [];
  candidates.forEach((candidate, index) => {
    const personId = personIds[index]!;
    const householdId = householdIds[index]!;
    const { unitId, phone } = candidate;
    households.push([
      householdId,
      unitId,
      candidate.address,
      candidate.addressKey,
      phone,
      candidate.householdSize,
      now,
      now,
    ]);
    people.push([
      personId,
      unitId,
      householdId,
      candidate.name,
      candidate.nameInitials,
      candidate.namePinyin,
      candidate.idHash,
      candidate.idCipher,
      candidate.idMasked,
      candidate.idNumber.slice(-4),
      candidate.birthDate,
      candidate.sex,
      phone,
      '户主',
      null,
      nameBirthKey(candidate.namePinyin, candidate.birthDate, unitId),
      phoneAddressKey(phone, candidate.addressKey),
      1,
      now,
      now,
    ]);
    for (const categoryId of candidate.categoryIds) categoryLinks.push([personId, categoryId, unitId]);
    if (candidate.hardship) hardshipNotes.push([personId, unitId, candidate.hardship, now, recordedBy]);
  });
  await bulkInsertValues(db, 'household', HOUSEHOLD_COLUMNS, households);
  await bulkInsertValues(db, 'person', PERSON_COLUMNS, people);
  await bulkInsertValues(db, 'person_category', PERSON_CATEGORY_COLUMNS, categoryLinks);
  await bulkInsertValues(db, 'hardship_record', HARDSHIP_NOTE_COLUMNS, hardshipNotes);
  return new Map(candidates.map((candidate, index) => [candidate.idHash, personIds[index]!]));
}

export async function insertDuplicateFlags(
  db: DbOrTx,
  flags: { unitId: number; personId: number; otherPersonId: number; reason: string }[],
): Promise<void> {
  const now = nowIso();
  for (let i = 0; i < flags.length; i += 1000) {
    await db
      .insertInto('duplicate_flag')
      .values(
        flags.slice(i, i + 1000).map((flag) => ({
          unit_id: flag.unitId,
          person_id: flag.personId,
          other_person_id: flag.otherPersonId,
          reason: flag.reason,
          status: 'open',
          created_at: now,
        })),
      )
      .execute();
  }
}

// ——— reading possible duplicates ———
// Finding a lookalike looks across units (findLookalikes): that is how a family registered twice is
// caught. Reading a flag goes through the reader's scope: a person outside it is never named.

export async function duplicateFlagsOfPerson(db: DbOrTx, personId: number) {
  return db
    .selectFrom('duplicate_flag')
    .selectAll()
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('other_person_id', '=', personId)]))
    .orderBy('id', 'desc')
    .execute();
}

/** The names of those of these people who are inside the reader's subtree; the others are left out. */
export async function namesOfPeopleInScope(db: DbOrTx, actor: Actor, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('person')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where((eb) => unitIdInScope(eb.ref('person.unit_id'), actor))
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Flagged pairs with at least one side in the reader's subtree; each side says whether it is. */
export async function listDuplicatePairs(db: DbOrTx, actor: Actor, status: string) {
  const rows = await db
    .selectFrom('duplicate_flag')
    .innerJoin('person as a', 'a.id', 'duplicate_flag.person_id')
    .innerJoin('person as b', 'b.id', 'duplicate_flag.other_person_id')
    .innerJoin('unit as ua', 'ua.id', 'a.unit_id')
    .innerJoin('unit as ub', 'ub.id', 'b.unit_id')
    .innerJoin('household as ha', 'ha.id', 'a.household_id')
    .innerJoin('household as hb', 'hb.id', 'b.household_id')
    .select([
      'duplicate_flag.id',
      'duplicate_flag.reason',
      'duplicate_flag.status',
      'duplicate_flag.created_at',
      'a.id as a_id',
      'a.name as a_name',
      'a.id_masked as a_masked',
      'a.birth_date as a_birth',
      'ua.name as a_unit',
      'a.phone as a_phone',
      'ha.address as a_address',
      sql<boolean | number>`${unitIdInScope(sql.ref('a.unit_id'), actor)}`.as('a_in_scope'),
      'b.id as b_id',
      'b.name as b_name',
      'b.id_masked as b_masked',
      'b.birth_date as b_birth',
      'ub.name as b_unit',
      'b.phone as b_phone',
      'hb.address as b_address',
      sql<boolean | number>`${unitIdInScope(sql.ref('b.unit_id'), actor)}`.as('b_in_scope'),
    ])
    .where('duplicate_flag.status', '=', status)
    .where((eb) => eb.or([unitIdInScope(sql.ref('a.unit_id'), actor), unitIdInScope(sql.ref('b.unit_id'), actor)]))
    .orderBy('duplicate_flag.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    reason: row.reason,
    status: row.status,
    createdAt: row.created_at,
    sides: [
      {
        isInScope: Boolean(row.a_in_scope),
        person: {
          id: row.a_id,
          name: row.a_name,
          idMasked: row.a_masked,
          birthDate: row.a_birth,
          unitName: row.a_unit,
          phone: row.a_phone,
          address: row.a_address,
        },
      },
      {
        isInScope: Boolean(row.b_in_scope),
        person: {
          id: row.b_id,
          name: row.b_name,
          idMasked: row.b_masked,
          birthDate: row.b_birth,
          unitName: row.b_unit,
          phone: row.b_phone,
          address: row.b_address,
        },
      },
    ] as const,
  }));
}

// ——— blacklist ———

export async function listBlacklist(
  db: DbOrTx,
  actor: Actor,
  filter: { personId?: number; activeOn?: string } = {},
): Promise<BlacklistEntry[]> {
  let query = db
    .selectFrom('blacklist_entry')
    .leftJoin('person', 'person.id', 'blacklist_entry.person_id')
    .leftJoin('unit as target', 'target.id', 'blacklist_entry.target_unit_id')
    .selectAll('blacklist_entry')
    .select(['person.name as person_name', 'target.name as target_name'])
    .where((eb) => unitIdInScope(eb.ref('blacklist_entry.unit_id'), actor))
    .orderBy('blacklist_entry.id', 'desc');
  if (filter.personId) query = query.where('blacklist_entry.person_id', '=', filter.personId);
  if (filter.activeOn)
    query = query.where('blacklist_entry.lifted_at', 'is', null).where('blacklist_entry.until', '>=', filter.activeOn);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    subjectKind: row.subject_kind as 'person' | 'unit',
    personId: row.person_id,
    personName: row.person_name,
    targetUnitId: row.target_unit_id,
    targetUnitName: row.target_name,
    reason: row.reason,
    until: row.until,
    createdBy: row.created_by,
    createdAt: row.created_at,
    liftedAt: row.lifted_at,
  }));
}

export async function insertBlacklistEntry(
  db: DbOrTx,
  entry: {
    unitId: number;
    subjectKind: 'person' | 'unit';
    personId: number | null;
    targetUnitId: number | null;
    reason: string;
    until: string;
    createdBy: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('blacklist_entry')
    .values({
      unit_id: entry.unitId,
      subject_kind: entry.subjectKind,
      person_id: entry.personId,
      target_unit_id: entry.targetUnitId,
      reason: entry.reason,
      until: entry.until,
      created_by: entry.createdBy,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function liftBlacklistEntry(db: DbOrTx, actor: Actor, id: number): Promise<boolean> {
  const result = await db
    .updateTable('blacklist_entry')
    .set({ lifted_at: nowIso(), lifted_by: actor.username })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .where((eb) => unitIdInScope(eb.ref('unit_id'), actor))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Active bars on a person, or on their unit or any unit above it; unscoped, for eligibility checks. */
export async function activeBarsFor(db: DbOrTx, personId: number, unitPath: string, today: string) {
  const unitIds = unitPath.split('/').filter(Boolean).map(Number);
  return db
    .selectFrom('blacklist_entry')
    .select(['id', 'subject_kind', 'reason', 'until'])
    .where('lifted_at', 'is', null)
    .where('until', '>=', today)
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('target_unit_id', 'in', unitIds)]))
    .execute();
}

/** Holds an ID number until the transaction ends: it is looked up and registered by one request at a time. */
export async function holdIdNumber(trx: DbOrTx, idHash: string): Promise<void> {
  await holdLimits(trx, [{ limit: 'person-id', owner: [idHash] }]);
}
