/**
 * Importing the registry from a spreadsheet: stream the rows, check each, find duplicates (the same
 * ID in the file or already registered) and possible duplicates (same name pinyin + birth date +
 * unit; same phone + address), then either report (dry run) or write everything in ONE transaction
 * per file: a file that breaks half-way leaves nothing behind.
 */
import type { Readable } from 'node:stream';
import type { Db, DbOrTx } from '../../db/database.ts';
import { preferIndexesForBulkWork, refreshStatistics, withIndexesBuiltAfterLoad } from '../../db/dialect.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { isPathInScope, type Actor } from '../org/scope.ts';
import { collectGarbageAbove } from '../shared/memory.ts';
import { listUnitsInScope } from '../org/unit.repository.ts';
import { HashKeyMap, hexDigestKey } from './hash-key-map.ts';
import type { HeaderInfo } from './import-file.ts';
import type { ImportCandidate, RowContext } from './import-row.ts';
import { duplicateKeysAfterEdit, type DuplicatePolicy, type PossibleDuplicateReason } from './registry.ts';
import { deleteImportProblems, insertImportProblems } from './import-problem.repository.ts';
import * as registry from './registry.repository.ts';
import { isRejected, prepareRows, type AcceptedRow, type LookalikeKeys } from './row-preparation.ts';
import { prepareRowsOnWorker } from './row-preparation-thread.ts';
import type { SensitiveDataCipher } from './sensitive-data.ts';

/**
 * The unit code in the import template's example row: one the reader can really import into — their
 * own unit when it is the lowest level, else the first village (or other lowest unit) below them.
 */
export async function templateExampleUnitCode(db: DbOrTx, actor: Actor): Promise<string | undefined> {
  const units = (await listUnitsInScope(db, actor)).filter((unit) => !unit.closedAt);
  const parents = new Set(units.map((unit) => unit.parentId));
  return (
    (units.find((unit) => unit.code && !parents.has(unit.id)) ?? units.find((unit) => unit.code))?.code ?? undefined
  );
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  duplicates: number;
  rejected: number;
  flagged: number;
}

export interface ImportProblemRecord {
  rowNumber: number;
  kind: string;
  reason: string;
  reasonEn: string;
  matches: string | null;
  original: string[];
}

export interface ImportOptions {
  dryRun: boolean;
  duplicatePolicy: DuplicatePolicy;
  /** per-row choices for duplicates, overriding the policy */
  duplicateChoices?: ReadonlyMap<number, DuplicatePolicy>;
  /** where problems are stored (the import batch), if anywhere */
  batchId?: number;
  onProgress?: (counts: ImportCounts) => void;
  onHeader?: (info: { extraColumns: string[]; header: string[] }) => void;
}

export interface ImportResult {
  counts: ImportCounts;
  firstProblems: ImportProblemRecord[];
  extraColumns: string[];
  /** whether the rows were read, checked and encrypted on a worker thread (a big file) */
  preparedOnWorker: boolean;
}

export interface ImportSource {
  /** what the file's content is (detectFileKind): a workbook is read on a worker thread */
  kind: 'csv' | 'xlsx';
  open: () => Readable;
  /** the file's size, when known: a big file's rows are prepared on a worker thread */
  sizeBytes?: number;
}

/**
 * A CSV of about 13,000 rows: below this a worker thread's start-up (~150 ms) costs more than it
 * saves, and reading it is cheap. A workbook always goes to the worker, whatever its size: its zip
 * may unpack to far more than its size, and ExcelJS parses it in long synchronous stretches.
 */
export const PREPARE_ON_WORKER_FROM_BYTES = 1024 * 1024;

const BATCH_SIZE = 1000;
const REGISTRY_TABLES = ['household', 'person', 'person_category', 'hardship_record'] as const;
const FIRST_PROBLEMS = 50;
/** V8 lets a streaming import's short-lived garbage pile up far past this before collecting it. */
const HEAP_CEILING_BYTES = 320 * 1024 * 1024;
const AFTER_LOAD_HEAP_CEILING_BYTES = 64 * 1024 * 1024;

export async function runRegistryImport(
  db: Db,
  actor: Actor,
  cipher: SensitiveDataCipher,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportResult> {
  const context = await loadRowContext(db, actor);
  if (options.dryRun) {
    const firstLoad = await registry.registryIsEmpty(db);
    return importRows(db, actor, cipher, source, options, context, firstLoad);
  }
  const result = await db.transaction().execute(async (trx) => {
    // First statement is a write, even when it deletes nothing: on SQLite that takes the write lock
    // now, so the ids allocateIds hands out cannot be taken by another connection meanwhile.
    await deleteImportProblems(trx, options.batchId ?? -1);
    await preferIndexesForBulkWork(trx);
    // Checked inside the transaction that holds the write lock, so it stays true until the commit.
    const firstLoad = await registry.registryIsEmpty(trx);
    const load = () => importRows(trx, actor, cipher, source, options, context, firstLoad);
    const result = firstLoad ? await withIndexesBuiltAfterLoad(trx, REGISTRY_TABLES, load) : await load();
    await appendAudit(trx, actor, {
      action: 'import',
      entity: 'registry',
      entityId: options.batchId ?? null,
      unitId: actor.unitId || null,
      after: result.counts,
    });
    return result;
  });
  if (result.counts.created > 1000)
    await refreshStatistics(db, ['unit', 'person', 'household', 'person_category', 'hardship_record']);
  return result;
}

async function loadRowContext(db: DbOrTx, actor: Actor): Promise<RowContext> {
  const units = await listUnitsInScope(db, actor);
  const categories = await registry.listCategories(db);
  return {
    unitIdByCode: new Map(units.filter((unit) => unit.code && !unit.closedAt).map((unit) => [unit.code!, unit.id])),
    categoryIdByName: new Map(
      categories.filter((category) => category.active).map((category) => [category.name, category.id]),
    ),
  };
}

/** What the import remembers of the rows it has seen, to compare later rows against. */
class FileMemory {
  /** ID lookup hash (first 96 bits: exact for any real file) → the row it was first seen on */
  readonly rowByHash = new HashKeyMap();
  /** possible-duplicate keys, as 52-bit numbers to keep a million rows well under the memory target */
  readonly nameBirthUnit = new HashKeyMap();
  readonly phoneAddress = new HashKeyMap();
}

async function importRows(
  db: DbOrTx,
  actor: Actor,
  cipher: SensitiveDataCipher,
  source: ImportSource,
  options: ImportOptions,
  context: RowContext,
  /** nobody registered before this import: every duplicate is within the file, so FileMemory sees it */
  firstLoad: boolean,
): Promise<ImportResult> {
  const counts: ImportCounts = { rows: 0, created: 0, updated: 0, duplicates: 0, rejected: 0, flagged: 0 };
  const firstProblems: ImportProblemRecord[] = [];
  const pendingProblems: ImportProblemRecord[] = [];
  const memory = new FileMemory();
  let extraColumns: string[] = [];
  let batch: AcceptedRow[] = [];

  const problem = (record: ImportProblemRecord) => {
    if (firstProblems.length < FIRST_PROBLEMS) firstProblems.push(record);
    if (options.batchId) pendingProblems.push(record);
  };
  const flush = async () => {
    await processBatch(db, actor, batch, memory, counts, options, problem, firstLoad);
    batch = [];
    if (options.batchId && pendingProblems.length > 0)
      await storeProblems(db, cipher, options.batchId, actor.unitId, pendingProblems.splice(0));
    options.onProgress?.({ ...counts });
    // better-sqlite3 answers synchronously: without this the whole file would run in one turn of the
    // event loop, and the server could not answer anyone (progress events included) until the end
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbageAbove(HEAP_CEILING_BYTES);
  };

  const input = { kind: source.kind, stream: source.open() };
  const onHeader = (info: HeaderInfo) => {
    extraColumns = info.extraColumns;
    options.onHeader?.({ extraColumns: info.extraColumns, header: info.header });
  };
  const preparation = { encrypt: !options.dryRun, batchSize: BATCH_SIZE };
  const preparedOnWorker = source.kind === 'xlsx' || (source.sizeBytes ?? 0) >= PREPARE_ON_WORKER_FROM_BYTES;
  const prepared = preparedOnWorker
    ? prepareRowsOnWorker(input, context, cipher, preparation, onHeader)
    : prepareRows(input, context, cipher, preparation, onHeader);
  for await (const rows of prepared) {
    for (const row of rows) {
      counts.rows += 1;
      if (isRejected(row)) {
        counts.rejected += 1;
        problem({ ...row.problem, rowNumber: row.rowNumber, matches: null, original: row.original });
        continue;
      }
      const [hashHigh, hashLow] = hexDigestKey(row.idHash);
      const earlierRow = memory.rowByHash.get(hashHigh, hashLow);
      if (earlierRow !== undefined) {
        counts.duplicates += 1;
        problem({
          rowNumber: row.rowNumber,
          kind: 'duplicate-in-file',
          reason: `与第${earlierRow}行身份证号重复`,
          reasonEn: `same ID number as row ${earlierRow}`,
          matches: `row ${earlierRow}`,
          original: row.original,
        });
        continue;
      }
      memory.rowByHash.set(hashHigh, hashLow, row.rowNumber);
      batch.push(row);
      if (batch.length >= BATCH_SIZE) await flush();
    }
  }
  await flush();
  // the file's garbage goes before SQLite builds the indexes, which takes memory of its own
  collectGarbageAbove(AFTER_LOAD_HEAP_CEILING_BYTES);
  return { counts, firstProblems, extraColumns, preparedOnWorker };
}

async function processBatch(
  db: DbOrTx,
  actor: Actor,
  batch: AcceptedRow[],
  memory: FileMemory,
  counts: ImportCounts,
  options: ImportOptions,
  problem: (record: ImportProblemRecord) => void,
  firstLoad: boolean,
): Promise<void> {
  if (batch.length === 0) return;
  const existing = firstLoad
    ? new Map<string, registry.ExistingPerson>()
    : await registry.findPeopleByHashes(
        db,
        batch.map((entry) => entry.idHash),
      );
  const fresh: typeof batch = [];
  for (const entry of batch) {
    const match = existing.get(entry.idHash);
    if (!match) {
      fresh.push(entry);
      continue;
    }
    counts.duplicates += 1;
    const inScope = isPathInScope(match.unitPath, actor);
    const choice = options.duplicateChoices?.get(entry.rowNumber) ?? options.duplicatePolicy;
    const matches = inScope ? `person ${match.id}` : 'another unit';
    if (choice === 'update' && inScope) {
      if (!options.dryRun) await updateFromRow(db, actor, match, entry.candidate);
      counts.updated += 1;
      problem({
        rowNumber: entry.rowNumber,
        kind: 'duplicate-updated',
        reason: `已在登记库中（记录${match.id}），已按本行更新`,
        reasonEn: `already registered (person ${match.id}); updated from this row`,
        matches,
        original: entry.original,
      });
    } else {
      problem({
        rowNumber: entry.rowNumber,
        kind: 'duplicate-in-registry',
        reason: inScope ? `已在登记库中（记录${match.id}），未导入` : '已在其他单位登记，未导入',
        reasonEn: inScope
          ? `already registered (person ${match.id}); skipped`
          : 'already registered by another unit; skipped',
        matches,
        original: entry.original,
      });
    }
  }
  if (fresh.length === 0) return;

  const keys = fresh.map((entry) => entry.keys);
  const { byName: dbNameMatches, byContact: dbPhoneMatches } = firstLoad
    ? { byName: new Map<string, number>(), byContact: new Map<string, number>() }
    : await registry.findLookalikes(
        db,
        keys.map((entryKeys) => entryKeys.name),
        keys.flatMap((entryKeys) => (entryKeys.contact === null ? [] : [entryKeys.contact])),
      );
  // Rows not yet inserted are remembered by their row number (negative), so a row can match an
  // earlier row of the same batch; the numbers are swapped for person ids once inserted.
  const possible = keys.map((entryKeys, index) => {
    const found = findPossibleDuplicate(entryKeys, memory, dbNameMatches, dbPhoneMatches);
    rememberKeys(entryKeys, -fresh[index]!.rowNumber, memory);
    return found;
  });

  let ids = new Map<string, number>();
  if (!options.dryRun) {
    const encrypted = fresh.map((entry) => ({
      ...entry.candidate,
      idHash: entry.idHash,
      // prepared with `encrypt: !dryRun`: every row written carries its ciphertext
      idCipher: entry.idCipher!,
      idMasked: entry.idMasked,
    }));
    ids = await registry.insertPeople(db, encrypted, actor.username);
  }
  counts.created += fresh.length;

  const personIdOfRow = new Map(fresh.map((entry) => [entry.rowNumber, ids.get(entry.idHash)]));
  const flags: { unitId: number; personId: number; otherPersonId: number; reason: string }[] = [];
  fresh.forEach((entry, index) => {
    const personId = personIdOfRow.get(entry.rowNumber);
    if (personId !== undefined) replaceRemembered(keys[index]!, -entry.rowNumber, personId, memory);
    const found = possible[index];
    if (!found) return;
    counts.flagged += 1;
    const otherId = found.otherId > 0 ? found.otherId : personIdOfRow.get(-found.otherId);
    if (personId !== undefined && otherId !== undefined)
      flags.push({ unitId: entry.candidate.unitId, personId, otherPersonId: otherId, reason: found.reason });
  });
  if (flags.length > 0) await registry.insertDuplicateFlags(db, flags);
}

function findPossibleDuplicate(
  keys: LookalikeKeys,
  memory: FileMemory,
  dbNameMatches: Map<string, number>,
  dbPhoneMatches: Map<string, number>,
): { otherId: number; reason: PossibleDuplicateReason } | null {
  const byName = memory.nameBirthUnit.get(keys.nameSlot) ?? dbNameMatches.get(keys.name);
  if (byName !== undefined) return { otherId: byName, reason: 'name-birth-unit' };
  const byPhone =
    keys.contact !== null && keys.contactSlot !== null
      ? (memory.phoneAddress.get(keys.contactSlot) ?? dbPhoneMatches.get(keys.contact))
      : undefined;
  if (byPhone !== undefined) return { otherId: byPhone, reason: 'phone-address' };
  return null;
}

function replaceRemembered(keys: LookalikeKeys, placeholder: number, personId: number, memory: FileMemory): void {
  if (memory.nameBirthUnit.get(keys.nameSlot) === placeholder) memory.nameBirthUnit.set(keys.nameSlot, 0, personId);
  if (keys.contactSlot !== null && memory.phoneAddress.get(keys.contactSlot) === placeholder)
    memory.phoneAddress.set(keys.contactSlot, 0, personId);
}

function rememberKeys(keys: LookalikeKeys, personId: number, memory: FileMemory): void {
  if (!memory.nameBirthUnit.has(keys.nameSlot)) memory.nameBirthUnit.set(keys.nameSlot, 0, personId);
  if (keys.contactSlot !== null && !memory.phoneAddress.has(keys.contactSlot))
    memory.phoneAddress.set(keys.contactSlot, 0, personId);
}

/** "Update the changed fields": only what the row says differently, with the hardship note added as history. */
async function updateFromRow(
  db: DbOrTx,
  actor: Actor,
  match: registry.ExistingPerson,
  candidate: ImportCandidate,
): Promise<void> {
  const before = await registry.findPersonRowInScope(db, actor, match.id);
  const household = await registry.findHousehold(db, match.householdId);
  if (!before || !household) return;
  const personFields: Parameters<typeof registry.updatePersonFields>[3] = {};
  if (candidate.name !== before.name)
    Object.assign(personFields, {
      name: candidate.name,
      name_initials: candidate.nameInitials,
      name_pinyin: candidate.namePinyin,
    });
  if (candidate.phone && candidate.phone !== before.phone) personFields.phone = candidate.phone;
  if (candidate.unitId !== before.unit_id) personFields.unit_id = candidate.unitId;
  const householdAddress = candidate.address && candidate.address !== household.address ? candidate.address : undefined;
  if (Object.keys(personFields).length > 0 || householdAddress !== undefined) {
    Object.assign(
      personFields,
      duplicateKeysAfterEdit(
        {
          namePinyin: before.name_pinyin,
          birthDate: before.birth_date,
          unitId: before.unit_id,
          phone: before.phone,
          address: household.address,
        },
        {
          namePinyin: personFields.name_pinyin,
          unitId: personFields.unit_id,
          phone: personFields.phone,
          address: householdAddress,
        },
      ),
    );
    await registry.updatePersonFields(db, match.id, before.version, personFields);
  }
  const householdFields: Parameters<typeof registry.updateHouseholdFields>[2] = {};
  if (candidate.address && candidate.address !== household.address)
    Object.assign(householdFields, { address: candidate.address, address_key: candidate.addressKey });
  if (candidate.householdSize !== null && candidate.householdSize !== household.size)
    householdFields.size = candidate.householdSize;
  if (candidate.unitId !== household.unitId) householdFields.unit_id = candidate.unitId;
  if (Object.keys(householdFields).length > 0) await registry.updateHouseholdFields(db, household.id, householdFields);
  if (candidate.categoryIds.length > 0) {
    const current = await db
      .selectFrom('person_category')
      .select('category_id')
      .where('person_id', '=', match.id)
      .execute();
    const merged = [...new Set([...current.map((row) => row.category_id), ...candidate.categoryIds])];
    if (merged.length !== current.length) await registry.setPersonCategories(db, match.id, candidate.unitId, merged);
  }
  if (candidate.hardship) {
    const [latest] = await registry.hardshipHistory(db, [match.id]);
    if (latest?.notes !== candidate.hardship) {
      await registry.insertHardshipRecord(
        db,
        match.id,
        candidate.unitId,
        { cause: null, monthlyIncomeFen: null, illness: null, disability: null, notes: candidate.hardship },
        actor.username,
      );
    }
  }
  await appendAudit(db, actor, {
    action: 'update-by-import',
    entity: 'person',
    entityId: match.id,
    unitId: candidate.unitId,
    before: {
      name: before.name,
      phone: before.phone,
      unitId: before.unit_id,
      address: household.address,
      size: household.size,
    },
    after: { ...personFields, ...householdFields, categoryIds: candidate.categoryIds },
  });
}

/**
 * The original row goes in encrypted, not masked: the error report gives the clerk back their own row,
 * full ID number included, to fix and import again (and that download is audited).
 */
async function storeProblems(
  db: DbOrTx,
  cipher: SensitiveDataCipher,
  batchId: number,
  unitId: number,
  problems: ImportProblemRecord[],
): Promise<void> {
  await insertImportProblems(
    db,
    problems.map((problem) => ({
      batchId,
      unitId,
      rowNumber: problem.rowNumber,
      kind: problem.kind,
      reason: problem.reason,
      reasonEn: problem.reasonEn,
      matches: problem.matches,
      originalCipher: cipher.encrypt(JSON.stringify(problem.original)),
    })),
  );
}
