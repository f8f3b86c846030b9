/**
 * The problem rows of an import batch: why a row was refused or skipped, and the row itself as it was
 * in the file (`original_json`, encrypted: it holds the full ID number), so the error report can give
 * the clerk their own rows back to fix and import again.
 */
import type { DbOrTx } from '../../db/database.ts';

export interface NewImportProblem {
  batchId: number;
  unitId: number;
  rowNumber: number;
  kind: string;
  reason: string;
  reasonEn: string;
  matches: string | null;
  /** the row's cells as JSON, encrypted */
  originalCipher: string;
}

export async function insertImportProblems(db: DbOrTx, problems: NewImportProblem[]): Promise<void> {
  for (let i = 0; i < problems.length; i += 500) {
    await db
      .insertInto('import_problem')
      .values(
        problems.slice(i, i + 500).map((problem) => ({
          batch_id: problem.batchId,
          unit_id: problem.unitId,
          row_number: problem.rowNumber,
          kind: problem.kind,
          reason: problem.reason,
          reason_en: problem.reasonEn,
          matches: problem.matches,
          original_json: problem.originalCipher,
        })),
      )
      .execute();
  }
}

export async function deleteImportProblems(db: DbOrTx, batchId: number): Promise<void> {
  await db.deleteFrom('import_problem').where('batch_id', '=', batchId).execute();
}

/** The first problems of a batch, without the original rows: what the batch view lists. */
export async function firstImportProblems(db: DbOrTx, batchId: number, limit: number) {
  return db
    .selectFrom('import_problem')
    .select(['row_number', 'kind', 'reason', 'reason_en', 'matches'])
    .where('batch_id', '=', batchId)
    .orderBy('row_number')
    .limit(limit)
    .execute();
}

/** A page of a batch's problems with their (encrypted) original rows, after a row number. */
export async function importProblemsAfterRow(db: DbOrTx, batchId: number, afterRow: number, limit: number) {
  return db
    .selectFrom('import_problem')
    .select(['row_number', 'reason', 'original_json as original_cipher'])
    .where('batch_id', '=', batchId)
    .where('row_number', '>', afterRow)
    .orderBy('row_number')
    .limit(limit)
    .execute();
}

/** Problem rows in id order after `afterId`, of every batch, with their stored original row. */
export async function importProblemsAfterId(db: DbOrTx, afterId: number, limit: number) {
  return db
    .selectFrom('import_problem')
    .select(['id', 'original_json'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function setImportProblemOriginal(db: DbOrTx, id: number, originalCipher: string): Promise<void> {
  await db.updateTable('import_problem').set({ original_json: originalCipher }).where('id', '=', id).execute();
}
