/**
 * Reading registry import files (the 8-column template, as CSV or xlsx) row by row, with memory
 * that stays flat however long the file is, and writing the template itself.
 *
 * Contract for callers: rows are yielded as they are read, and some problems of the file as a whole
 * only show at its end (merged cells: their list sits after the rows in the sheet; a zip damaged
 * half-way). The generator then throws a RegistryFileError after having yielded rows, so an import
 * must be all-or-nothing (one transaction per file). The input stream is always read to its end, also on
 * errors and early exits, so an upload stream never stalls its request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createWriteStream, createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform, pipeline, type TransformCallback } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { RegistryFileError } from './registry-file-error.ts';
import { assertXlsxUnpacksAsDeclared, checkXlsxArchive, truncatedXlsx } from './xlsx-archive.ts';

export type TemplateColumn =
  'name' | 'idNumber' | 'phone' | 'unitCode' | 'categories' | 'address' | 'householdSize' | 'hardship';

export interface TemplateColumnSpec {
  key: TemplateColumn;
  header: string;
  required: boolean;
  /** other headers seen in the wild for the same column */
  aliases: readonly string[];
  /** Excel column width in characters */
  width: number;
  /** formatted as text in the template, so Excel keeps leading zeros and all 18 digits */
  isText: boolean;
  description: string;
}

export const TEMPLATE_COLUMNS: readonly TemplateColumnSpec[] = [
  {
    key: 'name',
    header: '姓名',
    required: true,
    aliases: ['名字', '对象姓名', '慰问对象姓名', '户主姓名'],
    width: 12,
    isText: true,
    description: '必填。与身份证一致的姓名。',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    required: true,
    aliases: ['身份证号码', '身份证', '公民身份号码', '身份证件号码', '证件号码'],
    width: 22,
    isText: true,
    description: '必填。18位居民身份证号，末位可以是X。本列须为文本格式，否则Excel会丢掉后几位数字。',
  },
  {
    key: 'phone',
    header: '联系电话',
    required: false,
    aliases: ['电话', '手机', '手机号', '手机号码', '电话号码', '联系方式'],
    width: 16,
    isText: true,
    description: '选填。手机或座机号码。',
  },
  {
    key: 'unitCode',
    header: '单位代码',
    required: true,
    aliases: ['单位编码', '单位编号'],
    width: 14,
    isText: true,
    description: '必填。对象所属单位（社区、村、分公司等）在本系统中的单位代码，只能填您管辖范围内的单位。',
  },
  {
    key: 'categories',
    header: '类别',
    required: false,
    aliases: ['对象类别', '人员类别', '困难类别', '慰问类别'],
    width: 20,
    isText: false,
    description: '选填。困难类别，可填多个，用顿号、逗号、分号或空格隔开，如“城市低保、残疾人”。',
  },
  {
    key: 'address',
    header: '住址',
    required: false,
    aliases: ['家庭住址', '地址', '居住地址', '现住址', '家庭地址'],
    width: 32,
    isText: false,
    description: '选填。现居住地址，入户走访时使用。',
  },
  {
    key: 'householdSize',
    header: '家庭人口',
    required: false,
    aliases: ['家庭人口数', '家庭人数', '人口', '户人口数', '家庭成员人数'],
    width: 10,
    isText: false,
    description: '选填。家庭共同生活人数，1至50的整数。',
  },
  {
    key: 'hardship',
    header: '困难情况',
    required: false,
    aliases: ['困难原因', '致困原因', '家庭困难情况', '主要困难'],
    width: 40,
    isText: false,
    description: '选填。简要说明家庭困难情况（属个人敏感信息，仅经办人员可见）。',
  },
];

/** The hardship categories seeded by migration 0002, shown in the template's 说明 sheet. */
export const DEFAULT_CATEGORIES: readonly string[] = [
  '城市低保',
  '农村低保',
  '低保边缘',
  '特困人员',
  '重点优抚对象',
  '孤儿',
  '残疾人',
  '困难职工',
  '百岁老人',
  '空巢老人',
  '留守儿童',
];

/** The example row's ID (the GB 11643 example): an import can refuse it if a user left the row in. */
export const TEMPLATE_EXAMPLE_ID_NUMBER = '11010519491231002X';

export const MAX_COLUMNS = 100;
/** Title rows (“2027年春节慰问对象名单”) above the header are skipped, up to this many. */
export const HEADER_SEARCH_ROWS = 10;

const HEAD_BYTES = 64 * 1024;
const MAX_LINE_CHARS = 1_000_000;
const MAX_RECORD_CHARS = 1_000_000;

export { RegistryFileError, type RegistryFileErrorCode } from './registry-file-error.ts';

export type CellProblemCode = 'ID_NUMBER_AS_NUMBER' | 'FORMULA_WITHOUT_RESULT' | 'CELL_ERROR';

/** Why a row cannot be taken as it is, found while reading the file (before any domain check). */
export interface CellProblem {
  column: TemplateColumn;
  code: CellProblemCode;
  message: string;
  messageZh: string;
}

export type RawRow = {
  /** 1-based, as the user sees it in Excel; the header is row 1 (or lower, below title rows) */
  rowNumber: number;
  /** trimmed cell texts; '' for a column the file does not have */
  values: Record<TemplateColumn, string>;
  /** every cell of the row as text, padded to the header's width: for error reports */
  original: string[];
  /** a row with problems must be rejected with their reasons */
  problems: CellProblem[];
};

export interface HeaderInfo {
  /** the template columns found, in file order */
  columns: TemplateColumn[];
  /** non-empty headers that are no template column: ignored */
  extraColumns: string[];
  header: string[];
}

export interface RegistryFileInput {
  kind: 'csv' | 'xlsx';
  stream: NodeJS.ReadableStream;
}

/**
 * The data rows of a registry file, header resolved. `kind` is a hint: the content decides (a zip
 * is read as xlsx, text as CSV), since users rename files.
 */
export async function* readRegistryRows(
  input: RegistryFileInput,
  onHeader?: (info: HeaderInfo) => void,
): AsyncGenerator<RawRow> {
  const source = new ByteSource(input.stream);
  try {
    const head = await source.readHead(HEAD_BYTES);
    const sheet = head.length === 0 ? null : openSheet(source, head);
    if (sheet === null) throw emptyFile();
    yield* shapeRows(sheet, onHeader);
  } finally {
    await source.drain();
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes in

/**
 * The input read once: a head to sniff the format, then the same bytes again as a stream. Reads
 * through one iterator so that `drain` can finish the input after the parsers are done with it.
 */
class ByteSource {
  private readonly chunks: AsyncIterator<Buffer | string>;
  private head: Buffer = Buffer.alloc(0);
  private isEnded = false;
  inputError: unknown = undefined;

  constructor(stream: NodeJS.ReadableStream) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  async readHead(minBytes: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    while (length < minBytes) {
      const chunk = await this.pull();
      if (chunk === null) break;
      parts.push(chunk);
      length += chunk.length;
    }
    this.head = Buffer.concat(parts);
    return this.head;
  }

  /** The whole input from its first byte (call once). */
  body(): Readable {
    return Readable.from(this.bodyChunks(), { objectMode: false });
  }

  async drain(): Promise<void> {
    while (!this.isEnded) {
      try {
        await this.pull();
      } catch {
        return;
      }
    }
  }

  private async *bodyChunks(): AsyncGenerator<Buffer> {
    if (this.head.length > 0) yield this.head;
    for (;;) {
      const chunk = await this.pull();
      if (chunk === null) return;
      yield chunk;
    }
  }

  private async pull(): Promise<Buffer | null> {
    if (this.isEnded) return null;
    try {
      const next = await this.chunks.next();
      if (next.done) {
        this.isEnded = true;
        return null;
      }
      return Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    } catch (error) {
      this.isEnded = true;
      this.inputError = error;
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sheets: the rows of a CSV file or of the first worksheet of an xlsx file, as texts

interface SheetCell {
  text: string;
  /** an xlsx cell holding a number (not a date) */
  isNumber?: boolean;
  /** a CSV cell in scientific notation, as Excel saves a long number it shows as 3.20684E+17 */
  isScientific?: boolean;
  problem?: { kind: 'formula-without-result' } | { kind: 'error-value'; detail: string };
}

interface SheetRow {
  rowNumber: number;
  cells: SheetCell[];
  /** up to the last non-empty cell, which may be beyond MAX_COLUMNS (cells are not kept there) */
  width: number;
}

interface SheetSummary {
  /** merged ranges as row spans, e.g. A5:A7 → { ref: 'A5:A7', top: 5, bottom: 7 } */
  mergedRanges: MergedRange[];
}

interface MergedRange {
  ref: string;
  top: number;
  bottom: number;
}

type SheetRows = AsyncGenerator<SheetRow, SheetSummary, undefined>;

const EMPTY_CELL: SheetCell = { text: '' };

function openSheet(source: ByteSource, head: Buffer): SheetRows | null {
  const format = sniffFormat(head);
  if (format === 'zip') return readXlsxRows(source);
  if (format === 'ole') {
    throw new RegistryFileError(
      'NOT_A_TABLE',
      'this is an old .xls workbook: save it as .xlsx or CSV',
      '这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入',
    );
  }
  if (format === 'binary') throw notATable();
  const encoding = detectTextEncoding(head);
  const sample = iconv.decode(head, encoding);
  if (sample.trim() === '') return null;
  if (/^\s*</.test(sample)) {
    throw new RegistryFileError(
      'NOT_A_TABLE',
      'this is a web page or XML file, not a table: open it in Excel and save it as .xlsx',
      '这是网页（HTML）或 XML 格式的文件，不是表格，请用 Excel 打开后另存为 .xlsx 再导入',
    );
  }
  return readCsvRows(source, encoding, detectDelimiter(sample));
}

/**
 * What a stored file is read as: its first bytes decide, not its name (users rename files). The
 * import sends every workbook to a worker thread, so a zip named .csv must be known for one.
 */
export async function detectFileKind(file: string): Promise<'csv' | 'xlsx'> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return sniffFormat(head.subarray(0, bytesRead)) === 'zip' ? 'xlsx' : 'csv';
  } finally {
    await handle.close();
  }
}

function sniffFormat(head: Buffer): 'zip' | 'ole' | 'binary' | 'text' {
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'zip';
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x05, 0x06]))) return 'zip';
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'ole';
  if (hasUtf16Bom(head)) return 'text';
  return looksBinary(head) ? 'binary' : 'text';
}

function hasUtf16Bom(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/** NUL bytes, or more than 1% control characters: no text editor or spreadsheet wrote this. */
function looksBinary(head: Buffer): boolean {
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) {
      controls += 1;
    }
  }
  return controls > 1 && controls > head.length * 0.01;
}

type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

/**
 * UTF-8 with or without BOM; UTF-16 with BOM (Excel's “Unicode text”); anything else is taken as
 * GBK, which is what Excel and WPS write on Chinese Windows (GB18030 is a superset of it). The
 * header holds Chinese, so its bytes decide: GBK Chinese is never valid UTF-8.
 */
export function detectTextEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  try {
    // stream: true holds back a character cut at the end of the head instead of calling it invalid
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** Comma, or tab when the first line has more tabs than commas (Excel's “text (tab delimited)”). */
function detectDelimiter(sample: string): ',' | '\t' {
  const firstLine = sample.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const tabs = firstLine.split('\t').length - 1;
  const commas = firstLine.split(',').length - 1;
  return tabs > commas ? '\t' : ',';
}

// ---------------------------------------------------------------------------------------------
// CSV

async function* readCsvRows(source: ByteSource, encoding: TextEncoding, delimiter: string): SheetRows {
  const parser = parse({
    delimiter,
    bom: true,
    trim: true,
    relax_column_count: true,
    // a stray quote inside a field (幸福里"3号楼") is kept as text rather than failing the file
    relax_quotes: true,
    // empty lines are skipped below, not here, so that row numbers stay those Excel shows
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  pipeline(source.body(), iconv.decodeStream(encoding), new LineLengthGuard(MAX_LINE_CHARS), parser, () => {
    // errors reach the loop below through the parser
  });
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      const cells = record.map(readCsvCell);
      yield { rowNumber, cells: cells.slice(0, MAX_COLUMNS), width: effectiveWidth(cells) };
    }
  } catch (error) {
    throw csvError(error, source, rowNumber + 1);
  } finally {
    parser.destroy();
  }
  return { mergedRanges: [] };
}

function readCsvCell(text: string): SheetCell {
  const cleaned = cleanText(text);
  return /^\d+(\.\d+)?E\+\d+$/i.test(cleaned) ? { text: cleaned, isScientific: true } : { text: cleaned };
}

/** Fails a “line” of a million characters without a line break: binary data or a runaway quote. */
class LineLengthGuard extends Transform {
  private sinceBreak = 0;

  constructor(private readonly limit: number) {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const lastBreak = text.lastIndexOf('\n');
    this.sinceBreak = lastBreak === -1 ? this.sinceBreak + text.length : text.length - lastBreak - 1;
    if (this.sinceBreak > this.limit) {
      callback(
        new RegistryFileError(
          'NOT_A_TABLE',
          `a line of the file is longer than ${this.limit} characters`,
          `文件中有一行超过${this.limit}个字符，不是有效的表格`,
        ),
      );
      return;
    }
    callback(null, text);
  }
}

function csvError(error: unknown, source: ByteSource, rowNumber: number): unknown {
  if (error instanceof RegistryFileError || error === source.inputError) return error;
  if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new RegistryFileError(
      'UNREADABLE',
      `a quote opened at row ${rowNumber} is never closed`,
      `第${rowNumber}行开始的引号没有闭合，文件可能不完整或格式有误`,
      { cause: error },
    );
  }
  if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
    return new RegistryFileError(
      'UNREADABLE',
      `row ${rowNumber} is longer than ${MAX_RECORD_CHARS} characters`,
      `第${rowNumber}行超过${MAX_RECORD_CHARS}个字符`,
      { cause: error },
    );
  }
  return new RegistryFileError(
    'UNREADABLE',
    `the CSV file cannot be read near row ${rowNumber}: ${error instanceof Error ? error.message : String(error)}`,
    `CSV 文件在第${rowNumber}行附近无法读取，请检查格式`,
    { cause: error },
  );
}

// ---------------------------------------------------------------------------------------------
// xlsx

/**
 * The parts of ExcelJS's streaming reader used here that its typings do not show. Two of its
 * methods are wrapped on our reader instance (never globally):
 * - it decodes each compressed chunk as UTF-8 on its own, so a character cut between two chunks
 *   turns into U+FFFD: 张伟明 became 张伟�� once every ~30k rows. Chunks are decoded with a
 *   streaming decoder before they reach it.
 * - it skips <mergeCell>; the sheet's text is scanned for them on the way.
 */
interface WorkbookReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<Buffer | string>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: unknown }>;
  model?: { sheets?: { name?: string }[] };
  properties?: unknown;
}

interface WorksheetHandle {
  merges: MergeScanner;
  /** a temporary file stream when ExcelJS parked the sheet on disk */
  raw: AsyncIterable<Buffer | string>;
}

interface WorksheetReaderLike extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

/**
 * The upload is copied to a private temporary file first. ExcelJS parks sheets in temporary files
 * of its own and deletes them only once it reaches the end of a complete zip, so a cut-off upload
 * or a dropped connection would leave copies of personal data behind; with a complete local copy
 * a cut-off file is told by its missing end record before ExcelJS starts. Memory stays flat either
 * way: ExcelJS needs the whole zip before it can read a sheet that precedes the shared strings,
 * which is the order Excel writes.
 */
async function* readXlsxRows(source: ByteSource): SheetRows {
  const directory = await mkdtemp(path.join(tmpdir(), 'wennuan-import-'));
  const parked = new Set<string>();
  let body: Readable | undefined;
  try {
    const file = path.join(directory, 'upload.xlsx');
    await pipelineAsync(source.body(), createWriteStream(file, { mode: 0o600 }));
    const archive = await checkXlsxArchive(file);
    await assertXlsxUnpacksAsDeclared(file, archive);
    // Files of ordinary size are read whole, by ExcelJS's full reader: its streaming reader, which big
    // files need to keep memory flat, has been seen (rarely, under load) to report a complete file
    // as missing its shared strings.
    const isOrdinarySize =
      (await stat(file)).size <= WHOLE_READ_MAX_BYTES && archive.unpackedBytes <= WHOLE_READ_MAX_UNPACKED_BYTES;
    if (isOrdinarySize) return yield* readWholeWorkbookRows(file);
    body = createReadStream(file);
    return yield* readWorkbookRows(body, parked);
  } finally {
    body?.destroy();
    await rm(directory, { recursive: true, force: true });
    // never hides the reading's own error (a file still open cannot be removed on every system)
    await Promise.all([...parked].map((parkedFile) => rm(parkedFile, { force: true }).catch(() => undefined)));
  }
}

/**
 * ExcelJS parks a sheet that comes before the shared strings in a temporary file of the `tmp`
 * package, and removes it only when it reaches the end of a sound workbook or the process exits: a
 * damaged upload would leave a copy of people's data on disk for as long as the server runs. Each
 * reading notes the files made on its behalf (the calls come from inside its own steps, so the
 * async context tells whose they are) and removes them itself.
 */
const parkedFilesOfReading = new AsyncLocalStorage<Set<string>>();

function noteParkedFiles(): void {
  const requireFromExcelJs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
  const tmpOfExcelJs = requireFromExcelJs('tmp') as { file: (...args: unknown[]) => unknown };
  const makeFile = tmpOfExcelJs.file;
  tmpOfExcelJs.file = function (this: unknown, ...args: unknown[]) {
    const parked = parkedFilesOfReading.getStore();
    const callback = args.at(-1);
    if (!parked || typeof callback !== 'function') return makeFile.apply(this, args);
    const noting = (error: unknown, file: unknown, ...rest: unknown[]) => {
      if (!error && typeof file === 'string') parked.add(file);
      return (callback as (...values: unknown[]) => unknown)(error, file, ...rest);
    };
    return makeFile.apply(this, [...args.slice(0, -1), noting]);
  };
}
noteParkedFiles();

const WHOLE_READ_MAX_BYTES = 8 * 1024 * 1024;
/** The whole reader holds every part unpacked in memory at once. */
const WHOLE_READ_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

async function* readWholeWorkbookRows(file: string): SheetRows {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw xlsxError(error);
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) {
    throw new RegistryFileError(
      'NOT_A_TABLE',
      'the file is a zip archive but holds no worksheet',
      '文件中没有工作表，不是有效的 Excel（.xlsx）文件',
    );
  }
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(readXlsxRow(row));
  });
  yield* rows;
  const merges = ((worksheet.model as { merges?: string[] }).merges ?? []).map(toMergedRange);
  return { mergedRanges: merges };
}

function toMergedRange(ref: string): MergedRange {
  const [start = '', end = start] = ref.split(':');
  const rowOf = (cell: string) => Number(/\d+$/.exec(cell)?.[0] ?? 0);
  return { ref, top: rowOf(start), bottom: rowOf(end) };
}

async function* readWorkbookRows(body: Readable, parked: Set<string>): SheetRows {
  const abort = new Abort();
  watchForFailures(body, abort);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(body, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const handles = patchReader(reader as unknown as WorkbookReaderInternals);
  const internals = reader as unknown as WorkbookReaderInternals;
  const worksheets = reader[Symbol.asyncIterator]() as AsyncIterator<WorksheetReaderLike>;
  let summary: SheetSummary | null = null;
  let current: WorksheetHandle | undefined;
  let isSettled = false;
  try {
    for (;;) {
      const next = await xlsxStep(
        parkedFilesOfReading.run(parked, () => worksheets.next()),
        abort,
      );
      if (next.done) break;
      const handle = handles.get(next.value);
      if (summary !== null || !isFirstWorksheet(internals, next.value)) {
        releaseWorksheet(handle);
        continue;
      }
      current = handle;
      summary = yield* readWorksheetRows(next.value, handle, abort);
      current = undefined;
    }
    isSettled = true;
  } finally {
    if (!isSettled) await abandonWorkbook(worksheets, current, handles, abort, parked);
  }
  if (summary === null) {
    throw new RegistryFileError(
      'NOT_A_TABLE',
      'the file is a zip archive but holds no worksheet',
      '文件中没有工作表，不是有效的 Excel（.xlsx）文件',
    );
  }
  return summary;
}

async function* readWorksheetRows(
  worksheet: WorksheetReaderLike,
  handle: WorksheetHandle | undefined,
  abort: Abort,
): SheetRows {
  const rows = worksheet[Symbol.asyncIterator]();
  for (;;) {
    const next = await xlsxStep(rows.next(), abort);
    if (next.done) break;
    yield readXlsxRow(next.value);
  }
  return { mergedRanges: handle?.merges.ranges() ?? [] };
}

/**
 * After an error or an early exit. A sheet ExcelJS parked in a temporary file is closed and the
 * workbook run to its end, which deletes those files; a sheet streamed from the zip is left alone,
 * since resuming would buffer the rest of it in memory.
 */
async function abandonWorkbook(
  worksheets: AsyncIterator<WorksheetReaderLike>,
  current: WorksheetHandle | undefined,
  handles: WeakMap<object, WorksheetHandle>,
  abort: Abort,
  parked: Set<string>,
): Promise<void> {
  if (abort.hasFailed || (current !== undefined && !isParkedOnDisk(current))) return;
  releaseWorksheet(current);
  try {
    for (;;) {
      const next = await abort.race(parkedFilesOfReading.run(parked, () => worksheets.next()));
      if (next.done) return;
      releaseWorksheet(handles.get(next.value));
    }
  } catch {
    // the file's own error has been reported already
  }
}

function isParkedOnDisk(handle: WorksheetHandle): boolean {
  return handle.raw instanceof Readable;
}

function releaseWorksheet(handle: WorksheetHandle | undefined): void {
  if (handle && handle.raw instanceof Readable) handle.raw.destroy();
}

function isFirstWorksheet(internals: WorkbookReaderInternals, worksheet: WorksheetReaderLike): boolean {
  const names = (internals.model?.sheets ?? []).map((sheet) => sheet.name);
  // workbook.xml may come after the sheets in the zip; then the first sheet that comes is taken
  if (names.length === 0 || !names.includes(worksheet.name)) return true;
  return worksheet.name === names[0];
}

function patchReader(internals: WorkbookReaderInternals): WeakMap<object, WorksheetHandle> {
  const parseSharedStrings = internals._parseSharedStrings;
  const parseWorksheet = internals._parseWorksheet;
  if (typeof parseSharedStrings !== 'function' || typeof parseWorksheet !== 'function') {
    throw new Error('exceljs streaming reader internals changed: review import-file.ts');
  }
  const handles = new WeakMap<object, WorksheetHandle>();
  internals._parseSharedStrings = function (this: WorkbookReaderInternals, entry) {
    return parseSharedStrings.call(this, Readable.from(decodeUtf8(entry)));
  };
  internals._parseWorksheet = function* (this: WorkbookReaderInternals, iterator, sheetNo) {
    const merges = new MergeScanner();
    for (const event of parseWorksheet.call(this, decodeUtf8(iterator, merges), sheetNo)) {
      if (event.eventType === 'worksheet' && typeof event.value === 'object' && event.value !== null) {
        handles.set(event.value, { merges, raw: iterator });
      }
      yield event;
    }
  };
  // ExcelJS reads these while parsing a sheet; they stay unset when workbook.xml comes later.
  internals.model ??= { sheets: [] };
  internals.properties ??= {};
  return handles;
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>, merges?: MergeScanner): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    merges?.scan(text);
    if (text) yield text;
  }
  const rest = decoder.decode();
  merges?.scan(rest);
  if (rest) yield rest;
}

class MergeScanner {
  private readonly refs = new Set<string>();
  private tail = '';

  scan(text: string): void {
    // a tag may be cut between two chunks: keep the end of the previous one
    const window = this.tail + text;
    for (const match of window.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+\d+:[A-Z]+\d+)"/g)) {
      if (match[1]) this.refs.add(match[1]);
    }
    this.tail = window.slice(-200);
  }

  ranges(): MergedRange[] {
    return [...this.refs].map((ref) => {
      const [top, bottom] = ref.split(':').map((corner) => Number(/\d+$/.exec(corner)?.[0]));
      return { ref, top: top ?? 0, bottom: bottom ?? 0 };
    });
  }
}

/**
 * Rejects the step in progress when the zip parser or the file read fails, which ExcelJS does not
 * always pass on. Not a `Promise.race` against one promise that stays pending for the whole file:
 * every race leaves a reaction on that promise which keeps the race's result, a row, alive until
 * the file ends (a million rows held in memory). Here a step's rejecter is dropped once it settles.
 */
class Abort {
  hasFailed = false;
  private error: unknown = undefined;
  private readonly pending = new Set<(error: unknown) => void>();

  fail(error: unknown): void {
    if (this.hasFailed) return;
    this.hasFailed = true;
    this.error = error;
    for (const reject of this.pending) reject(error);
    this.pending.clear();
  }

  /** `step`, or the failure of the file if that comes first. */
  race<T>(step: Promise<T>): Promise<T> {
    if (this.hasFailed) {
      step.catch(() => {});
      return Promise.reject(this.error);
    }
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      step.then(
        (value) => {
          this.pending.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(reject);
          reject(error);
        },
      );
    });
  }
}

/**
 * ExcelJS pipes the file into its zip parser. When the zip is damaged, the parser emits an error
 * but the entry being read never ends, and ExcelJS waits for it forever: the error is caught here.
 */
function watchForFailures(body: Readable, abort: Abort): void {
  body.on('error', (error) => abort.fail(xlsxError(error)));
  const pipe = body.pipe.bind(body);
  body.pipe = (<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    destination.on('error', (error: unknown) => abort.fail(xlsxError(error)));
    return pipe(destination, options);
  }) as typeof body.pipe;
}

async function xlsxStep<T>(step: Promise<T>, abort: Abort): Promise<T> {
  try {
    return await abort.race(step);
  } catch (error) {
    abort.fail(error);
    throw xlsxError(error);
  }
}

function xlsxError(error: unknown): unknown {
  if (error instanceof RegistryFileError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (detail === 'FILE_ENDED' || code === 'Z_BUF_ERROR') return truncatedXlsx(error);
  return new RegistryFileError(
    'UNREADABLE',
    `the xlsx file cannot be read: ${detail}`,
    'Excel 文件已损坏或不是有效的 .xlsx 文件，请用 Excel 或 WPS 打开后重新保存再导入',
    { cause: error },
  );
}

function readXlsxRow(row: ExcelJS.Row): SheetRow {
  const cells: SheetCell[] = [];
  let width = 0;
  row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
    const read = readCellValue(cell.value, cell.numFmt);
    if (isBlank(read)) return;
    width = Math.max(width, columnNumber);
    if (columnNumber <= MAX_COLUMNS) cells[columnNumber - 1] = read;
  });
  return { rowNumber: row.number, cells: Array.from(cells, (cell) => cell ?? EMPTY_CELL), width };
}

function readCellValue(value: unknown, numFmt: string | undefined): SheetCell {
  if (value === null || value === undefined) return EMPTY_CELL;
  if (typeof value === 'string') return { text: cleanText(value) };
  if (typeof value === 'number') return readNumber(value, numFmt);
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: formatDate(value) };
  if (typeof value !== 'object') return { text: cleanText(String(value)) };
  if ('richText' in value && Array.isArray(value.richText)) {
    return { text: cleanText(value.richText.map((run: { text?: unknown }) => String(run.text ?? '')).join('')) };
  }
  if ('error' in value) return { text: '', problem: { kind: 'error-value', detail: String(value.error) } };
  if ('formula' in value || 'sharedFormula' in value) {
    return readFormulaResult('result' in value ? value.result : undefined, numFmt);
  }
  if ('sharedString' in value) {
    // only when the shared strings part is missing, i.e. the zip lost it
    throw new RegistryFileError(
      'TRUNCATED',
      'the xlsx file has no shared strings part',
      'Excel 文件不完整（缺少文字内容部分），请重新保存后再导入',
    );
  }
  if ('text' in value) return readCellValue(value.text, numFmt);
  return EMPTY_CELL;
}

function readFormulaResult(result: unknown, numFmt: string | undefined): SheetCell {
  if (result === undefined || result === null) return { text: '', problem: { kind: 'formula-without-result' } };
  // ExcelJS reads an error result (#N/A) as parseFloat('#N/A')
  if (typeof result === 'number' && Number.isNaN(result)) {
    return { text: '', problem: { kind: 'error-value', detail: '#N/A' } };
  }
  return readCellValue(result, numFmt);
}

function readNumber(value: number, numFmt: string | undefined): SheetCell {
  if (isDateFormat(numFmt)) return { text: formatDate(excelSerialToDate(value)) };
  return { text: formatNumber(value), isNumber: true };
}

/** Like Excel's display: integers in full (no 1.38E+10), fractions to 15 significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
  return value.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 });
}

function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhs]/i.test(bare);
}

function excelSerialToDate(serial: number): Date {
  // serial 25569 is 1970-01-01 in the 1900 date system
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  // ExcelJS builds dates in UTC from the serial number, so the UTC fields are the cell's date
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${date.getUTCFullYear()}-${month}-${day}`;
}

// ---------------------------------------------------------------------------------------------
// From sheet rows to registry rows

interface HeaderLayout {
  headerRowNumber: number;
  header: string[];
  indexOf: Map<TemplateColumn, number>;
}

const HEADER_LOOKUP: ReadonlyMap<string, TemplateColumn> = new Map(
  TEMPLATE_COLUMNS.flatMap((column) =>
    [column.header, ...column.aliases].map((text) => [normalizeHeader(text), column.key] as const),
  ),
);

async function* shapeRows(sheet: SheetRows, onHeader?: (info: HeaderInfo) => void): AsyncGenerator<RawRow> {
  let layout: HeaderLayout | null = null;
  let firstRow: SheetRow | null = null;
  let rowsBeforeHeader = 0;
  try {
    for (;;) {
      const next = await sheet.next();
      if (next.done) {
        if (layout === null) throw firstRow === null ? emptyFile() : missingColumns(firstRow);
        assertNoMergedDataCells(next.value.mergedRanges, layout.headerRowNumber);
        return;
      }
      const row = next.value;
      if (row.width === 0) continue;
      if (row.width > MAX_COLUMNS) throw tooManyColumns(row);
      if (layout !== null) {
        yield toRawRow(row, layout);
        continue;
      }
      firstRow ??= row;
      rowsBeforeHeader += 1;
      layout = findHeader(row);
      if (layout !== null) onHeader?.(headerInfo(layout));
      else if (rowsBeforeHeader >= HEADER_SEARCH_ROWS) throw missingColumns(firstRow);
    }
  } finally {
    await sheet.return({ mergedRanges: [] });
  }
}

/** The row is the header when it names at least two template columns; it must name all required ones. */
function findHeader(row: SheetRow): HeaderLayout | null {
  const header = row.cells.slice(0, row.width).map((cell) => cell.text);
  const indexOf = new Map<TemplateColumn, number>();
  header.forEach((text, index) => {
    const column = HEADER_LOOKUP.get(normalizeHeader(text));
    if (column === undefined) return;
    const earlier = indexOf.get(column);
    if (earlier !== undefined) throw duplicateColumn(header[earlier] ?? '', text);
    indexOf.set(column, index);
  });
  if (indexOf.size < 2) return null;
  const missing = TEMPLATE_COLUMNS.filter((column) => column.required && !indexOf.has(column.key));
  if (missing.length > 0) throw missingColumnsError(missing.map((column) => column.header));
  return { headerRowNumber: row.rowNumber, header, indexOf };
}

function headerInfo(layout: HeaderLayout): HeaderInfo {
  const columns = [...layout.indexOf.entries()].sort((a, b) => a[1] - b[1]).map(([column]) => column);
  const known = new Set(layout.indexOf.values());
  const extraColumns = layout.header.filter((text, index) => text !== '' && !known.has(index));
  return { columns, extraColumns, header: layout.header };
}

/** 姓名 / 姓 名 / *姓名 / 姓名（必填） / ＩＤ… all compare equal to their template header. */
function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s*:]/g, '')
    .replace(/\([^)]*\)$|【[^】]*】$|\[[^\]]*]$/, '');
}

function toRawRow(row: SheetRow, layout: HeaderLayout): RawRow {
  const width = Math.max(layout.header.length, row.width);
  const original = Array.from({ length: width }, (_, index) => row.cells[index]?.text ?? '');
  const values = {} as Record<TemplateColumn, string>;
  const problems: CellProblem[] = [];
  for (const column of TEMPLATE_COLUMNS) {
    const index = layout.indexOf.get(column.key);
    const cell = index === undefined ? EMPTY_CELL : (row.cells[index] ?? EMPTY_CELL);
    values[column.key] = cell.text;
    const problem = cellProblem(column, cell);
    if (problem) problems.push(problem);
  }
  return { rowNumber: row.rowNumber, values, original, problems };
}

function cellProblem(column: TemplateColumnSpec, cell: SheetCell): CellProblem | null {
  const { key, header } = column;
  if (cell.problem?.kind === 'formula-without-result') {
    return {
      column: key,
      code: 'FORMULA_WITHOUT_RESULT',
      message: `the ${header} cell is a formula without a saved result: recalculate and save in Excel, or paste values`,
      messageZh: `“${header}”单元格是公式且没有计算结果，请在 Excel 中重新计算并保存，或复制后“粘贴为数值”`,
    };
  }
  if (cell.problem?.kind === 'error-value') {
    return {
      column: key,
      code: 'CELL_ERROR',
      message: `the ${header} cell holds the error ${cell.problem.detail}`,
      messageZh: `“${header}”单元格是错误值（${cell.problem.detail}）`,
    };
  }
  if (key === 'idNumber' && cell.isNumber) {
    return {
      column: key,
      code: 'ID_NUMBER_AS_NUMBER',
      message: 'the ID number cell is formatted as a number, so its last digits may be lost: format it as text',
      messageZh: '身份证号单元格是数字格式，后几位可能已丢失，请设为文本格式',
    };
  }
  if (key === 'idNumber' && cell.isScientific) {
    return {
      column: key,
      code: 'ID_NUMBER_AS_NUMBER',
      message: 'the ID number was saved in scientific notation (3.20684E+17): its last digits are lost',
      messageZh: '身份证号被保存成了科学计数法（如3.20684E+17），后几位已丢失，请在Excel中设为文本格式后重新填写',
    };
  }
  return null;
}

function assertNoMergedDataCells(ranges: MergedRange[], headerRowNumber: number): void {
  // A cell merged over several rows holds its value in the first row only: the rows below would
  // silently get an empty address or unit. Merges across columns of one row, or above the
  // header (a title), lose nothing.
  const harmful = ranges.filter((range) => range.bottom > range.top && range.bottom > headerRowNumber);
  if (harmful.length === 0) return;
  const refs = harmful
    .slice(0, 5)
    .map((range) => range.ref)
    .join(', ');
  throw new RegistryFileError(
    'NOT_A_TABLE',
    `the sheet has cells merged over several rows (${refs}): unmerge them and fill every row`,
    `表格中有跨行合并的单元格（${refs}），合并后只有第一行有值，请取消合并并把每一行填完整后再导入`,
  );
}

function effectiveWidth(cells: readonly SheetCell[]): number {
  for (let index = cells.length - 1; index >= 0; index--) {
    const cell = cells[index];
    if (cell && !isBlank(cell)) return index + 1;
  }
  return 0;
}

function isBlank(cell: SheetCell): boolean {
  return cell.text === '' && cell.problem === undefined;
}

function cleanText(text: string): string {
  return text.replace(/^[\s\u200b]+|[\s\u200b]+$/g, '');
}

function emptyFile(): RegistryFileError {
  return new RegistryFileError('EMPTY_FILE', 'the file is empty', '文件是空的，没有任何内容');
}

function notATable(): RegistryFileError {
  return new RegistryFileError(
    'NOT_A_TABLE',
    'the file is neither CSV text nor an xlsx workbook',
    '文件既不是 CSV 文本也不是 Excel（.xlsx）表格，请使用下载的模板',
  );
}

function tooManyColumns(row: SheetRow): RegistryFileError {
  return new RegistryFileError(
    'TOO_MANY_COLUMNS',
    `row ${row.rowNumber} has ${row.width} columns; at most ${MAX_COLUMNS} are read`,
    `第${row.rowNumber}行有${row.width}列，超过了${MAX_COLUMNS}列的上限，请使用导入模板`,
  );
}

function missingColumns(firstRow: SheetRow): RegistryFileError {
  const found = new Set(firstRow.cells.map((cell) => HEADER_LOOKUP.get(normalizeHeader(cell.text))));
  const missing = TEMPLATE_COLUMNS.filter((column) => column.required && !found.has(column.key));
  return missingColumnsError(missing.map((column) => column.header));
}

function missingColumnsError(headers: string[]): RegistryFileError {
  const list = headers.join('、');
  return new RegistryFileError(
    'MISSING_COLUMNS',
    `required columns are missing: ${headers.join(', ')}`,
    `缺少必填列：${list}。请在第一行写明列名，可下载导入模板对照`,
  );
}

function duplicateColumn(first: string, second: string): RegistryFileError {
  const same = first === second ? `“${first}”出现了两次` : `“${first}”和“${second}”是同一列`;
  return new RegistryFileError(
    'NOT_A_TABLE',
    `two columns have the same meaning: "${first}" and "${second}"`,
    `表头中${same}，请只保留一列`,
  );
}

// ---------------------------------------------------------------------------------------------
// Cells in and out

/** 城市低保、残疾人 / 城市低保,残疾人 / 城市低保；残疾人 / 城市低保 残疾人 → two categories. */
export function splitCategories(cell: string): string[] {
  const categories = cell
    .normalize('NFKC')
    .split(/[、,;，；\s]+/)
    .filter((part) => part !== '');
  return [...new Set(categories)];
}

/**
 * A cell for an exported sheet: text starting with = + - @ (or a tab or CR) is what Excel would run
 * as a formula (CSV/formula injection), so it gets a leading single quote and stays text.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface TemplateOptions {
  /** the hardship categories to list in 说明; defaults to DEFAULT_CATEGORIES */
  categories?: readonly string[];
  /** the unit code in the example row */
  exampleUnitCode?: string;
}

/** The downloadable import template: the 8 columns, one example row, and a 说明 sheet. */
export async function writeTemplateXlsx(options: TemplateOptions = {}): Promise<Buffer> {
  const categories = options.categories ?? DEFAULT_CATEGORIES;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'wennuan';
  addTemplateSheet(workbook, categories, options.exampleUnitCode ?? '320684001');
  addInstructionSheet(workbook, categories);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addTemplateSheet(workbook: ExcelJS.Workbook, categories: readonly string[], unitCode: string): void {
  const sheet = workbook.addWorksheet('慰问对象名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width,
    // '@' (text) on the whole column: numbers typed later keep all their digits
    style: column.isText ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell, columnNumber) => {
    const column = TEMPLATE_COLUMNS[columnNumber - 1];
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column?.required ? 'FFFDE2E2' : 'FFEFEFEF' } };
    cell.note = column?.description ?? '';
  });
  const example: Record<TemplateColumn, string | number> = {
    name: '张三（示例，请删除本行）',
    idNumber: TEMPLATE_EXAMPLE_ID_NUMBER,
    phone: '13800138000',
    unitCode,
    categories: categories.slice(0, 2).join('、'),
    address: '幸福街道和平社区3号楼201室',
    householdSize: 3,
    hardship: '本人患慢性病长期就医，配偶无固定收入',
  };
  const row = sheet.addRow(example);
  row.font = { italic: true, color: { argb: 'FF808080' } };
}

function addInstructionSheet(workbook: ExcelJS.Workbook, categories: readonly string[]): void {
  const sheet = workbook.addWorksheet('说明');
  sheet.columns = [
    { header: '列名', key: 'header', width: 14 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'description', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const column of TEMPLATE_COLUMNS) {
    sheet.addRow({
      header: column.header,
      required: column.required ? '必填' : '选填',
      description: column.description,
    });
  }
  sheet.addRow([]);
  sheet.addRow(['可用类别', '', categories.join('、')]);
  sheet.addRow([]);
  const notes = [
    '1. 请在第一个工作表中填写，第一行为列名，从第二行起每行一人；列的顺序可以调整，多余的列会被忽略。',
    '2. 示例行（灰色斜体）仅供参考，导入前请删除。',
    '3. 身份证号、联系电话、单位代码三列已设为文本格式，请勿改为数字格式，也不要合并单元格。',
    '4. 也可以另存为 CSV（UTF-8 或 GBK 编码均可）后导入。',
    '5. 身份证号、困难情况属于个人敏感信息，请妥善保管本文件，导入完成后及时删除。',
  ];
  for (const note of notes) sheet.addRow([note]);
}
