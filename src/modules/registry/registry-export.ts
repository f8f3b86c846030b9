/**
 * The registry of a unit subtree as a spreadsheet, in one of two forms:
 * - to read: ID numbers masked, with unit name, birth date and sex; any role that reads the registry;
 * - to edit and import back: the import template's columns with full ID numbers, for roles allowed to
 *   see them (registry.revealId), audited like any view of a full ID. Imported with "update
 *   duplicates", it changes the people it holds instead of creating them again.
 * No cell starts with a formula character.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../org/scope.ts';
import { findUnitInScope } from '../org/unit.repository.ts';
import { notFound } from '../shared/errors.ts';
import { TEMPLATE_COLUMNS, safeCell, type TemplateColumn } from './import-file.ts';
import { categoriesOf, latestHardshipNotes, peopleToExport } from './registry.repository.ts';
import type { SensitiveDataCipher } from './sensitive-data.ts';

const READING_HEADER = [
  '姓名',
  '身份证号',
  '联系电话',
  '单位代码',
  '单位',
  '类别',
  '住址',
  '家庭人口',
  '出生日期',
  '性别',
];
const PAGE_SIZE = 2000;

type ExportRow = Awaited<ReturnType<typeof peopleToExport>>[number];

interface PageContext {
  categories: Map<number, string[]>;
  hardshipNotes: Map<number, string | null>;
}

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
  if (full) {
    // text columns as in the template, so Excel keeps all 18 digits when the file is edited
    sheet.columns = TEMPLATE_COLUMNS.map((column) => ({
      key: column.key,
      width: column.width,
      style: column.isText ? { numFmt: '@' } : {},
    }));
    sheet.addRow(TEMPLATE_COLUMNS.map((column) => column.header)).commit();
  } else {
    sheet.addRow(READING_HEADER).commit();
  }
  let lastId = 0;
  let exported = 0;
  for (;;) {
    const rows = await peopleToExport(db, actor, { afterId: lastId, unitPath: unit?.path, limit: PAGE_SIZE });
    if (rows.length === 0) break;
    const ids = rows.map((row) => row.id);
    const context: PageContext = {
      categories: await categoriesOf(db, ids),
      hardshipNotes: full ? await latestHardshipNotes(db, ids) : new Map(),
    };
    for (const row of rows) {
      const cells = full ? templateCells(row, context, full.cipher) : readingCells(row, context);
      sheet.addRow(cells.map((value) => (typeof value === 'string' ? safeCell(value) : value))).commit();
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
    after: { people: exported },
  });
  return Buffer.concat(chunks);
}

function readingCells(row: ExportRow, context: PageContext): (string | number)[] {
  return [
    row.name,
    row.id_masked,
    row.phone ?? '',
    row.code ?? '',
    row.unit_name,
    (context.categories.get(row.id) ?? []).join('、'),
    row.address ?? '',
    row.size ?? '',
    row.birth_date,
    row.sex === 'male' ? '男' : '女',
  ];
}

/** The cells in template order, as an import reads them back (categories by name, the newest hardship note). */
function templateCells(row: ExportRow, context: PageContext, cipher: SensitiveDataCipher): (string | number)[] {
  const values: Record<TemplateColumn, string | number> = {
    name: row.name,
    idNumber: cipher.decrypt(row.id_cipher),
    phone: row.phone ?? '',
    unitCode: row.code ?? '',
    categories: (context.categories.get(row.id) ?? []).join('、'),
    address: row.address ?? '',
    householdSize: row.size ?? '',
    hardship: context.hardshipNotes.get(row.id) ?? '',
  };
  return TEMPLATE_COLUMNS.map((column) => values[column.key]);
}
