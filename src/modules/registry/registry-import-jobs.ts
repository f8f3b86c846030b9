/**
 * Import batches: an uploaded file is kept under DATA_DIR/imports, previewed (a dry run: counts and
 * first problems), then committed once. Both run in the background and report progress, which the
 * web page follows live (server-sent events).
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { assertCan, isSystem, unitIdInScope, type Actor } from '../org/scope.ts';
import { findFirstRoot } from '../org/unit.repository.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { RegistryFileError, safeCell } from './import-file.ts';
import {
  deleteImportProblems,
  firstImportProblems,
  importProblemsAfterId,
  importProblemsAfterRow,
  setImportProblemOriginal,
} from './import-problem.repository.ts';
import type { DuplicatePolicy } from './registry.ts';
import { runRegistryImport, type ImportCounts } from './registry-import.service.ts';
import type { SensitiveDataCipher } from './sensitive-data.ts';

export type BatchStatus = 'uploaded' | 'previewing' | 'previewed' | 'committing' | 'committed' | 'failed';

export interface ImportBatchView {
  id: number;
  fileName: string;
  status: BatchStatus;
  duplicatePolicy: string | null;
  counts: ImportCounts;
  extraColumns: string[];
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
  problems: { rowNumber: number; kind: string; reason: string; reasonEn: string; matches: string | null }[];
}

export interface ProgressEvent {
  status: BatchStatus;
  counts: ImportCounts;
}

const progress = new EventEmitter();
progress.setMaxListeners(0);
const latest = new Map<number, ProgressEvent>();

export function onBatchProgress(batchId: number, listener: (event: ProgressEvent) => void): () => void {
  const channel = `batch:${batchId}`;
  progress.on(channel, listener);
  return () => progress.off(channel, listener);
}

export function latestProgress(batchId: number): ProgressEvent | undefined {
  return latest.get(batchId);
}

function emit(batchId: number, event: ProgressEvent): void {
  latest.set(batchId, event);
  progress.emit(`batch:${batchId}`, event);
}

export async function createImportBatch(
  db: Db,
  actor: Actor,
  file: { fileName: string; kind: 'csv' | 'xlsx'; storedPath: string },
): Promise<number> {
  assertCan(actor, 'registry.import');
  const unitId = isSystem(actor) ? (await findFirstRoot(db))!.id : actor.unitId;
  const row = await db
    .insertInto('import_batch')
    .values({
      unit_id: unitId,
      account_id: isSystem(actor) ? null : actor.accountId,
      actor: actor.username,
      file_name: file.fileName.slice(0, 255),
      file_kind: file.kind,
      stored_path: file.storedPath,
      status: 'uploaded',
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function findBatchRow(db: Db, actor: Actor, id: number) {
  const row = await db
    .selectFrom('import_batch')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => unitIdInScope(eb.ref('unit_id'), actor))
    .executeTakeFirst();
  // a clerk sees the batches of their own subtree, and only their own uploads unless they manage
  if (!row) throw notFound('import', '导入批次');
  return row;
}

export async function getImportBatch(db: Db, actor: Actor, id: number): Promise<ImportBatchView> {
  assertCan(actor, 'registry.import');
  const row = await findBatchRow(db, actor, id);
  const problems = await firstImportProblems(db, id, 50);
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status as BatchStatus,
    duplicatePolicy: row.duplicate_policy,
    counts: {
      rows: row.rows,
      created: row.created,
      updated: row.updated,
      duplicates: row.duplicates,
      rejected: row.rejected,
      flagged: row.flagged,
    },
    extraColumns: row.header_json ? (JSON.parse(row.header_json) as { extraColumns: string[] }).extraColumns : [],
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    problems: problems.map((problem) => ({
      rowNumber: problem.row_number,
      kind: problem.kind,
      reason: problem.reason,
      reasonEn: problem.reason_en,
      matches: problem.matches,
    })),
  };
}

/** Moves a batch from one status to the next only if it is still in the expected one (no double commit). */
async function transition(
  db: Db,
  id: number,
  from: BatchStatus[],
  to: BatchStatus,
  extra: { duplicate_policy?: string } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('import_batch')
    .set({ status: to, ...extra })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface JobDeps {
  db: Db;
  cipher: SensitiveDataCipher;
}

/** Starts the dry run in the background; resolves when it is finished (tests and the CLI await it). */
export async function startPreview(deps: JobDeps, actor: Actor, id: number): Promise<Promise<void>> {
  assertCan(actor, 'registry.import');
  const row = await findBatchRow(deps.db, actor, id);
  if (!(await transition(deps.db, id, ['uploaded', 'previewed', 'failed'], 'previewing'))) {
    throw conflict('IMPORT_BUSY', 'this import is running or already committed', '该导入正在进行或已提交');
  }
  await deleteImportProblems(deps.db, id);
  return runJob(deps, actor, row, { dryRun: true, duplicatePolicy: 'skip' }, 'previewing', 'previewed');
}

export async function startCommit(
  deps: JobDeps,
  actor: Actor,
  id: number,
  policy: DuplicatePolicy,
  choices: ReadonlyMap<number, DuplicatePolicy> = new Map(),
): Promise<Promise<void>> {
  assertCan(actor, 'registry.import');
  const row = await findBatchRow(deps.db, actor, id);
  // Guard: only a previewed batch can be committed, and only once, even if "commit" is clicked twice.
  if (!(await transition(deps.db, id, ['previewed'], 'committing', { duplicate_policy: policy }))) {
    throw conflict(
      'IMPORT_NOT_READY',
      row.status === 'committed' ? 'this file is already imported' : 'preview the file first',
      row.status === 'committed' ? '该文件已导入，不能重复导入' : '请先预览检查文件',
    );
  }
  return runJob(
    deps,
    actor,
    row,
    { dryRun: false, duplicatePolicy: policy, duplicateChoices: choices },
    'committing',
    'committed',
  );
}

function runJob(
  deps: JobDeps,
  actor: Actor,
  row: { id: number; stored_path: string | null; file_kind: string },
  options: {
    dryRun: boolean;
    duplicatePolicy: DuplicatePolicy;
    duplicateChoices?: ReadonlyMap<number, DuplicatePolicy>;
  },
  running: BatchStatus,
  done: BatchStatus,
): Promise<void> {
  const { db, cipher } = deps;
  const storedPath = row.stored_path!;
  let header: { extraColumns: string[]; header: string[] } = { extraColumns: [], header: [] };
  return (async () => {
    try {
      const result = await runRegistryImport(
        db,
        actor,
        cipher,
        {
          kind: row.file_kind as 'csv' | 'xlsx',
          open: () => fs.createReadStream(storedPath),
          sizeBytes: fs.statSync(storedPath).size,
        },
        {
          ...options,
          batchId: row.id,
          onHeader: (info) => {
            header = info;
          },
          onProgress: (counts) => emit(row.id, { status: running, counts }),
        },
      );
      await db
        .updateTable('import_batch')
        .set({
          status: done,
          ...countColumns(result.counts),
          header_json: JSON.stringify(header),
          error_code: null,
          error_message: null,
          finished_at: nowIso(),
        })
        .where('id', '=', row.id)
        .execute();
      if (done === 'committed') await fs.promises.rm(storedPath, { force: true });
      emit(row.id, { status: done, counts: result.counts });
    } catch (error: unknown) {
      const fileError = error instanceof RegistryFileError;
      const message = fileError ? error.messageZh : '导入失败，未写入任何数据：服务器内部错误';
      if (!fileError) console.error('registry import failed', error);
      await db
        .updateTable('import_batch')
        .set({
          status: 'failed',
          error_code: fileError ? error.code : 'INTERNAL',
          error_message: message,
          finished_at: nowIso(),
          ...countColumns({ rows: 0, created: 0, updated: 0, duplicates: 0, rejected: 0, flagged: 0 }),
        })
        .where('id', '=', row.id)
        .execute();
      emit(row.id, {
        status: 'failed',
        counts: { rows: 0, created: 0, updated: 0, duplicates: 0, rejected: 0, flagged: 0 },
      });
    }
  })();
}

function countColumns(counts: ImportCounts) {
  return {
    rows: counts.rows,
    created: counts.created,
    updated: counts.updated,
    duplicates: counts.duplicates,
    rejected: counts.rejected,
    flagged: counts.flagged,
  };
}

/**
 * The rejected and duplicate rows as they were in the file, plus a reason column. They hold the full
 * ID numbers as typed, so the report is for roles that may see them, and each download is audited.
 */
export async function renderErrorReport(
  db: Db,
  cipher: SensitiveDataCipher,
  actor: Actor,
  id: number,
): Promise<Buffer> {
  assertCan(actor, 'registry.import');
  assertCan(actor, 'registry.revealId');
  const row = await findBatchRow(db, actor, id);
  const header = row.header_json ? (JSON.parse(row.header_json) as { header: string[] }).header : [];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题行');
  sheet.addRow(['行号', ...header, '问题']).font = { bold: true };
  let lastRow = 0;
  let reported = 0;
  for (;;) {
    const problems = await importProblemsAfterRow(db, id, lastRow, 5000);
    if (problems.length === 0) break;
    for (const problem of problems) {
      const original = JSON.parse(cipher.decrypt(problem.original_cipher)) as string[];
      sheet.addRow([problem.row_number, ...original.map(safeCell), safeCell(problem.reason)]);
    }
    reported += problems.length;
    lastRow = problems.at(-1)!.row_number;
  }
  sheet.getColumn(header.length + 2).width = 40;
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await appendAudit(db, actor, {
    action: 'download-import-errors',
    entity: 'import_batch',
    entityId: id,
    unitId: row.unit_id,
    after: { rows: reported },
  });
  return buffer;
}

/**
 * Before this version the original rows were stored as plain JSON. Migrations do not hold the data key,
 * so they are encrypted here, at start (bootstrap), and the report reads one form only. Every row
 * written since is encrypted and ids only grow, so the plain rows are all below the first encrypted
 * one: the pass stops there, and once done a start costs one short read. Returns how many it encrypted.
 */
export async function encryptPlainImportProblems(db: Db, cipher: SensitiveDataCipher): Promise<number> {
  let lastId = 0;
  let encrypted = 0;
  for (;;) {
    const page = await importProblemsAfterId(db, lastId, 1000);
    const plain = page.filter((problem) => isPlainJson(problem.original_json));
    if (plain.length > 0)
      await db.transaction().execute(async (trx) => {
        for (const problem of plain)
          await setImportProblemOriginal(trx, problem.id, cipher.encrypt(problem.original_json));
      });
    encrypted += plain.length;
    if (page.length < 1000 || plain.length < page.length) return encrypted;
    lastId = page.at(-1)!.id;
  }
}

function isPlainJson(stored: string): boolean {
  return stored.startsWith('[');
}
