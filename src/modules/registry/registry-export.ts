/**
 * The registry of a unit subtree as a spreadsheet. ID numbers are masked unless the caller may see
 * them and asks (the export is then audited like any view of a full ID). No cell starts with a
 * formula character.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { assertCan, unitIdInScope, type Actor } from '../org/scope.ts';
import { findUnitInScope } from '../org/unit.repository.ts';
import { notFound } from '../shared/errors.ts';
import { safeCell } from './import-file.ts';
import { categoriesOf } from './registry.repository.ts';
import type { SensitiveDataCipher } from './sensitive-data.ts';

const HEADER = ['姓名', '身份证号', '联系电话', '单位代码', '单位', '类别', '住址', '家庭人口', '出生日期', '性别'];

export async function exportRegistryXlsx(
  db: Db,
  actor: Actor,
  unitId?: number,
  full?: { cipher: SensitiveDataCipher },
): Promise<Buffer> {
  assertCan(actor, 'registry.read');
  if (full) assertCan(actor, 'registry.revealId');
  const unit = unitId ? await findUnitInScope(db, actor, unitId) : undefined;
  if (unitId && !unit) throw notFound('unit', '单位');
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  const sheet = workbook.addWorksheet('困难对象');
  sheet.addRow(HEADER).commit();
  let lastId = 0;
  let exported = 0;
  for (;;) {
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
      .where('person.id', '>', lastId)
      .where((eb) => unitIdInScope(eb.ref('person.unit_id'), actor))
      .orderBy('person.id')
      .limit(2000);
    if (unit) query = query.where('unit.path', 'like', `${unit.path}%`);
    const rows = await query.execute();
    if (rows.length === 0) break;
    const categories = await categoriesOf(
      db,
      rows.map((row) => row.id),
    );
    for (const row of rows) {
      const idNumber = full ? full.cipher.decrypt(row.id_cipher) : row.id_masked;
      sheet
        .addRow(
          [
            row.name,
            idNumber,
            row.phone ?? '',
            row.code ?? '',
            row.unit_name,
            (categories.get(row.id) ?? []).join('、'),
            row.address ?? '',
            row.size ?? '',
            row.birth_date,
            row.sex === 'male' ? '男' : '女',
          ].map((value) => (typeof value === 'string' ? safeCell(value) : value)),
        )
        .commit();
    }
    exported += rows.length;
    lastId = rows.at(-1)!.id;
  }
  sheet.commit();
  await workbook.commit();
  await appendAudit(db, actor, {
    action: full ? 'export-full-id-numbers' : 'export',
    entity: 'registry',
    entityId: unit?.id ?? null,
    unitId: unit?.id ?? (actor.unitId || null),
    after: { rows: exported },
  });
  return Buffer.concat(chunks);
}
