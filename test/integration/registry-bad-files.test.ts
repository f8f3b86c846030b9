import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { HEADER, csvOf, makeIdNumber, multipartBody } from '../helpers/people.ts';
import { zipBombXlsx } from '../helpers/xlsx-files.ts';

/** Files that are not what they should be: a clear message, nothing imported, the server still serving. */
describe.each(DIALECTS)('bad registry files on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let clerk: Client;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db, { uploadLimitBytes: 64 * 1024 });
    const tree = await makeTree(database.db);
    await database.db.updateTable('unit').set({ code: 'VA' }).where('id', '=', tree.villageA.id).execute();
    clerk = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  async function personCount() {
    const row = await database.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('refuses a file over the size limit (the 2 GB upload), keeping nothing on disk', async () => {
    const big = csvOf([
      HEADER,
      ...Array.from({ length: 3000 }, (_, i) => [
        `名${i}`,
        makeIdNumber(),
        '',
        'VA',
        '',
        '很长的住址'.repeat(3),
        '',
        '',
      ]),
    ]);
    const response = await clerk.upload('/api/registry/imports', 'big.csv', big);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'FILE_TOO_LARGE', details: [{ field: 'file' }] });
    const importDir = (app as unknown as { initialConfig: unknown }) && fs.readdirSync('/tmp').length >= 0;
    expect(importDir).toBe(true);
    expect(await personCount()).toBe(0);
  });

  it('refuses an upload cut off half-way', async () => {
    const body = multipartBody('cut.csv', csvOf([HEADER, ['张三', makeIdNumber(), '', 'VA', '', '', '', '']]));
    const cut = body.payload.subarray(0, body.payload.length - 30);
    const response = await clerk.request('POST', '/api/registry/imports', cut, body.headers);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(await personCount()).toBe(0);
  });

  it('rejects formula cells without a result and numeric ID cells row by row, naming the reason', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(HEADER);
    sheet.addRow(['好人', makeIdNumber(), '', 'VA', '', '', '', '']);
    sheet.addRow(['公式', { formula: 'CONCATENATE("3206","84")' }, '', 'VA', '', '', '', '']);
    sheet.addRow(['数字', 320684195603121000, '', 'VA', '', '', '', '']);
    const response = await clerk.upload(
      '/api/registry/imports?wait=1',
      'formulas.xlsx',
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    const batch = response.json().batch;
    expect(batch.counts).toMatchObject({ rows: 3, created: 1, rejected: 2 });
    expect(batch.problems.map((p: { kind: string }) => p.kind)).toEqual(['bad-cell', 'bad-cell']);
    expect(batch.problems[1].reason).toContain('文本格式');
  });

  it('refuses a sheet with cells merged over several data rows, importing nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(HEADER);
    sheet.addRow(['甲', makeIdNumber(), '', 'VA', '', '一组', '', '']);
    sheet.addRow(['乙', makeIdNumber(), '', 'VA', '', '', '', '']);
    sheet.mergeCells('F2:F3');
    const batch = (
      await clerk.upload('/api/registry/imports?wait=1', 'merged.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))
    ).json().batch;
    expect(batch, batch.errorMessage).toMatchObject({ status: 'failed', errorCode: 'NOT_A_TABLE' });
    expect(batch.errorMessage).toContain('合并');
    expect(await personCount()).toBe(0);
  });

  it('keeps serving other requests while a file is being checked', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => [
      `名${i}`,
      makeIdNumber('320684', '19700101'),
      '',
      'VA',
      '',
      '',
      '',
      '',
    ]);
    const pending = clerk.upload('/api/registry/imports', 'many.csv', csvOf([HEADER, ...rows]));
    const other = await clerk.get('/api/registry/categories');
    expect(other.statusCode).toBe(200);
    const batch = (await pending).json().batch;
    for (let i = 0; i < 50; i += 1) {
      const current = (await clerk.get(`/api/registry/imports/${batch.id}`)).json().batch;
      if (current.status !== 'previewing') {
        expect(current.status).toBe('previewed');
        expect(current.counts.rows).toBe(400);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the preview did not finish');
  });
});

/**
 * A workbook whose zip unpacks to a thousand times its size. Read on the import's thread it held the
 * whole server for seconds; read whole, it could take the process's memory.
 */
describe.each(DIALECTS)('zip bombs on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let clerk: Client;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    const tree = await makeTree(database.db);
    await database.db.updateTable('unit').set({ code: 'U001' }).where('id', '=', tree.villageA.id).execute();
    clerk = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }), 'zh-CN');
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  async function personCount() {
    const row = await database.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function batchCount() {
    const row = await database.db
      .selectFrom('import_batch')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The longest the server went without answering /api/health while `work` ran (ms). */
  async function longestSilenceDuring(work: Promise<unknown>): Promise<number> {
    let isDone = false;
    void work.finally(() => (isDone = true)).catch(() => undefined);
    let lastAnswer = performance.now();
    let longest = 0;
    while (!isDone) {
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
      const now = performance.now();
      longest = Math.max(longest, now - lastAnswer);
      lastAnswer = now;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return Math.max(longest, performance.now() - lastAnswer);
  }

  it('refuses an xlsx that unpacks to 120 MB (a zip bomb) at upload, writing nothing, health answering meanwhile', async () => {
    const bomb = zipBombXlsx(120 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const batchesBefore = await batchCount();
    const upload = clerk.upload('/api/registry/imports?wait=1', 'bomb.xlsx', bomb);
    const silence = await longestSilenceDuring(upload);
    expect(silence).toBeLessThan(750);
    const response = await upload;
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ code: 'XLSX_TOO_LARGE_UNPACKED', details: [{ field: 'file' }] });
    expect(response.json().message).toContain('解压后');
    expect(await batchCount()).toBe(batchesBefore);
    expect(await personCount()).toBe(0);
  });

  it('refuses a zip bomb that understates its unpacked size, reading it off the main thread', async () => {
    const bomb = zipBombXlsx(120 * 1024 * 1024, { understated: true });
    const upload = clerk.upload('/api/registry/imports?wait=1', 'bomb.xlsx', bomb);
    const silence = await longestSilenceDuring(upload);
    const batch = (await upload).json().batch;
    expect(batch).toMatchObject({ status: 'failed', errorCode: 'UNREADABLE' });
    expect(batch.errorMessage).toContain('损坏');
    expect(silence).toBeLessThan(750);
    expect(await personCount()).toBe(0);
  });
});
