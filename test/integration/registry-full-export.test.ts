import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/people.ts';
import { TEMPLATE_COLUMNS } from '../../src/modules/registry/import-file.ts';

/** The export with full ID numbers is the import template, filled in: edit it and import it back. */
describe.each(DIALECTS)('the registry export with full ID numbers, on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let clerk: Client;
  const idNumbers = [makeIdNumber('320684', '19400101', 'male'), makeIdNumber('320684', '19410202', 'female')];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    await database.db.updateTable('unit').set({ code: 'XA' }).where('id', '=', tree.villageA.id).execute();
    clerk = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    const categories: { id: number; name: string }[] = (await clerk.get('/api/registry/categories')).json().categories;
    const categoryIds = categories.filter((c) => ['农村低保', '残疾人'].includes(c.name)).map((c) => c.id);
    for (const [index, idNumber] of idNumbers.entries()) {
      const created = await clerk.post('/api/registry/people', {
        name: ['唐志远', '宋玉珍'][index],
        idNumber,
        phone: `1380000100${index}`,
        unitId: tree.villageA.id,
        categoryIds: index === 0 ? categoryIds : [],
        address: `甲村${index + 1}组`,
        householdSize: index + 2,
        hardship: index === 0 ? { cause: '因病致贫', notes: '长期透析' } : null,
      });
      expect(created.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  async function sheetOf(payload: Buffer): Promise<ExcelJS.Worksheet> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(payload as unknown as ArrayBuffer);
    return workbook.worksheets[0]!;
  }

  function valuesOf(row: ExcelJS.Row, width: number): unknown[] {
    return Array.from({ length: width }, (_, index) => row.getCell(index + 1).value ?? '');
  }

  async function exportFull(client: Client) {
    return client.get(`/api/registry/export.xlsx?fullIdNumbers=1&unitId=${tree.villageA.id}`);
  }

  it('has the columns of the import template, with full ID numbers, and writes one audit row naming how many people', async () => {
    const response = await exportFull(clerk);
    expect(response.statusCode).toBe(200);
    const sheet = await sheetOf(response.rawPayload);
    const width = TEMPLATE_COLUMNS.length;
    expect(valuesOf(sheet.getRow(1), width + 1)).toEqual([...TEMPLATE_COLUMNS.map((column) => column.header), '']);
    expect(valuesOf(sheet.getRow(2), width)).toEqual([
      '唐志远',
      idNumbers[0],
      '13800001000',
      'XA',
      '农村低保、残疾人',
      '甲村1组',
      2,
      '长期透析',
    ]);
    expect(valuesOf(sheet.getRow(3), width)).toEqual([
      '宋玉珍',
      idNumbers[1],
      '13800001001',
      'XA',
      '',
      '甲村2组',
      3,
      '',
    ]);
    const audits = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export-full-id-numbers')
      .execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.after_json!)).toEqual({ people: 2 });
  });

  it('is refused (403) to roles that may not see full ID numbers, and writes no audit row for them', async () => {
    for (const role of ['visitor', 'supervisor'] as const) {
      const client = await signedInClient(app, await makeAccount(database.db, { role, unit: tree.villageA }));
      expect((await exportFull(client)).statusCode).toBe(403);
      expect((await client.get('/api/registry/export.xlsx')).statusCode).toBe(200);
    }
    const audits = await database.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'export-full-id-numbers')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('imports back, edited, updating the people it holds instead of creating them again', async () => {
    const sheet = await sheetOf((await exportFull(clerk)).rawPayload);
    const workbook = sheet.workbook;
    sheet.getRow(2).getCell(3).value = '13900009999';
    sheet.getRow(3).getCell(6).value = '甲村新址9号';
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = (await clerk.upload('/api/registry/imports?wait=1', '导出.xlsx', edited)).json().batch;
    expect(preview.counts).toMatchObject({ rows: 2, created: 0, duplicates: 2, rejected: 0 });
    const committed = (
      await clerk.post(`/api/registry/imports/${preview.id}/commit?wait=1`, { duplicatePolicy: 'update' })
    ).json().batch;
    expect(committed.counts).toMatchObject({ rows: 2, created: 0, updated: 2, rejected: 0 });
    const people = (await clerk.get('/api/registry/people?sort=createdAt')).json().people;
    expect(people).toHaveLength(2);
    expect(people.map((person: { phone: string }) => person.phone)).toEqual(['13900009999', '13800001001']);
    const second = (await clerk.get(`/api/registry/people/${people[1].id}`)).json().person;
    expect(second.household.address).toBe('甲村新址9号');
    const first = (await clerk.get(`/api/registry/people/${people[0].id}`)).json().person;
    expect(first.categories).toEqual(['农村低保', '残疾人']);
    expect(first.hardship.map((record: { notes: string }) => record.notes)).toEqual(['长期透析']);
  });
});
