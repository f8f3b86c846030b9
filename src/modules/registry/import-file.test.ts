import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { bigXlsx, buildZip, minimalXlsx } from '../../../test/helpers/xlsx-files.ts';
import { withTemporaryFolderAsTmpdir } from '../../../test/helpers/temporary-folder.ts';
import {
  readRegistryRows,
  RegistryFileError,
  safeCell,
  splitCategories,
  TEMPLATE_COLUMNS,
  writeTemplateXlsx,
  type HeaderInfo,
  type RawRow,
  type RegistryFileInput,
} from './import-file.ts';

const HEADER = '姓名,身份证号,联系电话,单位代码,类别,住址,家庭人口,困难情况';
const ROW_1 = '张伟,11010519491231002X,13800138000,U001,城市低保、残疾人,幸福路1号,3,长期患病';
const ROW_2 = '欧阳娜娜,110105194912310036,,U002,孤儿,和平路2号,1,';

interface Reading {
  rows: RawRow[];
  header: HeaderInfo | null;
}

type Bytes = Buffer | AsyncIterable<Buffer>;

/** Reads a whole file, failing the test instead of hanging when the reader never ends. */
async function readAll(kind: RegistryFileInput['kind'], bytes: Bytes, rows: RawRow[] = []): Promise<Reading> {
  let header: HeaderInfo | null = null;
  const stream = Buffer.isBuffer(bytes) ? Readable.from([bytes]) : Readable.from(bytes);
  const reading = (async () => {
    for await (const row of readRegistryRows({ kind, stream }, (info) => (header = info))) rows.push(row);
    return { rows, header };
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the reader hung after ${rows.length} rows`)), 10_000);
  });
  try {
    return await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Yields the bytes in small chunks on separate turns, as an upload arrives. */
async function* trickle(bytes: Buffer, size = 4096): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    await new Promise((resolve) => setImmediate(resolve));
    yield bytes.subarray(offset, offset + size);
  }
}

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

async function fileError(promise: Promise<unknown>): Promise<RegistryFileError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RegistryFileError);
  return error as RegistryFileError;
}

async function xlsx(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('名单'), workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readRegistryRows on CSV', () => {
  it('reads UTF-8 with a BOM', async () => {
    const { rows, header } = await readAll('csv', utf8(`\ufeff${HEADER}\r\n${ROW_1}\r\n${ROW_2}\r\n`));
    expect(header).toEqual({
      columns: TEMPLATE_COLUMNS.map((column) => column.key),
      extraColumns: [],
      header: HEADER.split(','),
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      rowNumber: 2,
      values: {
        name: '张伟',
        idNumber: '11010519491231002X',
        phone: '13800138000',
        unitCode: 'U001',
        categories: '城市低保、残疾人',
        address: '幸福路1号',
        householdSize: '3',
        hardship: '长期患病',
      },
      original: ROW_1.split(','),
      problems: [],
    });
    expect(rows[1]).toMatchObject({ rowNumber: 3, values: { name: '欧阳娜娜', phone: '', hardship: '' } });
  });

  it('reads UTF-8 without a BOM, trimming cells', async () => {
    const { rows } = await readAll('csv', utf8(`${HEADER}\n ${ROW_1.replace('张伟', ' 张伟\u3000')} \n`));
    expect(rows.map((row) => row.values.name)).toEqual(['张伟']);
  });

  it('reads GBK, as Excel and WPS save CSV on Chinese Windows', async () => {
    const gbk = iconv.encode(`${HEADER}\r\n${ROW_1}\r\n${ROW_2}\r\n`, 'gbk');
    expect(gbk.includes(utf8('张伟'))).toBe(false);
    const { rows, header } = await readAll('csv', gbk);
    expect(header?.columns).toHaveLength(8);
    expect(rows.map((row) => [row.values.name, row.values.categories])).toEqual([
      ['张伟', '城市低保、残疾人'],
      ['欧阳娜娜', '孤儿'],
    ]);
  });

  it('reads GBK arriving in small chunks', async () => {
    const lines = Array.from({ length: 500 }, (_, index) => ROW_1.replace('张伟', `张伟${index}`));
    const gbk = iconv.encode(`${HEADER}\r\n${lines.join('\r\n')}`, 'gb18030');
    const { rows } = await readAll('csv', trickle(gbk, 1001));
    expect(rows).toHaveLength(500);
    expect(rows[499]?.values.name).toBe('张伟499');
    expect(rows.some((row) => JSON.stringify(row).includes('\ufffd'))).toBe(false);
  });

  it('reads UTF-16 tab-separated text (Excel “Unicode text”)', async () => {
    const text = `${HEADER}\r\n${ROW_1}\r\n`.replaceAll(',', '\t');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]);
    const { rows } = await readAll('csv', bytes);
    expect(rows[0]?.values).toMatchObject({ name: '张伟', unitCode: 'U001', householdSize: '3' });
  });

  it('takes columns in any order, ignores and reports extra columns, accepts marked headers', async () => {
    const csv = [
      '序号,*单位代码,备注,身份证号码,姓 名（必填）,类别',
      '1,U001,老党员,11010519491231002X,张伟,城市低保',
      '',
    ].join('\n');
    const { rows, header } = await readAll('csv', utf8(csv));
    expect(header).toEqual({
      columns: ['unitCode', 'idNumber', 'name', 'categories'],
      extraColumns: ['序号', '备注'],
      header: ['序号', '*单位代码', '备注', '身份证号码', '姓 名（必填）', '类别'],
    });
    expect(rows[0]?.values).toEqual({
      name: '张伟',
      idNumber: '11010519491231002X',
      phone: '',
      unitCode: 'U001',
      categories: '城市低保',
      address: '',
      householdSize: '',
      hardship: '',
    });
    expect(rows[0]?.original).toEqual(['1', 'U001', '老党员', '11010519491231002X', '张伟', '城市低保']);
  });

  it('names the missing required columns', async () => {
    const error = await fileError(readAll('csv', utf8('姓名,联系电话,单位代码\n张伟,13800138000,U001\n')));
    expect(error.code).toBe('MISSING_COLUMNS');
    expect(error.messageZh).toContain('身份证号');
    expect(error.messageZh).not.toContain('姓名');
    expect(error.message).toContain('身份证号');

    const none = await fileError(readAll('csv', utf8('a,b,c\n1,2,3\n')));
    expect(none.code).toBe('MISSING_COLUMNS');
    expect(none.messageZh).toContain('姓名、身份证号、单位代码');
  });

  it('refuses a header naming the same column twice', async () => {
    const error = await fileError(readAll('csv', utf8('姓名,身份证号,单位代码,身份证号码\n')));
    expect(error.code).toBe('NOT_A_TABLE');
    expect(error.messageZh).toContain('身份证号码');
  });

  it('refuses an empty file, or one with only a BOM and blank lines', async () => {
    expect((await fileError(readAll('csv', Buffer.alloc(0)))).code).toBe('EMPTY_FILE');
    expect((await fileError(readAll('csv', utf8('\ufeff\r\n \r\n,,,\r\n')))).code).toBe('EMPTY_FILE');
    expect((await fileError(readAll('xlsx', Buffer.alloc(0)))).code).toBe('EMPTY_FILE');
  });

  it('reads a header with no rows as no rows', async () => {
    const { rows, header } = await readAll('csv', utf8(`${HEADER}\n`));
    expect(rows).toEqual([]);
    expect(header?.columns).toHaveLength(8);
  });

  it('refuses binary junk, whatever the declared kind', async () => {
    const junk = randomBytes(8192);
    junk[0] = 0x01; // not by chance a zip or OLE signature
    for (const kind of ['csv', 'xlsx'] as const) {
      expect((await fileError(readAll(kind, junk))).code).toBe('NOT_A_TABLE');
    }
    const noNulJunk = Buffer.from(Array.from({ length: 300 }, (_, index) => (index * 37) % 31 || 1));
    expect((await fileError(readAll('csv', noNulJunk))).code).toBe('NOT_A_TABLE');
  });

  it('explains old .xls workbooks and HTML tables saved as .xls', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(512)]);
    expect((await fileError(readAll('xlsx', ole))).messageZh).toContain('.xls');
    const html = utf8('<html><body><table><tr><td>姓名</td></tr></table></body></html>');
    expect((await fileError(readAll('xlsx', html))).code).toBe('NOT_A_TABLE');
  });

  it('refuses 200 columns in the header or in a row', async () => {
    const wideHeader = [...HEADER.split(','), ...Array.from({ length: 192 }, (_, index) => `列${index}`)].join(',');
    const header = await fileError(readAll('csv', utf8(`${wideHeader}\n${ROW_1}\n`)));
    expect(header.code).toBe('TOO_MANY_COLUMNS');
    expect(header.messageZh).toContain('200列');

    const wideRow = [ROW_1, ...Array.from({ length: 192 }, () => 'x')].join(',');
    const row = await fileError(readAll('csv', utf8(`${HEADER}\n${ROW_1}\n${wideRow}\n`)));
    expect(row.code).toBe('TOO_MANY_COLUMNS');
    expect(row.messageZh).toContain('第3行');
  });

  it('does not count trailing empty cells as columns', async () => {
    const { rows } = await readAll('csv', utf8(`${HEADER}${','.repeat(300)}\n${ROW_1}${','.repeat(300)}\n`));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.original).toHaveLength(8);
  });

  it('skips title rows and blank lines while keeping the row numbers Excel shows', async () => {
    const csv = [
      '2027年春节慰问对象名单,,,',
      '',
      '姓名,身份证号,单位代码,住址',
      '张伟,11010519491231002X,U001,幸福路1号',
      '',
      '"李四",110105194912310036,U001,"和平路',
      '2号"',
      '王五,110105194912310052,U001,',
    ].join('\r\n');
    const { rows } = await readAll('csv', utf8(csv));
    expect(rows.map((row) => [row.rowNumber, row.values.name, row.values.address])).toEqual([
      [4, '张伟', '幸福路1号'],
      [6, '李四', '和平路\r\n2号'],
      [7, '王五', ''],
    ]);
  });

  it('flags an ID number that Excel saved in scientific notation', async () => {
    const { rows } = await readAll('csv', utf8(`姓名,身份证号,单位代码\n张伟,1.10105E+17,U001\n`));
    expect(rows[0]?.problems).toEqual([expect.objectContaining({ column: 'idNumber', code: 'ID_NUMBER_AS_NUMBER' })]);
  });

  it('reports a quote left open as unreadable', async () => {
    const error = await fileError(readAll('csv', utf8(`${HEADER}\n"张伟,11010519491231002X\n`)));
    expect(error.code).toBe('UNREADABLE');
  });

  it('streams: the first row comes before the file has been read', async () => {
    let chunksRead = 0;
    async function* lines(): AsyncGenerator<Buffer> {
      yield utf8(`${HEADER}\n`);
      for (let chunk = 0; chunk < 200; chunk++) {
        chunksRead += 1;
        yield utf8(`${Array.from({ length: 100 }, () => ROW_1).join('\n')}\n`);
      }
    }
    let firstRowAfter = -1;
    let count = 0;
    for await (const row of readRegistryRows({ kind: 'csv', stream: Readable.from(lines()) })) {
      if (count === 0) firstRowAfter = chunksRead;
      count += 1;
      expect(row.values.name).toBe('张伟');
    }
    expect(count).toBe(20_000);
    expect(firstRowAfter).toBeLessThan(20);
  });

  it('reads the input to its end when the caller stops early', async () => {
    let isConsumed = false;
    async function* lines(): AsyncGenerator<Buffer> {
      yield utf8(`${HEADER}\n`);
      for (let chunk = 0; chunk < 50; chunk++) yield utf8(`${ROW_1}\n`.repeat(100));
      isConsumed = true;
    }
    for await (const row of readRegistryRows({ kind: 'csv', stream: Readable.from(lines()) })) {
      expect(row.rowNumber).toBe(2);
      break;
    }
    expect(isConsumed).toBe(true);
  });
});

describe('readRegistryRows on xlsx', () => {
  it('reads the first worksheet: numbers without exponent, dates, rich text', async () => {
    const file = await xlsx((sheet, workbook) => {
      sheet.addRow(['姓名', '身份证号', '联系电话', '单位代码', '类别', '住址', '家庭人口', '困难情况', '登记日期']);
      sheet.addRow([
        '张伟',
        '11010519491231002X',
        13800138000,
        'U001',
        '城市低保',
        { richText: [{ text: '幸福路' }, { font: { bold: true }, text: '1号' }] },
        3,
        '长期患病',
        new Date(Date.UTC(2026, 0, 15)),
      ]);
      sheet.getCell('I2').numFmt = 'yyyy-mm-dd';
      workbook.addWorksheet('其他').addRow(['姓名', '身份证号', '单位代码']);
    });
    const { rows, header } = await readAll('xlsx', file);
    expect(header).toMatchObject({ extraColumns: ['登记日期'] });
    expect(rows).toEqual([
      {
        rowNumber: 2,
        values: {
          name: '张伟',
          idNumber: '11010519491231002X',
          phone: '13800138000',
          unitCode: 'U001',
          categories: '城市低保',
          address: '幸福路1号',
          householdSize: '3',
          hardship: '长期患病',
        },
        original: [
          '张伟',
          '11010519491231002X',
          '13800138000',
          'U001',
          '城市低保',
          '幸福路1号',
          '3',
          '长期患病',
          '2026-01-15',
        ],
        problems: [],
      },
    ]);
  });

  it('uses cached formula results and rejects formulas without one', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['姓名', '身份证号', '单位代码', '家庭人口']);
      sheet.addRow([
        { formula: 'UPPER("张伟")', result: '张伟' },
        '11010519491231002X',
        'U001',
        { formula: '1+2', result: 3 },
      ]);
      sheet.addRow(['李四', '110105194912310036', { formula: 'C2' }, 1]);
      sheet.addRow(['王五', '110105194912310052', 'U001', { error: '#N/A' }]);
    });
    const { rows } = await readAll('xlsx', file);
    expect(rows[0]).toMatchObject({ values: { name: '张伟', householdSize: '3' }, problems: [] });
    expect(rows[1]?.problems).toEqual([
      expect.objectContaining({
        column: 'unitCode',
        code: 'FORMULA_WITHOUT_RESULT',
        messageZh: expect.stringContaining('单位代码'),
      }),
    ]);
    expect(rows[2]?.problems).toEqual([expect.objectContaining({ column: 'householdSize', code: 'CELL_ERROR' })]);
  });

  it('rejects a row whose ID number is stored as a number', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['姓名', '身份证号', '单位代码']);
      sheet.addRow(['张伟', 110105194912310020, 'U001']);
      sheet.addRow(['李四', '110105194912310036', 'U001']);
    });
    const { rows } = await readAll('xlsx', file);
    expect(rows[0]?.values.idNumber).not.toMatch(/e/i);
    expect(rows[0]?.problems).toEqual([
      {
        column: 'idNumber',
        code: 'ID_NUMBER_AS_NUMBER',
        message: expect.stringContaining('number'),
        messageZh: '身份证号单元格是数字格式，后几位可能已丢失，请设为文本格式',
      },
    ]);
    expect(rows[1]?.problems).toEqual([]);
  });

  it('keeps Chinese text whole across compressed chunk boundaries', async () => {
    const names = Array.from({ length: 5000 }, (_, index) => `欧阳娜娜${index}号张伟明`);
    const file = await xlsx((sheet) => {
      sheet.addRow(['姓名', '身份证号', '单位代码', '住址']);
      names.forEach((name, index) =>
        sheet.addRow([name, '11010519491231002X', 'U001', `幸福街道和平社区${index}号楼`]),
      );
    });
    const { rows } = await readAll('xlsx', trickle(file, 16_384));
    expect(rows.map((row) => row.values.name)).toEqual(names);
    expect(rows.filter((row) => row.values.address.includes('\ufffd'))).toEqual([]);
  });

  it('skips a merged title and refuses cells merged over several data rows, after reading them', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['2027年春节慰问对象名单']);
      sheet.mergeCells('A1:D1');
      sheet.addRow(['姓名', '身份证号', '单位代码', '住址']);
      sheet.addRow(['张伟', '11010519491231002X', 'U001', '幸福路1号']);
      sheet.addRow(['张小伟', '110105194912310036', 'U001']);
      sheet.mergeCells('D3:D4');
    });
    const rows: RawRow[] = [];
    const error = await fileError(readAll('xlsx', file, rows));
    expect(error.code).toBe('NOT_A_TABLE');
    expect(error.messageZh).toContain('D3:D4');
    expect(rows.map((row) => row.rowNumber)).toEqual([3, 4]);

    const titleOnly = await xlsx((sheet) => {
      sheet.addRow(['2027年春节慰问对象名单']);
      sheet.mergeCells('A1:C1');
      sheet.addRow(['姓名', '身份证号', '单位代码']);
      sheet.addRow(['张伟', '11010519491231002X', 'U001']);
    });
    expect((await readAll('xlsx', titleOnly)).rows.map((row) => row.rowNumber)).toEqual([3]);
  });

  it('refuses 200 columns', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(
        Array.from({ length: 200 }, (_, index) => (index < 3 ? ['姓名', '身份证号', '单位代码'][index] : `列${index}`)),
      );
    });
    expect((await fileError(readAll('xlsx', file))).code).toBe('TOO_MANY_COLUMNS');
  });

  it('reports a cut-off file instead of hanging, in one piece or trickling in', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['姓名', '身份证号', '单位代码']);
      for (let index = 0; index < 10_000; index++) sheet.addRow([`张伟${index}`, '11010519491231002X', 'U001']);
    });
    const half = file.subarray(0, file.length >> 1);
    for (const bytes of [half, trickle(half)]) {
      expect(['TRUNCATED', 'UNREADABLE']).toContain((await fileError(readAll('xlsx', bytes))).code);
    }
  });

  it('reports a cut-off file before any row, also when the sheet would be streamed (shared strings first)', async () => {
    const file = minimalXlsx(12_000);
    expect((await readAll('xlsx', trickle(file))).rows).toHaveLength(12_000);
    const sheetStart = file.indexOf(utf8('xl/worksheets/sheet1.xml'));
    const rows: RawRow[] = [];
    const cut = file.subarray(0, sheetStart + Math.floor((file.length - sheetStart) / 2));
    expect((await fileError(readAll('xlsx', trickle(cut), rows))).code).toBe('TRUNCATED');
    expect(rows).toEqual([]);
  });

  it('reports a complete file with damaged data instead of hanging', async () => {
    const file = minimalXlsx(12_000);
    const sheetStart = file.indexOf(utf8('xl/worksheets/sheet1.xml'));
    for (const offset of [100, 20_000]) {
      // 100: the deflate data itself is broken (a zlib error); 20000: it inflates to broken XML
      const damaged = Buffer.from(file);
      for (let index = 0; index < 64; index++) damaged[sheetStart + offset + index] = (index * 97 + offset) & 0xff;
      const rows: RawRow[] = [];
      expect((await fileError(readAll('xlsx', damaged, rows))).code).toBe('UNREADABLE');
      expect(rows.length).toBeLessThan(12_000);
    }
  });

  it('reports a zip that is not a workbook', async () => {
    const zip = buildZip([['readme.txt', '这不是表格']]);
    expect((await fileError(readAll('xlsx', zip))).code).toBe('NOT_A_TABLE');
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(4000)]);
    expect(['UNREADABLE', 'TRUNCATED']).toContain((await fileError(readAll('xlsx', broken))).code);
  });

  it('reads a zip sent as "csv" as the workbook it is', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['姓名', '身份证号', '单位代码']);
      sheet.addRow(['张伟', '11010519491231002X', 'U001']);
    });
    expect((await readAll('csv', file)).rows).toHaveLength(1);
  });
});

describe('readRegistryRows on a big xlsx (over 8 MB: the streaming reader)', { timeout: 60_000 }, () => {
  // 100,000 rows read by a process whose heap is capped well below what holding them would take:
  // the rows must be let go as they are read. The sheet is streamed from the zip when the shared
  // strings come first, and parked in a temporary file when they come after it (as Excel writes).
  it.each(['shared strings first', 'sheet first'] as const)('reads every row in flat memory: %s', async (order) => {
    const rowCount = 100_000;
    const directory = await mkdtemp(path.join(tmpdir(), 'wennuan-big-xlsx-'));
    try {
      const file = path.join(directory, 'big.xlsx');
      const bytes = bigXlsx(rowCount, order === 'sheet first');
      expect(bytes.length).toBeGreaterThan(8 * 1024 * 1024);
      await writeFile(file, bytes);
      const { stdout } = await readInChild(file, 64);
      expect(JSON.parse(stdout)).toEqual({
        rows: rowCount,
        first: { rowNumber: 2, name: '张伟2', unitCode: 'U001' },
        last: { rowNumber: rowCount + 1, name: `张伟${rowCount + 1}`, unitCode: 'U001' },
        problems: 0,
      });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('temporary copies of an upload', { timeout: 60_000 }, () => {
  // ExcelJS parks a sheet that comes before the shared strings in a temporary file, and removes it
  // only when it reaches the end of a sound workbook (or the process exits): a damaged upload would
  // leave a copy of people's data on disk for as long as the server runs.
  it('leaves none behind when a big workbook turns out to be damaged after its sheet was parked', async () => {
    await withTemporaryFolderAsTmpdir(async (directory) => {
      const file = bigXlsx(20_000, true);
      const sheetStart = file.indexOf(utf8('xl/worksheets/sheet1.xml'));
      const damaged = Buffer.from(file);
      for (let index = 0; index < 64; index++) damaged[sheetStart + 20_000 + index] = (index * 97) & 0xff;
      expect((await fileError(readAll('xlsx', damaged))).code).toBe('UNREADABLE');
      expect(await readdir(directory)).toEqual([]);
    });
  });
});

/** Reads a file with readRegistryRows in a child process whose V8 heap is capped at `heapMegabytes`. */
async function readInChild(file: string, heapMegabytes: number): Promise<{ stdout: string }> {
  const module = fileURLToPath(new URL('./import-file.ts', import.meta.url));
  const script = `
    import { createReadStream } from 'node:fs';
    import { readRegistryRows } from ${JSON.stringify(module)};
    const brief = (row) => ({ rowNumber: row.rowNumber, name: row.values.name, unitCode: row.values.unitCode });
    let rows = 0, problems = 0, first = null, last = null;
    for await (const row of readRegistryRows({ kind: 'xlsx', stream: createReadStream(process.argv[1]) })) {
      rows += 1;
      problems += row.problems.length;
      first ??= brief(row);
      last = brief(row);
    }
    console.log(JSON.stringify({ rows, first, last, problems }));
  `;
  const args = [
    `--max-old-space-size=${heapMegabytes}`,
    '--import',
    'tsx',
    '--input-type=module',
    '--eval',
    script,
    file,
  ];
  return promisify(execFile)(process.execPath, args, { maxBuffer: 1024 * 1024 });
}

describe('writeTemplateXlsx', () => {
  it('round-trips through readRegistryRows with all 8 columns recognized', async () => {
    const { rows, header } = await readAll('xlsx', await writeTemplateXlsx());
    expect(header).toEqual({
      columns: ['name', 'idNumber', 'phone', 'unitCode', 'categories', 'address', 'householdSize', 'hardship'],
      extraColumns: [],
      header: ['姓名', '身份证号', '联系电话', '单位代码', '类别', '住址', '家庭人口', '困难情况'],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      rowNumber: 2,
      values: { idNumber: '11010519491231002X', householdSize: '3' },
      problems: [],
    });
  });

  it('has bold headers, text-formatted ID and phone columns, and a 说明 sheet listing the categories', async () => {
    const workbook = new ExcelJS.Workbook();
    const template = await writeTemplateXlsx({ categories: ['城市低保', '困难职工'] });
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    const [sheet, instructions] = workbook.worksheets;
    expect(sheet?.getCell('A1').font?.bold).toBe(true);
    expect(sheet?.getColumn(2).numFmt).toBe('@');
    expect(sheet?.getColumn(3).numFmt).toBe('@');
    expect(sheet?.getColumn(2).width).toBeGreaterThanOrEqual(20);
    expect(instructions?.name).toBe('说明');
    const text = JSON.stringify(instructions?.getSheetValues());
    for (const column of TEMPLATE_COLUMNS) expect(text).toContain(column.header);
    expect(text).toContain('城市低保、困难职工');
  });
});

describe('splitCategories', () => {
  it('splits on 、 , ; ， ； and whitespace, dropping empties and repeats', () => {
    expect(splitCategories('城市低保、残疾人')).toEqual(['城市低保', '残疾人']);
    expect(splitCategories('城市低保,残疾人；孤儿 空巢老人;困难职工，百岁老人')).toEqual([
      '城市低保',
      '残疾人',
      '孤儿',
      '空巢老人',
      '困难职工',
      '百岁老人',
    ]);
    expect(splitCategories(' 城市低保、、残疾人\u3000残疾人 ')).toEqual(['城市低保', '残疾人']);
    expect(splitCategories('')).toEqual([]);
  });
});

describe('safeCell', () => {
  it('prefixes what a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+8613800138000', '-5', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(safeCell(value)).toBe(`'${value}`);
    }
    for (const value of ['张伟', '', '1=1', "'already"]) expect(safeCell(value)).toBe(value);
  });
});
