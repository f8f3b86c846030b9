/**
 * The campaign plan (实施方案) as a Word document, laid out the way Chinese official plans are
 * (GB/T 9704 conventions, 篇五 as the model): title in 小标宋, first-level headings 一、二、… in 黑体,
 * body in 仿宋 三号 at a fixed 28 pt line pitch, the budget (慰问标准及资金) as a bordered table.
 * Chinese text is set through the East Asian font slot; the font table declares each font with a
 * common alternative so Word and WPS substitute sensibly where a font is missing.
 */
import * as docxRuntime from 'docx';
import { formatFen, sumFen, type Fen } from '../shared/money.ts';
import type { Budget, BudgetLine } from './budget.ts';
import type {
  Campaign,
  CampaignActivity,
  CampaignCategory,
  CampaignPhase,
  CategoryItemLine,
  CategoryLayer,
  MatchingFund,
} from './campaign.ts';
import { CATEGORY_LAYERS, LAYER_LABELS_ZH } from './campaign.ts';

// ---------------------------------------------------------------------------------------------
// The part of the docx API used here, typed by hand: docx 9.7.0 ships declaration files with
// extensionless relative imports, which resolve to nothing under "moduleResolution": "NodeNext"
// (https://github.com/dolanmiu/docx/issues/3453), so every named import is "no exported member".
// The runtime module is fine. Drop this block for plain named imports once docx's types are fixed.

declare const docxBrand: unique symbol;
interface Opaque<Name extends string> {
  readonly [docxBrand]: Name;
}
type Paragraph = Opaque<'Paragraph'>;
type Table = Opaque<'Table'>;
type TableRow = Opaque<'TableRow'>;
type TableCell = Opaque<'TableCell'>;
type TextRun = Opaque<'TextRun'>;
type Footer = Opaque<'Footer'>;
type DocxDocument = Opaque<'Document'>;

type Align = 'left' | 'center' | 'right' | 'both';
type Twips = { size: number; type: 'dxa' };
interface FontAttributes {
  eastAsia: string;
  ascii: string;
  hAnsi: string;
  cs?: string;
  hint?: 'eastAsia';
}
interface RunStyle {
  size?: number;
  bold?: boolean;
  font?: FontAttributes;
  language?: { value: string; eastAsia: string };
}
interface RunOptions extends RunStyle {
  text?: string;
  children?: string[];
}
interface ParagraphOptions {
  children: TextRun[];
  alignment?: Align;
  spacing?: { before?: number; after?: number; line?: number; lineRule?: 'auto' | 'exact' };
  indent?: { firstLine?: number; right?: number };
  keepNext?: boolean;
  outlineLevel?: number;
}
interface Border {
  style: 'single';
  size: number;
  color: string;
}
interface TableOptions {
  rows: TableRow[];
  width: Twips;
  columnWidths: number[];
  layout: 'fixed';
  alignment: Align;
  borders: Record<'top' | 'bottom' | 'left' | 'right' | 'insideHorizontal' | 'insideVertical', Border>;
}
interface TableRowOptions {
  children: TableCell[];
  tableHeader?: boolean;
  cantSplit?: boolean;
}
interface TableCellOptions {
  children: Paragraph[];
  verticalAlign?: 'top' | 'center' | 'bottom';
  margins?: { left: number; right: number; top: number; bottom: number };
  columnSpan?: number;
  width?: Twips;
}
interface PageMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
  header: number;
  footer: number;
}
interface DocumentOptions {
  title: string;
  creator: string;
  description: string;
  styles: { default: { document: { run: RunStyle } } };
  sections: {
    properties: { page: { size: { width: number; height: number }; margin: PageMargins } };
    footers: { default: Footer };
    children: (Paragraph | Table)[];
  }[];
}
interface DocxApi {
  Document: new (options: DocumentOptions) => DocxDocument;
  Paragraph: new (options: ParagraphOptions) => Paragraph;
  TextRun: new (options: RunOptions) => TextRun;
  Table: new (options: TableOptions) => Table;
  TableRow: new (options: TableRowOptions) => TableRow;
  TableCell: new (options: TableCellOptions) => TableCell;
  Footer: new (options: { children: Paragraph[] }) => Footer;
  PageNumber: { CURRENT: string };
  Packer: {
    toBuffer(document: DocxDocument, prettify: boolean, overrides: { path: string; data: string }[]): Promise<Buffer>;
  };
}

const docx = docxRuntime as unknown as DocxApi;

type Block = Paragraph | Table;

export const EMPTY_TEXT = '（未填写）';

const SECTION_TITLES = ['指导思想', '慰问对象', '慰问标准及资金', '时间安排', '工作要求', '责任单位'] as const;

// Fonts: the name Word looks up, and what it may fall back to (w:altName in the font table).
const LATIN_FONT = 'Times New Roman';
const FONTS = {
  title: { name: '方正小标宋简体', alt: '宋体' },
  heading: { name: '黑体', alt: 'SimHei' },
  body: { name: '仿宋', alt: 'FangSong' },
  kai: { name: '楷体', alt: 'KaiTi' },
  table: { name: '宋体', alt: 'SimSun' },
} as const;
type FontRole = keyof typeof FONTS;

// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt.
const SIZE = { title: 44, body: 32, footer: 28, table: 21 } as const;
const LINE_EXACT_28PT = { line: 560, lineRule: 'exact' } as const;
const FIRST_LINE_TWO_CHARS = { firstLine: 640 } as const;

// A4 with the official margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
const PAGE = {
  width: 11906,
  height: 16838,
  margin: {
    top: millimetresToTwips(37),
    bottom: millimetresToTwips(35),
    left: millimetresToTwips(28),
    right: millimetresToTwips(26),
    header: millimetresToTwips(15),
    footer: millimetresToTwips(20),
  },
} as const;
function millimetresToTwips(millimetres: number): number {
  return Math.floor((millimetres / 25.4) * 1440);
}

export async function renderPlanDocument(campaign: Campaign, budget: Budget): Promise<Buffer> {
  const document = new docx.Document({
    title: planTitle(campaign),
    creator: clean(campaign.organiserUnitName) || 'wennuan',
    description: `${campaign.year}年慰问活动实施方案`,
    styles: { default: { document: { run: defaultRun() } } },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } },
        footers: { default: pageNumberFooter() },
        children: planBody(campaign, budget),
      },
    ],
  });
  return docx.Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}

/** "2027年春节慰问送温暖活动" → "2027年春节慰问送温暖活动-实施方案.docx", safe on Windows, macOS and Linux. */
export function planDocumentFileName(campaign: Pick<Campaign, 'name'>): string {
  const safe = clean(campaign.name)
    .replace(/[\\/:*?"<>|]/g, '')
    .replace(/\s+/g, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, 80);
  return `${safe || '慰问活动'}-实施方案.docx`;
}

export function planTitle(campaign: Pick<Campaign, 'name'>): string {
  const name = clean(campaign.name).trim();
  if (!name) return '慰问活动实施方案';
  return name.endsWith('方案') ? name : `${name}实施方案`;
}

// ---------------------------------------------------------------------------------------------
// The body, section by section

function planBody(campaign: Campaign, budget: Budget): Block[] {
  const sections: Block[][] = [
    purposeSection(campaign),
    beneficiariesSection(campaign),
    fundsSection(campaign, budget),
    scheduleSection(campaign.phases),
    requirementsSection(campaign.requirements),
    responsibilitiesSection(campaign.activities),
  ];
  return [
    ...titleBlock(campaign),
    ...sections.flatMap((blocks, index) => [sectionHeading(index, SECTION_TITLES[index] ?? ''), ...blocks]),
    ...signatureBlock(campaign),
  ];
}

function titleBlock(campaign: Campaign): Paragraph[] {
  const title = new docx.Paragraph({
    alignment: 'center',
    spacing: { line: 700, lineRule: 'exact', after: 280 },
    children: [textRun(planTitle(campaign), 'title', { size: SIZE.title })],
  });
  const slogan = clean(campaign.slogan).trim();
  if (!slogan) return [title, blankLine()];
  const sloganLine = new docx.Paragraph({
    alignment: 'center',
    spacing: { ...LINE_EXACT_28PT, after: 280 },
    children: [textRun(`——${slogan}`, 'kai')],
  });
  return [title, sloganLine];
}

function purposeSection(campaign: Campaign): Paragraph[] {
  return bodyParagraphs(campaign.purpose);
}

function beneficiariesSection(campaign: Campaign): Paragraph[] {
  const layers = categoriesByLayer(campaign.categories);
  if (layers.length === 0) return [bodyParagraph(EMPTY_TEXT)];
  return layers.flatMap(({ layer, categories }, index) => [
    subHeading(index, LAYER_LABELS_ZH[layer]),
    ...categories.map((category, i) => bodyParagraph(`${i + 1}、${beneficiaryLine(category)}`)),
  ]);
}

function beneficiaryLine(category: CampaignCategory): string {
  const note = clean(category.countNote).trim();
  const count = `${category.plannedCount}人${note ? `（${note}）` : ''}`;
  const description = clean(category.description).trim();
  return `${clean(category.name)}，${count}${description ? `。${stripFinalStop(description)}` : ''}。`;
}

function fundsSection(campaign: Campaign, budget: Budget): Block[] {
  if (budget.lines.length === 0)
    return [bodyParagraph(EMPTY_TEXT), ...matchingFundsParagraphs(campaign.matchingFunds, budget)];
  return [
    bodyParagraph(`本次活动共慰问${budget.totalCount}人，慰问标准及所需资金如下表：`, { keepNext: true }),
    budgetTable(budget, campaign.categories),
    bodyParagraph(layerSummarySentence(budget)),
    bodyParagraph(`本次活动所需总资金${formatFen(budget.grandTotalFen)}元。`),
    ...matchingFundsParagraphs(campaign.matchingFunds, budget),
    ...unitPlanBlocks(campaign, budget),
  ];
}

function layerSummarySentence(budget: Budget): string {
  const parts = budget.layers.map(
    (subtotal) => `${LAYER_LABELS_ZH[subtotal.layer]}${subtotal.count}人，所需资金共${formatFen(subtotal.totalFen)}元`,
  );
  return `其中，${parts.join('；')}。`;
}

function matchingFundsParagraphs(funds: MatchingFund[], budget: Budget): Paragraph[] {
  if (funds.length === 0) return [];
  const parts = funds.map((fund) => {
    const note = clean(fund.note).trim();
    return `${clean(fund.unitName)}${formatFen(fund.amountFen)}元${note ? `（${note}）` : ''}`;
  });
  return [
    bodyParagraph(`各单位配套资金共${formatFen(budget.matchingTotalFen)}元，其中：${parts.join('；')}。`),
    bodyParagraph(`连同配套资金，本次活动共投入资金${formatFen(budget.overallFen)}元。`),
  ];
}

function unitPlanBlocks(campaign: Campaign, budget: Budget): Block[] {
  if (campaign.unitPlans.length === 0 || budget.units.length === 0) return [];
  return [
    bodyParagraph('各单位慰问名额分配如下表：', { keepNext: true }),
    unitPlanTable(campaign, budget),
    blankLine(),
  ];
}

function scheduleSection(phases: CampaignPhase[]): Paragraph[] {
  if (phases.length === 0) return [bodyParagraph(EMPTY_TEXT)];
  return bySort(phases).map((phase, index) => {
    const lead = `${subNumber(index)}${clean(phase.name)}（${formatDateRange(phase.startsOn, phase.endsOn)}）。`;
    return leadParagraph(lead, clean(phase.description).trim());
  });
}

function requirementsSection(requirements: string | null): Paragraph[] {
  const lines = splitLines(requirements);
  if (lines.length === 0) return [bodyParagraph(EMPTY_TEXT)];
  return lines.map((line, index) => {
    const { lead, rest } = splitLeadSentence(stripNumbering(line));
    return leadParagraph(`${subNumber(index)}${lead}`, rest);
  });
}

function responsibilitiesSection(activities: CampaignActivity[]): Paragraph[] {
  if (activities.length === 0) return [bodyParagraph(EMPTY_TEXT)];
  return bySort(activities).map((activity, index) => {
    const description = clean(activity.description).trim();
    const units = clean(activity.responsibleUnits).trim() || EMPTY_TEXT;
    const due = activity.dueOn ? `完成时限：${formatDate(activity.dueOn)}前。` : '';
    const rest = [description ? ensureFinalStop(description) : '', `责任单位：${units}。`, due].join('');
    return leadParagraph(`${subNumber(index)}${clean(activity.title) || EMPTY_TEXT}。`, rest);
  });
}

function signatureBlock(campaign: Campaign): Paragraph[] {
  const organiser = clean(campaign.organiserUnitName).trim();
  if (!organiser) return [];
  return [
    blankLine(),
    new docx.Paragraph({
      alignment: 'right',
      indent: { right: 640 },
      spacing: LINE_EXACT_28PT,
      children: [textRun(organiser, 'body')],
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Tables

const BUDGET_COLUMNS = [
  { header: '序号', width: 560 },
  { header: '类别', width: 2084 },
  { header: '人数', width: 700 },
  { header: '慰问金（元/人）', width: 820 },
  { header: '礼品（元/人）', width: 820 },
  { header: '物资', width: 1560 },
  { header: '合计（元/人）', width: 900 },
  { header: '小计（元）', width: 1400 },
] as const;

function budgetTable(budget: Budget, categories: CampaignCategory[]): Table {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const rows: TableRow[] = [headerRow(BUDGET_COLUMNS)];
  let number = 0;
  for (const subtotal of budget.layers) {
    const lines = budget.lines.filter((line) => line.layer === subtotal.layer);
    rows.push(layerRow(LAYER_LABELS_ZH[subtotal.layer]));
    for (const line of lines) rows.push(budgetLineRow((number += 1), line, byId.get(line.categoryId)));
    rows.push(totalRow(`${LAYER_LABELS_ZH[subtotal.layer]}小计`, subtotal.count, subtotal.totalFen));
  }
  rows.push(totalRow('总计', budget.totalCount, budget.grandTotalFen));
  return borderedTable(rows, BUDGET_COLUMNS);
}

function budgetLineRow(number: number, line: BudgetLine, category: CampaignCategory | undefined): TableRow {
  const cells = [
    cell(String(number), { align: 'center' }),
    cell(clean(line.name), { align: 'left' }),
    cell(String(line.count), { align: 'right' }),
    cell(moneyOrDash(line.cashFen), { align: 'right' }),
    cell(moneyOrDash(line.giftFen), { align: 'right' }),
    cell(itemsText(category?.items ?? []), { align: 'left' }),
    cell(formatFen(line.perPersonFen), { align: 'right' }),
    cell(formatFen(line.totalFen), { align: 'right' }),
  ];
  return new docx.TableRow({ cantSplit: true, children: cells });
}

function layerRow(label: string): TableRow {
  return new docx.TableRow({
    cantSplit: true,
    children: [cell(label, { align: 'left', bold: true, columnSpan: BUDGET_COLUMNS.length })],
  });
}

function totalRow(label: string, count: number, totalFen: Fen): TableRow {
  return new docx.TableRow({
    cantSplit: true,
    children: [
      cell(label, { align: 'center', bold: true, columnSpan: 2 }),
      cell(String(count), { align: 'right', bold: true }),
      cell('', { columnSpan: 4 }),
      cell(formatFen(totalFen), { align: 'right', bold: true }),
    ],
  });
}

const UNIT_COLUMNS = [
  { header: '序号', width: 560 },
  { header: '单位', width: 2000 },
  { header: '名额分配', width: 3584 },
  { header: '人数', width: 900 },
  { header: '资金（元）', width: 1800 },
] as const;

function unitPlanTable(campaign: Campaign, budget: Budget): Table {
  const names = new Map(campaign.categories.map((category) => [category.id, clean(category.name)]));
  const rows = budget.units.map((unit, index) => {
    const plans = campaign.unitPlans.filter((plan) => plan.unitId === unit.unitId && names.has(plan.categoryId));
    const detail = plans.map((plan) => `${names.get(plan.categoryId)}${plan.plannedCount}人`).join('、');
    return new docx.TableRow({
      cantSplit: true,
      children: [
        cell(String(index + 1), { align: 'center' }),
        cell(clean(unit.unitName), { align: 'left' }),
        cell(detail || '—', { align: 'left' }),
        cell(String(unit.count), { align: 'right' }),
        cell(formatFen(unit.totalFen), { align: 'right' }),
      ],
    });
  });
  const count = budget.units.reduce((n, unit) => n + unit.count, 0);
  const total = sumFen(budget.units.map((unit) => unit.totalFen));
  const totals = new docx.TableRow({
    cantSplit: true,
    children: [
      cell('合计', { align: 'center', bold: true, columnSpan: 3 }),
      cell(String(count), { align: 'right', bold: true }),
      cell(formatFen(total), { align: 'right', bold: true }),
    ],
  });
  return borderedTable([headerRow(UNIT_COLUMNS), ...rows, totals], UNIT_COLUMNS);
}

function headerRow(columns: readonly { header: string; width: number }[]): TableRow {
  return new docx.TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((column) => cell(column.header, { align: 'center', bold: true, width: column.width })),
  });
}

function borderedTable(rows: TableRow[], columns: readonly { width: number }[]): Table {
  const line: Border = { style: 'single', size: 4, color: '000000' };
  return new docx.Table({
    rows,
    width: { size: columns.reduce((sum, column) => sum + column.width, 0), type: 'dxa' },
    columnWidths: columns.map((column) => column.width),
    layout: 'fixed',
    alignment: 'center',
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
  });
}

interface CellOptions {
  align?: Align;
  bold?: boolean;
  columnSpan?: number;
  width?: number;
}

function cell(text: string, options: CellOptions = {}): TableCell {
  return new docx.TableCell({
    verticalAlign: 'center',
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    ...(options.columnSpan ? { columnSpan: options.columnSpan } : {}),
    ...(options.width ? { width: { size: options.width, type: 'dxa' } } : {}),
    children: [
      new docx.Paragraph({
        alignment: options.align ?? 'left',
        spacing: { before: 0, after: 0, line: 300, lineRule: 'auto' },
        children: text ? [textRun(text, 'table', { size: SIZE.table, bold: options.bold ?? false })] : [],
      }),
    ],
  });
}

/** "大米20斤/袋×2、食用油5L/桶×1" — what one person receives in kind. */
export function itemsText(items: CategoryItemLine[]): string {
  if (items.length === 0) return '—';
  return items.map((item) => `${clean(item.name)}${clean(item.spec)}×${item.quantity}`).join('、');
}

function moneyOrDash(fen: Fen): string {
  return fen === 0 ? '—' : formatFen(fen);
}

// ---------------------------------------------------------------------------------------------
// Paragraph builders

function sectionHeading(index: number, title: string): Paragraph {
  return new docx.Paragraph({
    keepNext: true,
    outlineLevel: 0,
    indent: FIRST_LINE_TWO_CHARS,
    spacing: LINE_EXACT_28PT,
    children: [textRun(`${chineseNumeral(index + 1)}、${title}`, 'heading')],
  });
}

function subHeading(index: number, title: string): Paragraph {
  return new docx.Paragraph({
    keepNext: true,
    outlineLevel: 1,
    indent: FIRST_LINE_TWO_CHARS,
    spacing: LINE_EXACT_28PT,
    children: [textRun(`${subNumber(index)}${title}`, 'kai')],
  });
}

/** A paragraph opening with a short lead phrase in 楷体 (e.g. "（一）加强领导。") and the rest in 仿宋. */
function leadParagraph(lead: string, rest: string): Paragraph {
  return new docx.Paragraph({
    indent: FIRST_LINE_TWO_CHARS,
    spacing: LINE_EXACT_28PT,
    alignment: 'both',
    children: [textRun(lead, 'kai'), ...(rest ? [textRun(rest, 'body')] : [])],
  });
}

function bodyParagraphs(text: string | null): Paragraph[] {
  const lines = splitLines(text);
  return lines.length === 0 ? [bodyParagraph(EMPTY_TEXT)] : lines.map((line) => bodyParagraph(line));
}

function bodyParagraph(text: string, options: { keepNext?: boolean } = {}): Paragraph {
  return new docx.Paragraph({
    indent: FIRST_LINE_TWO_CHARS,
    spacing: LINE_EXACT_28PT,
    alignment: 'both',
    keepNext: options.keepNext ?? false,
    children: [textRun(text, 'body')],
  });
}

function blankLine(): Paragraph {
  return new docx.Paragraph({ spacing: LINE_EXACT_28PT, children: [] });
}

function textRun(text: string, role: FontRole, options: RunStyle = {}): TextRun {
  return new docx.TextRun({ size: SIZE.body, ...options, text: clean(text), font: runFont(role) });
}

function runFont(role: FontRole): FontAttributes {
  return { eastAsia: FONTS[role].name, ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, hint: 'eastAsia' };
}

function defaultRun(): RunStyle {
  return { font: runFont('body'), size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } };
}

function pageNumberFooter(): Footer {
  const font = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: FONTS.table.name };
  return new docx.Footer({
    children: [
      new docx.Paragraph({
        alignment: 'center',
        children: [new docx.TextRun({ children: ['— ', docx.PageNumber.CURRENT, ' —'], font, size: SIZE.footer })],
      }),
    ],
  });
}

/**
 * The font table docx leaves empty: each font with its alternative name, the GB2312 character set
 * and a family, so an office suite without 方正小标宋简体 substitutes 宋体 rather than a Latin font.
 */
function fontTableXml(): string {
  const cjk = Object.values(FONTS).map(
    (font) =>
      `<w:font w:name="${font.name}"><w:altName w:val="${font.alt}"/><w:charset w:val="86"/>` +
      `<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
  );
  const latin =
    `<w:font w:name="${LATIN_FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>` +
    `<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    [...cjk, latin].join('') +
    '</w:fonts>'
  );
}

// ---------------------------------------------------------------------------------------------
// Text helpers

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; from 100 on, Arabic digits. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return `${tensText}${ones === 0 ? '' : DIGITS[ones]}`;
}

function subNumber(index: number): string {
  return `（${chineseNumeral(index + 1)}）`;
}

/** "2026-12-01", "2026-12-20" → "2026年12月1日至12月20日"; the year repeats only when it changes. */
export function formatDateRange(startsOn: string, endsOn: string): string {
  const start = parseDate(startsOn);
  const end = parseDate(endsOn);
  if (!start || !end) return [startsOn, endsOn].filter(Boolean).join('至') || EMPTY_TEXT;
  if (startsOn === endsOn) return formatDate(startsOn);
  const endText = start.year === end.year ? `${end.month}月${end.day}日` : formatDate(endsOn);
  return `${formatDate(startsOn)}至${endText}`;
}

export function formatDate(isoDate: string): string {
  const date = parseDate(isoDate);
  return date ? `${date.year}年${date.month}月${date.day}日` : clean(isoDate);
}

function parseDate(isoDate: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function splitLines(text: string | null): string[] {
  return clean(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Drops numbering the author typed ("1、", "（一）", "一、", "2.") so it is not numbered twice. */
function stripNumbering(line: string): string {
  return line.replace(/^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+\s*[、.．])\s*/, '');
}

/** "加强领导。各有关单位要……" → lead "加强领导。" when the first sentence is a short heading. */
function splitLeadSentence(line: string): { lead: string; rest: string } {
  const stop = line.indexOf('。');
  if (stop > 0 && stop <= 20 && stop < line.length - 1)
    return { lead: line.slice(0, stop + 1), rest: line.slice(stop + 1) };
  return { lead: '', rest: line };
}

function stripFinalStop(text: string): string {
  return text.replace(/[。.；;]+$/, '');
}

function ensureFinalStop(text: string): string {
  return /[。！？]$/.test(text) ? text : `${stripFinalStop(text)}。`;
}

function categoriesByLayer(categories: CampaignCategory[]): { layer: CategoryLayer; categories: CampaignCategory[] }[] {
  return CATEGORY_LAYERS.map((layer) => ({
    layer,
    categories: bySort(categories.filter((category) => category.layer === layer)),
  })).filter((group) => group.categories.length > 0);
}

function bySort<T extends { sort: number; id: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.sort - b.sort || a.id - b.id);
}

/** Characters XML 1.0 cannot carry (Word refuses the file if they slip through). */
function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}
