import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { TEST_CIPHER, buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { HEADER, csvOf, makeIdNumber } from '../helpers/people.ts';
import { encryptPlainImportProblems } from '../../src/modules/registry/registry-import-jobs.ts';

/** The rows of a file kept to report them back: the ID numbers in them are encrypted at rest. */
describe.each(DIALECTS)('rejected and duplicate import rows at rest, on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let clerk: Client;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    await database.db.updateTable('unit').set({ code: 'RA' }).where('id', '=', tree.villageA.id).execute();
    clerk = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  async function rawProblems(batchId: number): Promise<string> {
    const result = await sql`select * from import_problem where batch_id = ${batchId}`.execute(database.db);
    expect(result.rows.length).toBeGreaterThan(0);
    return JSON.stringify(result.rows);
  }

  async function reportRows(batchId: number): Promise<string[][]> {
    const report = await clerk.get(`/api/registry/imports/${batchId}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    return rows;
  }

  async function downloadAudits(batchId: number) {
    return database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'download-import-errors')
      .where('entity_id', '=', String(batchId))
      .execute();
  }

  it('keeps no full ID in clear in any column, yet gives the clerk their rows back, and logs the download', async () => {
    const rejectedId = makeIdNumber();
    const twiceId = makeIdNumber();
    const csv = csvOf([
      HEADER,
      ['冯雪', makeIdNumber(), '', 'RA', '', '', '', ''],
      ['韩冰', rejectedId, '', 'NOPE', '', '', '', ''],
      ['蒋涛', twiceId, '', 'RA', '', '', '', ''],
      ['蒋涛', twiceId, '', 'RA', '', '', '', ''],
    ]);
    const batch = (await clerk.upload('/api/registry/imports?wait=1', 'rest.csv', csv)).json().batch;
    expect(batch.counts).toMatchObject({ rows: 4, created: 2, duplicates: 1, rejected: 1 });
    for (const idNumber of [rejectedId, twiceId]) expect(await rawProblems(batch.id)).not.toContain(idNumber);
    await clerk.post(`/api/registry/imports/${batch.id}/commit?wait=1`, {});
    const raw = await rawProblems(batch.id);
    for (const idNumber of [rejectedId, twiceId]) {
      expect(raw).not.toContain(idNumber);
      expect(raw).not.toContain(idNumber.slice(0, 14));
    }

    const rows = await reportRows(batch.id);
    expect(rows.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ['3', '韩冰', rejectedId, '', 'NOPE'],
      ['5', '蒋涛', twiceId, '', 'RA'],
    ]);
    const audits = await downloadAudits(batch.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity: 'import_batch', unit_id: tree.villageA.id });
    expect(JSON.parse(audits[0]!.after_json!)).toEqual({ rows: 2 });
  });

  it('encrypts the rows an earlier version stored as plain JSON, once, at start', async () => {
    const legacyId = makeIdNumber();
    const csv = csvOf([HEADER, ['卫东', makeIdNumber(), '', 'NOPE', '', '', '', '']]);
    const batch = (await clerk.upload('/api/registry/imports?wait=1', 'legacy.csv', csv)).json().batch;
    const legacyRow = ['卫东', legacyId, '', 'NOPE', '', '', '', ''];
    await database.db
      .updateTable('import_problem')
      .set({ original_json: JSON.stringify(legacyRow) })
      .where('batch_id', '=', batch.id)
      .execute();
    expect(await rawProblems(batch.id)).toContain(legacyId);

    expect(await encryptPlainImportProblems(database.db, TEST_CIPHER)).toBe(1);
    expect(await rawProblems(batch.id)).not.toContain(legacyId);
    expect(await encryptPlainImportProblems(database.db, TEST_CIPHER)).toBe(0);
    expect((await reportRows(batch.id))[1]).toEqual(['2', ...legacyRow, expect.stringContaining('单位代码')]);
  });
});
