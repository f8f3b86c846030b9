import type { Db, DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { assertCan, isPathInScope, unitPathInScope, type Actor } from '../org/scope.ts';
import { findUnitInScope } from '../org/unit.repository.ts';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.ts';
import { isRealDate } from '../campaign/campaign-rules.ts';
import { maskIdNumber, validateIdNumber } from './id-number.ts';
import { classifySearchQuery, nameSearchKeys } from './name-search.ts';
import {
  addressKey,
  duplicateKeysAfterEdit,
  nameBirthKey,
  phoneAddressKey,
  type PossibleDuplicateReason,
  normalizePhone,
  PHONE_PATTERN,
  type BlacklistEntry,
  type HardshipRecord,
  type DuplicatePair,
  type PersonDetail,
  type PersonSummary,
} from './registry.ts';
import * as registry from './registry.repository.ts';
import type { SensitiveDataCipher } from './sensitive-data.ts';

export interface SearchInput {
  q?: string;
  unitId?: number;
  categoryId?: number;
  sort?: registry.PersonSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export async function searchRegistry(
  db: Db,
  actor: Actor,
  cipher: SensitiveDataCipher,
  input: SearchInput,
): Promise<{ people: PersonSummary[]; hasMore: boolean; page: number; pageSize: number }> {
  assertCan(actor, 'registry.read');
  const pageSize = input.pageSize ?? 20;
  const page = input.page ?? 1;
  let unitPath: string | undefined;
  if (input.unitId) {
    const unit = await findUnitInScope(db, actor, input.unitId);
    if (!unit) throw notFound('unit', '单位');
    unitPath = unit.path;
  }
  const result = await registry.searchPersons(db, actor, {
    ...(input.q?.trim() ? { match: toMatch(input.q.trim(), cipher) } : {}),
    ...(unitPath ? { unitPath } : {}),
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
    sort: input.sort ?? 'name',
    order: input.order ?? 'asc',
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { ...result, page, pageSize };
}

function toMatch(q: string, cipher: SensitiveDataCipher): NonNullable<registry.PersonSearch['match']> {
  const query = classifySearchQuery(q);
  switch (query.kind) {
    case 'id':
      return { kind: 'idHash', value: cipher.lookupHash(query.value) };
    case 'idSuffix':
      return { kind: 'last4', value: query.value.slice(-4) };
    case 'phone':
      return { kind: 'phone', value: query.value };
    case 'initials':
      // "zw" are initials; "zhang" (with vowels) is the start of a full pinyin spelling
      return query.value.length >= 3 && /[aeiouv]/.test(query.value)
        ? { kind: 'pinyin', value: query.value }
        : { kind: 'initials', value: query.value };
    case 'pinyin':
      return { kind: 'pinyin', value: query.value };
    case 'hanzi':
      return { kind: 'name', value: query.value };
  }
}

export async function getPerson(db: Db, actor: Actor, id: number): Promise<PersonDetail> {
  assertCan(actor, 'registry.read');
  const row = await registry.findPersonRowInScope(db, actor, id);
  if (!row) throw notFound('person', '人员');
  const sameRecords = [row.id, ...(await mergedFrom(db, row.id))];
  const [household, members, categories, hardship, blacklist, flags, campaigns] = await Promise.all([
    registry.findHousehold(db, row.household_id),
    registry.householdMembers(db, row.household_id),
    registry.categoriesOf(db, [row.id]),
    registry.hardshipHistory(db, sameRecords),
    registry.listBlacklist(db, actor, { personId: row.id }),
    duplicateFlagsOf(db, actor, row.id),
    registry.campaignsOfPeople(db, actor, sameRecords),
  ]);
  const today = nowIso().slice(0, 10);
  return {
    ...registry.toPersonSummary(row, categories.get(row.id) ?? [], today),
    relation: row.relation,
    household: household!,
    householdMembers: members.map((member) => ({
      id: member.id,
      name: member.name,
      relation: member.relation,
      idMasked: member.id_masked,
    })),
    hardship,
    blacklist,
    campaigns,
    duplicateFlags: flags,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function mergedFrom(db: Db, personId: number): Promise<number[]> {
  const rows = await db.selectFrom('person').select('id').where('merged_into_id', '=', personId).execute();
  return rows.map((row) => row.id);
}

/** The person's flags; the other person is named only when they are inside the reader's subtree. */
async function duplicateFlagsOf(db: Db, actor: Actor, personId: number): Promise<PersonDetail['duplicateFlags']> {
  const flags = await registry.duplicateFlagsOfPerson(db, personId);
  const otherIds = flags.map((flag) => (flag.person_id === personId ? flag.other_person_id : flag.person_id));
  const names = await registry.namesOfPeopleInScope(db, actor, otherIds);
  return flags.map((flag, index) => {
    const otherId = otherIds[index]!;
    const otherName = names.get(otherId);
    return {
      id: flag.id,
      otherPersonId: otherName === undefined ? null : otherId,
      otherName: otherName ?? null,
      otherOutsideScope: otherName === undefined,
      reason: flag.reason,
      status: flag.status,
    };
  });
}

/** The full ID number, for roles allowed to see it; every view is written to the audit log. */
export async function revealIdNumber(db: Db, actor: Actor, cipher: SensitiveDataCipher, id: number): Promise<string> {
  assertCan(actor, 'registry.revealId');
  const row = await registry.findPersonRowInScope(db, actor, id);
  if (!row) throw notFound('person', '人员');
  const idNumber = cipher.decrypt(row.id_cipher);
  await appendAudit(db, actor, { action: 'view-id-number', entity: 'person', entityId: id, unitId: row.unit_id });
  return idNumber;
}

export interface PersonInput {
  name: string;
  idNumber: string;
  phone: string | null;
  unitId: number;
  relation: string | null;
  categoryIds: number[];
  address: string | null;
  householdSize: number | null;
  hardship: Omit<HardshipRecord, 'id' | 'recordedAt' | 'recordedBy'> | null;
}

function checkPhone(phone: string | null): string | null {
  const normalized = normalizePhone(phone);
  if (normalized && !PHONE_PATTERN.test(normalized))
    throw invalid('PHONE_INVALID', `"${phone}" is not a phone number`, `联系电话“${phone}”格式不正确`, 'phone');
  return normalized;
}

async function checkCategories(db: Db, categoryIds: number[]): Promise<void> {
  const known = new Set((await registry.listCategories(db)).map((category) => category.id));
  categoryIds.forEach((categoryId, index) => {
    if (!known.has(categoryId))
      throw invalid('CATEGORY_UNKNOWN', `unknown category ${categoryId}`, '未知的困难类别', `categoryIds.${index}`);
  });
}

export async function createPerson(
  db: Db,
  actor: Actor,
  cipher: SensitiveDataCipher,
  input: PersonInput,
): Promise<PersonDetail> {
  assertCan(actor, 'registry.write');
  const id = validateIdNumber(input.idNumber);
  if (!id.ok)
    throw invalid('ID_NUMBER_INVALID', `bad ID number: ${id.message}`, `身份证号无效：${id.messageZh}`, 'idNumber');
  const phone = checkPhone(input.phone);
  await checkCategories(db, input.categoryIds);
  const idHash = cipher.lookupHash(id.idNumber);
  const personId = await db.transaction().execute(async (trx) => {
    await registry.holdIdNumber(trx, idHash); // two clerks registering one ID at once: one person
    const unit = await findUnitInScope(trx, actor, input.unitId);
    if (!unit) throw invalid('UNIT_UNKNOWN', 'unit not found', '单位不存在或无权访问', 'unitId');
    const existing = (await registry.findPeopleByHashes(trx, [idHash])).get(idHash);
    if (existing) {
      const visible = isPathInScope(existing.unitPath, actor);
      throw conflict(
        'PERSON_EXISTS',
        visible
          ? `this ID number is already registered (person ${existing.id})`
          : 'this ID number is already registered by another unit',
        visible ? `该身份证号已登记（记录${existing.id}）` : '该身份证号已在其他单位登记',
      );
    }
    const keys = nameSearchKeys(input.name.trim());
    const lookalike = await findRegisteredLookalike(trx, {
      nameBirthKey: nameBirthKey(keys.full, id.birthDate, unit.id),
      phoneAddressKey: phoneAddressKey(phone, addressKey(input.address)),
    });
    const ids = await registry.insertPeople(
      trx,
      [
        {
          rowNumber: 0,
          name: input.name.trim(),
          nameInitials: keys.initials,
          namePinyin: keys.full,
          idNumber: id.idNumber,
          birthDate: id.birthDate,
          sex: id.sex,
          phone,
          unitId: unit.id,
          categoryIds: input.categoryIds,
          address: input.address,
          addressKey: addressKey(input.address),
          householdSize: input.householdSize,
          hardship: null,
          idHash,
          idCipher: cipher.encrypt(id.idNumber),
          idMasked: maskIdNumber(id.idNumber),
        },
      ],
      actor.username,
    );
    const newId = ids.get(idHash)!;
    if (lookalike) await registry.insertDuplicateFlags(trx, [{ unitId: unit.id, personId: newId, ...lookalike }]);
    if (input.relation)
      await trx.updateTable('person').set({ relation: input.relation }).where('id', '=', newId).execute();
    if (input.hardship) await registry.insertHardshipRecord(trx, newId, unit.id, input.hardship, actor.username);
    await appendAudit(trx, actor, {
      action: 'create',
      entity: 'person',
      entityId: newId,
      unitId: unit.id,
      after: { name: input.name, idMasked: maskIdNumber(id.idNumber), unitId: unit.id, categoryIds: input.categoryIds },
    });
    return newId;
  });
  return getPerson(db, actor, personId);
}

/** Someone already registered who may be the same person (flagged for review, as imports do). */
async function findRegisteredLookalike(
  db: DbOrTx,
  keys: { nameBirthKey: string; phoneAddressKey: string | null },
): Promise<{ otherPersonId: number; reason: PossibleDuplicateReason } | null> {
  const found = await registry.findLookalikes(
    db,
    [keys.nameBirthKey],
    keys.phoneAddressKey === null ? [] : [keys.phoneAddressKey],
  );
  const byName = found.byName.get(keys.nameBirthKey);
  if (byName !== undefined) return { otherPersonId: byName, reason: 'name-birth-unit' };
  const byContact = keys.phoneAddressKey === null ? undefined : found.byContact.get(keys.phoneAddressKey);
  return byContact === undefined ? null : { otherPersonId: byContact, reason: 'phone-address' };
}

export interface PersonUpdate {
  version: number;
  name?: string;
  phone?: string | null;
  relation?: string;
  unitId?: number;
  categoryIds?: number[];
  address?: string | null;
  householdSize?: number | null;
}

export async function updatePerson(db: Db, actor: Actor, id: number, input: PersonUpdate): Promise<PersonDetail> {
  assertCan(actor, 'registry.write');
  const phone = input.phone === undefined ? undefined : checkPhone(input.phone);
  if (input.categoryIds) await checkCategories(db, input.categoryIds);
  await db.transaction().execute(async (trx) => {
    const before = await registry.findPersonRowInScope(trx, actor, id);
    if (!before) throw notFound('person', '人员');
    const household = (await registry.findHousehold(trx, before.household_id))!;
    let unitId = before.unit_id;
    if (input.unitId !== undefined && input.unitId !== before.unit_id) {
      const unit = await findUnitInScope(trx, actor, input.unitId);
      if (!unit) throw invalid('UNIT_UNKNOWN', 'unit not found', '单位不存在或无权访问', 'unitId');
      unitId = unit.id;
    }
    const fields: Parameters<typeof registry.updatePersonFields>[3] = {};
    if (input.name !== undefined && input.name.trim() !== before.name) {
      const keys = nameSearchKeys(input.name.trim());
      Object.assign(fields, { name: input.name.trim(), name_initials: keys.initials, name_pinyin: keys.full });
    }
    if (phone !== undefined) fields.phone = phone;
    if (input.relation !== undefined) fields.relation = input.relation;
    if (unitId !== before.unit_id) fields.unit_id = unitId;
    Object.assign(
      fields,
      duplicateKeysAfterEdit(
        {
          namePinyin: before.name_pinyin,
          birthDate: before.birth_date,
          unitId: before.unit_id,
          phone: before.phone,
          address: household.address,
        },
        { namePinyin: fields.name_pinyin, unitId, phone: fields.phone, address: input.address },
      ),
    );
    if (!(await registry.updatePersonFields(trx, id, input.version, fields))) {
      throw conflict(
        'STALE_VERSION',
        'someone else changed this person meanwhile: reload and apply your change again',
        '此人员信息已被他人修改，请刷新后重新修改',
      );
    }
    const householdFields: Parameters<typeof registry.updateHouseholdFields>[2] = {};
    if (input.address !== undefined)
      Object.assign(householdFields, { address: input.address, address_key: addressKey(input.address) });
    if (input.householdSize !== undefined) householdFields.size = input.householdSize;
    if (unitId !== household.unitId) householdFields.unit_id = unitId;
    if (Object.keys(householdFields).length > 0)
      await registry.updateHouseholdFields(trx, household.id, householdFields);
    if (input.categoryIds) await registry.setPersonCategories(trx, id, unitId, input.categoryIds);
    await appendAudit(trx, actor, {
      action: 'update',
      entity: 'person',
      entityId: id,
      unitId,
      before: {
        name: before.name,
        phone: before.phone,
        relation: before.relation,
        unitId: before.unit_id,
        address: household.address,
        householdSize: household.size,
      },
      after: { ...fields, ...householdFields, ...(input.categoryIds ? { categoryIds: input.categoryIds } : {}) },
    });
  });
  return getPerson(db, actor, id);
}

/** A new dated entry in the hardship file; earlier entries stay, as the timeline. */
export async function addHardshipRecord(
  db: Db,
  actor: Actor,
  personId: number,
  record: Omit<HardshipRecord, 'id' | 'recordedAt' | 'recordedBy'>,
): Promise<PersonDetail> {
  assertCan(actor, 'registry.write');
  await db.transaction().execute(async (trx) => {
    const person = await registry.findPersonRowInScope(trx, actor, personId);
    if (!person) throw notFound('person', '人员');
    const id = await registry.insertHardshipRecord(trx, personId, person.unit_id, record, actor.username);
    await appendAudit(trx, actor, {
      action: 'create',
      entity: 'hardship_record',
      entityId: id,
      unitId: person.unit_id,
      after: record,
    });
  });
  return getPerson(db, actor, personId);
}

// ——— possible duplicates ———

/**
 * Open (or resolved) pairs touching the reader's subtree. A side outside it is left out: the reader
 * learns that a possible duplicate exists beyond their unit and asks the unit above, which sees both.
 */
export async function listDuplicateFlags(
  db: Db,
  actor: Actor,
  status: 'open' | 'merged' | 'dismissed' = 'open',
): Promise<DuplicatePair[]> {
  assertCan(actor, 'registry.read');
  const pairs = await registry.listDuplicatePairs(db, actor, status);
  return pairs.map(({ sides, ...pair }) => {
    const [first, second] = sides[0].isInScope ? sides : [sides[1], sides[0]];
    return {
      ...pair,
      person: first.person,
      other: second.isInScope ? second.person : null,
      otherOutsideScope: !second.isInScope,
    };
  });
}

/**
 * Merges a flagged pair: `mergeId` is folded into `keepId`. Both histories stay (hardship records,
 * categories and bars move to the kept record; the merged row stays, marked, with its ID hash, so
 * re-importing it is still recognised).
 */
export async function resolveDuplicateFlag(
  db: Db,
  actor: Actor,
  flagId: number,
  action: 'merge' | 'dismiss',
  keepId?: number,
): Promise<void> {
  assertCan(actor, 'registry.write');
  await db.transaction().execute(async (trx) => {
    const flag = await trx
      .selectFrom('duplicate_flag')
      .selectAll()
      .where('id', '=', flagId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (!flag) throw notFound('duplicate flag', '疑似重复记录');
    const a = await registry.findPersonRowInScope(trx, actor, flag.person_id);
    const b = await registry.findPersonRowInScope(trx, actor, flag.other_person_id);
    if (!a || !b) throw notFound('duplicate flag', '疑似重复记录');
    if (action === 'merge') {
      const keep = keepId === b.id ? b : a;
      const merge = keep === a ? b : a;
      if (keepId !== undefined && keepId !== a.id && keepId !== b.id)
        throw invalid('MERGE_TARGET_INVALID', 'keep one of the two records', '请选择保留两条记录之一', 'keepId');
      await trx.updateTable('hardship_record').set({ person_id: keep.id }).where('person_id', '=', merge.id).execute();
      await trx.updateTable('blacklist_entry').set({ person_id: keep.id }).where('person_id', '=', merge.id).execute();
      const categories = await trx
        .selectFrom('person_category')
        .select('category_id')
        .where('person_id', 'in', [keep.id, merge.id])
        .execute();
      await registry.setPersonCategories(trx, keep.id, keep.unit_id, [
        ...new Set(categories.map((row) => row.category_id)),
      ]);
      await trx
        .updateTable('person')
        .set({ merged_into_id: keep.id, updated_at: nowIso() })
        .where('id', '=', merge.id)
        .execute();
      await appendAudit(trx, actor, {
        action: 'merge',
        entity: 'person',
        entityId: keep.id,
        unitId: keep.unit_id,
        before: { mergedPersonId: merge.id, mergedName: merge.name },
        after: { keptPersonId: keep.id },
      });
    } else {
      await appendAudit(trx, actor, {
        action: 'dismiss-duplicate',
        entity: 'person',
        entityId: a.id,
        unitId: a.unit_id,
        after: { otherPersonId: b.id },
      });
    }
    const result = await trx
      .updateTable('duplicate_flag')
      .set({ status: action === 'merge' ? 'merged' : 'dismissed', resolved_at: nowIso(), resolved_by: actor.username })
      .where('id', '=', flagId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw conflict('ALREADY_RESOLVED', 'this pair was resolved meanwhile', '该疑似重复记录已被他人处理');
  });
}

/** Households (by address) registered under more than one unit: likely the same family twice. */
export async function householdsInTwoUnits(db: Db, actor: Actor) {
  assertCan(actor, 'registry.read');
  const rows = await db
    .selectFrom('household')
    .innerJoin('unit', 'unit.id', 'household.unit_id')
    .select([
      'household.address_key',
      (eb) => eb.fn.count<number>('household.unit_id').distinct().as('units'),
      (eb) => eb.fn.min('household.address').as('address'),
    ])
    .where('household.address_key', 'is not', null)
    .where((eb) => unitPathInScope(eb, actor))
    .groupBy('household.address_key')
    .having((eb) => eb.fn.count('household.unit_id').distinct(), '>', 1)
    .limit(200)
    .execute();
  return rows.map((row) => ({ address: row.address, units: Number(row.units) }));
}

// ——— blacklist ———

export interface BlacklistInput {
  subjectKind: 'person' | 'unit';
  personId?: number;
  unitId?: number;
  reason: string;
  until: string;
}

export async function addToBlacklist(db: Db, actor: Actor, input: BlacklistInput): Promise<BlacklistEntry> {
  assertCan(actor, 'blacklist.manage');
  if (!isRealDate(input.until))
    throw invalid('DATE_INVALID', `${input.until} is not a date`, `${input.until}不是有效日期`, 'until');
  if (input.until < nowIso().slice(0, 10))
    throw invalid('DATE_PAST', 'the bar must last until today or later', '限制截止日期不能早于今天', 'until');
  const id = await db.transaction().execute(async (trx) => {
    let ownerUnitId: number;
    if (input.subjectKind === 'person') {
      const person = input.personId ? await registry.findPersonRowInScope(trx, actor, input.personId) : undefined;
      if (!person) throw invalid('PERSON_UNKNOWN', 'person not found', '人员不存在或无权访问', 'personId');
      ownerUnitId = person.unit_id;
    } else {
      const unit = input.unitId ? await findUnitInScope(trx, actor, input.unitId) : undefined;
      if (!unit) throw invalid('UNIT_UNKNOWN', 'unit not found', '单位不存在或无权访问', 'unitId');
      if (unit.id === actor.unitId)
        throw forbidden('a unit cannot bar itself; a unit above it can', '不能限制本单位，请由上级单位操作');
      ownerUnitId = unit.id;
    }
    const entryId = await registry.insertBlacklistEntry(trx, {
      unitId: ownerUnitId,
      subjectKind: input.subjectKind,
      personId: input.subjectKind === 'person' ? input.personId! : null,
      targetUnitId: input.subjectKind === 'unit' ? input.unitId! : null,
      reason: input.reason,
      until: input.until,
      createdBy: actor.username,
    });
    await appendAudit(trx, actor, {
      action: 'create',
      entity: 'blacklist',
      entityId: entryId,
      unitId: ownerUnitId,
      after: input,
    });
    return entryId;
  });
  return (await registry.listBlacklist(db, actor)).find((entry) => entry.id === id)!;
}

export async function liftBlacklistEntry(db: Db, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'blacklist.manage');
  await db.transaction().execute(async (trx) => {
    if (!(await registry.liftBlacklistEntry(trx, actor, id))) throw notFound('blacklist entry', '限制记录');
    await appendAudit(trx, actor, { action: 'lift', entity: 'blacklist', entityId: id, unitId: null });
  });
}

export async function listBlacklist(db: Db, actor: Actor, activeOnly: boolean): Promise<BlacklistEntry[]> {
  assertCan(actor, 'registry.read');
  return registry.listBlacklist(db, actor, activeOnly ? { activeOn: nowIso().slice(0, 10) } : {});
}

// ——— categories ———

export async function listHardshipCategories(db: Db) {
  const rows = await registry.listCategories(db);
  return rows.map((row) => ({ id: row.id, name: row.name, sort: row.sort, active: row.active === 1 }));
}

export async function createHardshipCategory(db: Db, actor: Actor, name: string) {
  assertCan(actor, 'categories.manage');
  const trimmed = name.trim();
  return db.transaction().execute(async (trx) => {
    if (await registry.categoryNameExists(trx, trimmed))
      throw invalid('CATEGORY_EXISTS', `category ${trimmed} exists`, `类别“${trimmed}”已存在`, 'name');
    const id = await registry.insertCategory(trx, trimmed);
    await appendAudit(trx, actor, {
      action: 'create',
      entity: 'hardship_category',
      entityId: id,
      unitId: null,
      after: { name: trimmed },
    });
    return { id, name: trimmed };
  });
}

export async function updateHardshipCategory(
  db: Db,
  actor: Actor,
  id: number,
  fields: { name?: string; active?: boolean },
) {
  assertCan(actor, 'categories.manage');
  await db.transaction().execute(async (trx) => {
    if (fields.name && (await registry.categoryNameExists(trx, fields.name.trim())))
      throw invalid('CATEGORY_EXISTS', `category ${fields.name} exists`, `类别“${fields.name}”已存在`, 'name');
    const changed = await registry.updateCategory(trx, id, {
      ...(fields.name ? { name: fields.name.trim() } : {}),
      ...(fields.active === undefined ? {} : { active: fields.active ? 1 : 0 }),
    });
    if (!changed) throw notFound('category', '类别');
    await appendAudit(trx, actor, {
      action: 'update',
      entity: 'hardship_category',
      entityId: id,
      unitId: null,
      after: fields,
    });
  });
}
